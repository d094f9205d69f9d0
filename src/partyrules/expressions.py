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
from collections.abc import Collection, Iterable, Iterator

import attrs

from .conditions import AllOf, AnyOf, Compare, Condition, In, Leaf, Not, Param, Scalar, fold
from .errors import ExpressionError, RulesetError
from .problems import Problem, excerpt, suggest
from .text.catalogue import msg

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
            hint = msg("expr.quote_hint") if value in "'\"" else None
            raise ExpressionError(msg("expr.unexpected_character", char=repr(value)), column, hint)
        if kind == "dot":
            raise ExpressionError(msg("expr.attribute"), column, msg("expr.attribute_hint"))
        if kind == "op" and value == "=":
            raise ExpressionError(msg("expr.single_equals"), column, msg("expr.single_equals_hint"))
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
            raise ExpressionError(msg("expr.ends_early"), len(self.text) + 1)
        self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "name" and token.text == word

    def expect_punct(self, char: str) -> None:
        token = self.take()
        if token.text != char:
            raise ExpressionError(msg("expr.expected_char", char=repr(char), found=repr(token.text)), token.column)

    # -- grammar ----------------------------------------------------------------------------------

    def parse(self) -> Condition:
        if not self.tokens:
            raise ExpressionError(msg("expr.empty"), 1)
        condition = self.or_(0)
        token = self.peek()
        if token is not None:
            hint = msg("expr.combine_hint") if token.kind in ("name", "number") else None
            raise ExpressionError(msg("expr.unexpected", found=repr(token.text)), token.column, hint)
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
            raise ExpressionError(msg("expr.too_deep", most=MAX_DEPTH), column)
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
            raise ExpressionError(msg("expr.expected_fact", found=repr(token.text)), token.column)
        after = self.peek()
        if after is not None and after.text == "(":
            raise ExpressionError(msg("expr.calls"), after.column, msg("expr.calls_hint"))
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
            raise ExpressionError(msg("expr.not_a_fact_name", name=repr(token.text)), token.column)
        if token.text not in self.facts:
            if token.text in self.params:
                raise ExpressionError(msg("expr.param_first", name=repr(token.text)), token.column)
            raise ExpressionError(
                msg("expr.unknown_fact", name=repr(token.text)), token.column, suggest(token.text, self.facts)
            )
        return token.text

    def value(self) -> Scalar | Param:
        token = self.take()
        if token.kind == "number":
            text = token.text
            number = float(text) if any(c in text for c in ".eE") else int(text)
            if not math.isfinite(number) or abs(number) > MAX_NUMBER:
                raise ExpressionError(
                    msg("expr.number_range", number=text[:40]), token.column, msg("expr.number_range_hint")
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
                    raise ExpressionError(msg("expr.calls"), after.column)
                return Param(token.text)
            if token.text in self.facts:
                raise ExpressionError(
                    msg("expr.fact_as_value", name=repr(token.text)), token.column, msg("expr.fact_as_value_hint")
                )
            hint = suggest(token.text, [*self.params, "true", "false"])
            advice = hint or msg("expr.quote_text_hint", text=token.text)
            raise ExpressionError(msg("expr.unknown_param", name=repr(token.text)), token.column, advice)
        raise ExpressionError(msg("expr.expected_value", found=repr(token.text)), token.column)


def parse(text: str, facts: Iterable[str] | None = None, params: Iterable[str] = ()) -> Condition:
    """Parse a condition; ``facts`` and ``params`` are the names it may use (``None``: any fact).

    Raises :class:`ExpressionError` with the column of the problem.
    """
    if not isinstance(text, str):
        raise ExpressionError(msg("expr.not_text", type=type(text).__name__), 1)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(msg("expr.too_long", length=len(text), most=MAX_LENGTH), MAX_LENGTH)
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

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def render(condition: Condition) -> str:
    """Write a condition in the language of framework files: ``parse(render(c)) == c`` for every
    condition the language can write (``all_of`` and ``any_of`` of two items or more).

    Raises :class:`~partyrules.errors.RulesetError` (a ``ValueError``) for a text value that no
    quotes can hold (it has both quote marks, a backslash or a line break).
    """

    def leaf(node: Leaf) -> tuple[str, bool]:
        if isinstance(node, In):
            return f"{node.fact} in ({', '.join(_render_value(v) for v in node.values)})", False
        if node.op == "==" and node.value is True:
            return node.fact, False
        return f"{node.fact} {node.op} {_render_value(node.value)}", False

    def part(item: tuple[str, bool]) -> str:
        text, combined = item
        return f"({text})" if combined else text

    text, _ = fold(
        condition,
        leaf=leaf,
        all_=lambda items: (" and ".join(part(i) for i in items), True),
        any_=lambda items: (" or ".join(part(i) for i in items), True),
        not_=lambda item: (f"not {part(item)}", False),
    )
    return text


def _render_value(value: Scalar | Param) -> str:
    if isinstance(value, Param):
        return value.name
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if "\\" in value or "\n" in value or ("'" in value and '"' in value):
        raise RulesetError([Problem(msg("expr.unwritable_text", text=excerpt(value)))], what=msg("what.condition"))
    return f'"{value}"' if "'" in value else f"'{value}'"
