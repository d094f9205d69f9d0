"""The message catalogue: every sentence partyrules shows, as a key with its Vietnamese and
English text, and the language in use.

A :class:`Message` is a key and its arguments, rendered late: an error raised deep in the
library is worded in the language of whoever prints it.

>>> from partyrules.text.catalogue import msg, use_language
>>> message = msg("problem.unknown_fact")
>>> str(message)
'unknown fact'
>>> with use_language("vi"):
...     str(message)
'không có dữ kiện này'

The language is a context variable (like :mod:`decimal`'s context): English by default in the
library, chosen by ``--lang`` or the locale on the command line.  This module imports nothing
else of partyrules, so that every layer can word its errors with it.
"""

from __future__ import annotations

import errno
import locale
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from . import (
    _explain,
    _facts,
    _files,
    _frameworks,
    _help,
    _input,
    _limits,
    _options,
    _parsers,
    _report,
    _review,
    _rules,
    _words,
)

__all__ = [
    "CATALOGUE",
    "LANGS",
    "Message",
    "Words",
    "language",
    "language_from_environment",
    "msg",
    "os_reason",
    "parser_words",
    "render",
    "safe",
    "set_language",
    "use_language",
]

LANGS = ("vi", "en")

#: Every message: key → (Vietnamese, English).
CATALOGUE: Mapping[str, tuple[str, str]] = {
    **_words.MESSAGES,
    **_rules.MESSAGES,
    **_input.MESSAGES,
    **_files.MESSAGES,
    **_explain.MESSAGES,
    **_review.MESSAGES,
    **_limits.MESSAGES,
    **_report.MESSAGES,
    **_help.MESSAGES,
    **_options.MESSAGES,
    **_frameworks.MESSAGES,
    **_facts.MESSAGES,
    **_parsers.MESSAGES,
}

_PARSER_SENTENCES = tuple((re.compile(pattern), key) for pattern, key in _parsers.PATTERNS)

_LANGUAGE: ContextVar[str] = ContextVar("partyrules_language", default="en")


def language() -> str:
    """The language messages are rendered in here (``vi`` or ``en``)."""
    return _LANGUAGE.get()


def _check(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


def set_language(lang: str) -> Token[str]:
    """Render messages in ``lang`` from now on in this context; returns the token to reset it."""
    return _LANGUAGE.set(_check(lang))


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Render messages in ``lang`` inside the ``with`` block."""
    token = _LANGUAGE.set(_check(lang))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``vi`` when the locale is Vietnamese (the first of ``LANGUAGE``'s list, else ``LC_ALL``,
    ``LC_MESSAGES`` or ``LANG``, as gettext reads them, starts with ``vi``), else ``en``.  Where
    none is set (Windows sets none), the system's locale decides (``Vietnamese_Vietnam``)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (os.environ if environ is None else environ).get(name, "").partition(":")[0]
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    if environ is not None or sys.platform != "win32":  # elsewhere, as gettext: the variables only
        return "en"
    try:
        system = locale.getlocale(locale.LC_CTYPE)[0] or ""
    except ValueError:  # a locale Python cannot parse
        system = ""
    return "vi" if system.lower().startswith(("vi_", "vietnamese")) else "en"


class Message:
    """A catalogue key and its arguments; :meth:`render` words it in a language."""

    __slots__ = ("args", "key")

    def __init__(self, key: str, args: Mapping[str, Any] | None = None) -> None:
        self.key = key
        self.args: tuple[tuple[str, Any], ...] = tuple(args.items()) if args else ()

    def render(self, lang: str | None = None) -> str:
        return render(self.key, lang, dict(self.args))

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        inner = "".join(f", {k}={v!r}" for k, v in self.args)
        return f"msg({self.key!r}{inner})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.key == other.key and self.args == other.args

    def __hash__(self) -> int:
        return hash((self.key, tuple(k for k, _ in self.args)))

    def __reduce__(self) -> tuple[object, ...]:
        return (Message, (self.key, dict(self.args)))


class Words:
    """A text given in both languages by whoever wrote it (a framework's exemption reason), shown
    like a :class:`Message`: in the language in use."""

    __slots__ = ("en", "vi")

    def __init__(self, vi: str, en: str) -> None:
        self.vi, self.en = vi, en

    def render(self, lang: str | None = None) -> str:
        return self.vi if (lang or _LANGUAGE.get()) == "vi" else self.en

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Words({self.vi!r}, {self.en!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Words):
            return NotImplemented
        return (self.vi, self.en) == (other.vi, other.en)

    def __hash__(self) -> int:
        return hash((self.vi, self.en))

    def __reduce__(self) -> tuple[object, ...]:
        return (Words, (self.vi, self.en))


def msg(key: str, /, **args: Any) -> Message:
    """The message ``key`` with ``args`` (rendered when it is shown)."""
    return Message(key, args)


def os_reason(error: OSError) -> Message | str:
    """What the system said of ``error`` (``No such file or directory``), as a message where the
    catalogue words it (``os.ENOENT``), else its own text (partyrules' own, or an uncommon one)."""
    name = errno.errorcode.get(error.errno or 0, "")
    if f"os.{name}" in CATALOGUE and error.errno is not None and error.strerror == os.strerror(error.errno):
        return Message(f"os.{name}")
    return str(error.strerror or error)


def parser_words(sentence: str) -> Message | str:
    """What a YAML, JSON or TOML parser said (``Expecting value``), as a message where the
    catalogue words it, else as the parser wrote it."""
    sentence = re.sub(r"\s*\(at end of document\)$", "", sentence.strip())  # tomllib's position
    for pattern, key in _PARSER_SENTENCES:
        found = pattern.match(sentence)
        if found is not None:
            return Message(key, found.groupdict())
    return sentence


def safe(text: object) -> str:
    """A value shown to a person: control characters (a line break, an escape sequence, a
    right-to-left override) written as escapes, so an id cannot move the cursor, clear the
    screen, reorder a line or forge one."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value)


def _arg(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return value if value.isprintable() else safe(value)
    if isinstance(value, Message | Words):
        return value.render(lang)
    if isinstance(value, list | tuple) and any(isinstance(v, Message | Words) for v in value):
        return ", ".join(_arg(v, lang) for v in value)
    return value


def render(key: str, lang: str | None = None, args: Mapping[str, Any] | None = None) -> str:
    """The text of ``key`` in ``lang`` (default: the language in use), with ``args`` in place."""
    lang = lang or _LANGUAGE.get()
    entry = CATALOGUE.get(key)
    if entry is None:  # a programming error; the catalogue test keeps it from happening
        return key + ("" if not args else " " + repr(dict(args)))
    template = entry[0] if lang == "vi" else entry[1]
    if not args:
        return template
    try:
        return template.format(**{name: _arg(value, lang) for name, value in args.items()})
    except (KeyError, IndexError, ValueError):
        return f"{template} {dict(args)!r}"
