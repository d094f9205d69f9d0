"""The condition language of framework files, parsed into the same trees as the Python API.

Grammar (our own; nothing is evaluated, imported or called)::

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | "(" condition ")" | test
    test       := NAME op value | NAME "in" "(" value ("," value)* ")" | NAME
    op         := "<" | "<=" | ">" | ">=" | "==" | "!="
    value      := NUMBER | STRING | "true" | "false" | NAME

A NAME on the left is a fact; a bare NAME is a boolean fact that must be true; a NAME on the
right is a parameter.  ``regular_meetings_held >= 11 and thematic_meetings_held >= 4``

>>> condition = parse("regular_meetings_held >= 11 and not disunity_concluded")
>>> condition
all_of(fact('regular_meetings_held') >= 11, not_(fact('disunity_concluded') == True))
>>> render(condition)
'regular_meetings_held >= 11 and not disunity_concluded'
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable

import attrs

from .errors import PartyrulesError, did_you_mean
from .rules import AllOf, AnyOf, Compare, Condition, In, Not, Param, Scalar

__all__ = ["ExpressionError", "parse", "render"]

MAX_LENGTH = 2000
MAX_DEPTH = 16
#: Numbers in a condition lie within ±MAX_NUMBER: both engines compare them exactly (a 64-bit
#: float holds every integer up to 2**53), and a huge or infinite number is a typing mistake.
MAX_NUMBER = 10**15
KEYWORDS = {"and", "or", "not", "in", "true", "false"}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<string>'[^'\\\n]*'|"[^"\\\n]*")
  | (?P<op><=|>=|==|!=|<|>|=)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(),])
  | (?P<dot>\.)
  | (?P<other>.)
    """,
    re.VERBOSE,
)


@attrs.frozen
class ExpressionError(PartyrulesError, ValueError):
    """A problem in a condition: ``column`` is 1-based within the expression text."""

    message: str
    column: int
    hint: str | None = None

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@attrs.frozen
class _Token:
    kind: str
    text: str
    column: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        column = match.start() + 1
        value = match.group()
        if kind == "space":
            continue
        if kind == "other":
            hint = "a text starts and ends with the same quote, on one line" if value in "'\"" else None
            raise ExpressionError(f"unexpected character {value!r}", column, hint)
        if kind == "dot":
            raise ExpressionError("attribute access is not allowed", column, "a name is a fact or a parameter")
        if kind == "op" and value == "=":
            raise ExpressionError("'=' is not a comparison", column, "write '==' for equality")
        tokens.append(_Token(kind, value, column))
    return tokens


class _Parser:
    def __init__(self, text: str, facts: Collection[str], params: Collection[str]) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.index = 0
        self.facts = facts
        self.params = params

    # -- helpers ----------------------------------------------------------------------------------

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise ExpressionError("the condition ends too early", len(self.text) + 1)
        self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "name" and token.text == word

    def expect_punct(self, char: str) -> None:
        token = self.take()
        if token.text != char:
            raise ExpressionError(f"expected {char!r}, found {token.text!r}", token.column)

    # -- grammar ----------------------------------------------------------------------------------

    def parse(self) -> Condition:
        if not self.tokens:
            raise ExpressionError("the condition is empty", 1)
        condition = self.or_(0)
        token = self.peek()
        if token is not None:
            hint = "combine tests with 'and' / 'or'" if token.kind in ("name", "number") else None
            raise ExpressionError(f"unexpected {token.text!r}", token.column, hint)
        return condition

    def or_(self, depth: int) -> Condition:
        items = [self.and_(depth)]
        while self.is_word("or"):
            self.take()
            items.append(self.and_(depth))
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def and_(self, depth: int) -> Condition:
        items = [self.not_(depth)]
        while self.is_word("and"):
            self.take()
            items.append(self.not_(depth))
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def not_(self, depth: int) -> Condition:
        token = self.peek()
        if depth >= MAX_DEPTH:
            column = token.column if token else len(self.text)
            raise ExpressionError(f"the condition is nested deeper than {MAX_DEPTH} levels", column)
        if self.is_word("not"):
            self.take()
            return Not(self.not_(depth + 1))
        if token is not None and token.text == "(":
            self.take()
            inner = self.or_(depth + 1)
            self.expect_punct(")")
            return inner
        return self.test()

    def test(self) -> Condition:
        token = self.take()
        if token.kind != "name" or token.text in KEYWORDS:
            raise ExpressionError(f"expected a fact name, found {token.text!r}", token.column)
        after = self.peek()
        if after is not None and after.text == "(":
            raise ExpressionError("calls are not allowed", after.column, "a condition compares facts with values")
        name = self.fact_name(token)
        if after is not None and after.kind == "op":
            self.take()
            return Compare(after.text, name, self.value())
        if self.is_word("in"):
            self.take()
            self.expect_punct("(")
            values = [self.value()]
            while (self.peek() or _Token("", "", 0)).text == ",":
                self.take()
                values.append(self.value())
            self.expect_punct(")")
            return In(name, tuple(values))
        return Compare("==", name, True)

    def fact_name(self, token: _Token) -> str:
        if token.text.startswith("__"):
            raise ExpressionError(f"{token.text!r} is not a fact name", token.column)
        if token.text not in self.facts:
            if token.text in self.params:
                raise ExpressionError(f"{token.text!r} is a parameter; a test starts with a fact", token.column)
            hint = did_you_mean(token.text, self.facts)
            raise ExpressionError(
                f"unknown fact {token.text!r}", token.column, f"did you mean {hint!r}?" if hint else None
            )
        return token.text

    def value(self) -> Scalar | Param:
        token = self.take()
        if token.kind == "number":
            text = token.text
            number = float(text) if any(c in text for c in ".eE") else int(text)
            if not math.isfinite(number) or abs(number) > MAX_NUMBER:
                raise ExpressionError(
                    f"the number {text} is out of range", token.column, "use a number between -1e15 and 1e15"
                )
            return number
        if token.kind == "string":
            return token.text[1:-1]
        if token.kind == "name":
            if token.text == "true":
                return True
            if token.text == "false":
                return False
            if token.text in self.params:
                after = self.peek()
                if after is not None and after.text == "(":
                    raise ExpressionError("calls are not allowed", after.column)
                return Param(token.text)
            if token.text in self.facts:
                raise ExpressionError(
                    f"{token.text!r} is a fact: a test compares a fact with a value or a parameter",
                    token.column,
                    "declare a derived fact in a Python ruleset to compare two facts",
                )
            hint = did_you_mean(token.text, [*self.params, "true", "false"])
            raise ExpressionError(
                f"unknown parameter {token.text!r}",
                token.column,
                f"did you mean {hint!r}?" if hint else f"a text is written in quotes: '{token.text}'",
            )
        raise ExpressionError(f"expected a value, found {token.text!r}", token.column)


def parse(text: str, facts: Iterable[str] | None = None, params: Iterable[str] = ()) -> Condition:
    """Parse a condition; ``facts`` and ``params`` are the names it may use (``None``: any fact).

    Raises :class:`ExpressionError` with the column of the problem.
    """
    if not isinstance(text, str):
        raise ExpressionError(f"a condition is a text, got {type(text).__name__}", 1)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the condition is {len(text)} characters long; at most {MAX_LENGTH}", MAX_LENGTH)
    param_names = set(params)
    if facts is None:
        fact_names: Collection[str] = _AnyName(param_names)
    else:
        fact_names = set(facts)
    return _Parser(text, fact_names, param_names).parse()


class _AnyName(Collection[str]):
    """Every name but the parameters (to parse without a schema)."""

    def __init__(self, params: set[str]) -> None:
        self.params = params

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name not in self.params and name not in KEYWORDS

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(())

    def __len__(self) -> int:
        return 0


def render(condition: Condition) -> str:
    """Write a condition in the language of framework files: ``parse(render(c)) == c`` for every
    condition the language can write (``all_of`` and ``any_of`` of two items or more).

    Raises ``ValueError`` for a text value that no quotes can hold (it has both quote marks, a
    backslash or a line break).
    """
    if isinstance(condition, Compare):
        if condition.op == "==" and condition.value is True:
            return condition.fact
        return f"{condition.fact} {condition.op} {_render_value(condition.value)}"
    if isinstance(condition, In):
        return f"{condition.fact} in ({', '.join(_render_value(v) for v in condition.values)})"
    if isinstance(condition, Not):
        return f"not {_render_part(condition.item)}"
    if isinstance(condition, AllOf | AnyOf):
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(_render_part(item) for item in condition.items)
    raise TypeError(f"expected a condition, got {type(condition).__name__}")


def _render_part(condition: Condition) -> str:
    text = render(condition)
    return f"({text})" if isinstance(condition, AllOf | AnyOf) else text


def _render_value(value: Scalar | Param) -> str:
    if isinstance(value, Param):
        return value.name
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if "\\" in value or "\n" in value or ("'" in value and '"' in value):
        raise ValueError(f"the text {value!r} cannot be written in a framework file")
    return f'"{value}"' if "'" in value else f"'{value}'"
