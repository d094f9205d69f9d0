"""Reading input files one unit at a time: JSON Lines (one unit per line), YAML (one unit per
document, ``---`` between them), or a single JSON or YAML document.

A unit is one document of the input format (docs/reference/input.md): usually one grassroots
committee with its cells and members, or standalone cells or members.  Only one unit is held at a
time, so memory does not grow with the number of units.  YAML is read with the C loader where
PyYAML has it; both loaders refuse a key written twice.  Every problem names the file, and the
line and column where known.

Only regular files are read; a file read whole (JSON, YAML of one document) within the
``file_size`` limit, each unit of a streamed file within ``unit_size``, and every unit parsed is
checked against the other limits (:func:`partyrules.limits.check_data`) before it is used.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import yaml

from ..errors import InputError
from ..limits import check_data, current_limits
from ..problems import Problem, render_loc
from ..text.catalogue import Message, msg, parser_words
from .files import open_regular

__all__ = ["STDIN", "SUFFIXES", "Unit", "read_data", "read_units"]

#: The file types partyrules reads, by suffix (spreadsheets: filled templates, :mod:`.sheets`).
SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".xlsx", ".csv")

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE):  # type: ignore[valid-type, misc]
    """A safe YAML loader (the C one where available) that refuses duplicate keys: a silent
    overwrite would lose data."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # '<<: *anchor' then overrides is meant
            continue
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be a text or a number, got a {type(key).__name__}", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

#: The most digits an integer may have to be converted at all (Python refuses more than 4,300;
#: the limits refuse far fewer, with the value's path, once it is read).
_DIGITS = 1000


class _LongInteger(yaml.constructor.ConstructorError):
    """An integer too long to convert, refused before Python tries (and raises ValueError)."""


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    if len(node.value) > _DIGITS:
        raise _LongInteger(None, None, "", node.start_mark)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (a repeated key would silently lose data)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


@attrs.frozen
class Unit:
    """One unit of an input file: its parsed data (or, read with ``parse=False``, its raw bytes,
    parsed by :meth:`load` where it is evaluated), and where it starts (``line`` is ``None`` for
    a file that is one document: its problems are located by their path alone)."""

    data: Any
    file: str
    line: int | None = None
    #: The unit's bytes, not yet decoded or parsed (``parse=False``), and their syntax.
    text: bytes | None = None
    syntax: str = "json"
    #: Where :attr:`text` starts in the file, in bytes.
    offset: int = 0
    #: A spreadsheet's cell of each value, by location in the document (:mod:`partyrules.io.sheets`),
    #: and the problems its reader found that still let it be evaluated.
    places: dict[Any, str] | None = None
    problems: tuple[Problem, ...] = ()

    def load(self) -> Any:
        """The unit's data (decoded, parsed and checked against the limits now if it was read as
        bytes)."""
        if self.text is None:
            return self.data
        path = Path(self.file)
        limits = current_limits()
        if self.line is not None and len(self.text) > limits.unit_size:
            raise _problem(path, msg("limit.unit_size", limit=limits.unit_size), self.line)
        try:
            text = self.text.decode("utf-8")
        except UnicodeDecodeError as error:
            message = msg("io.not_utf8", reason=error.reason, byte=self.offset + error.start)
            raise _problem(path, message, self.line) from None
        data = _yaml_text(path, text, self.line) if self.syntax == "yaml" else _json(path, text, self.line)
        return _checked(path, data, self.line)

    def load_unit(self) -> Unit:
        """This unit, parsed (its data loaded, its bytes dropped)."""
        return Unit(self.load(), self.file, self.line)

    def locate(self, problem: Problem) -> Problem:
        """The problem, placed in this unit of the file (in a spreadsheet: at its cell)."""
        if self.places is not None and problem.file is None:
            for end in range(len(problem.loc), -1, -1):
                place = self.places.get(problem.loc[:end])
                if place is not None:
                    return attrs.evolve(problem, file=self.file, place=place)
            return attrs.evolve(problem, file=self.file, place=render_loc(problem.loc))
        if self.line is None or problem.file is not None:
            return problem
        return attrs.evolve(problem, file=self.file, line=self.line, unit=True)


def _problem(
    path: Path, message: Message, line: int | None = None, column: int | None = None, hint: Message | None = None
) -> InputError:
    return InputError([Problem(message, file=str(path), line=line, column=column, hint=hint)])


def _checked(path: Path, data: Any, line: int | None = None) -> Any:
    """``data`` if it is within the limits; else every problem, located in the unit."""
    problems = check_data(data)
    if problems:
        if line is not None:
            problems = [attrs.evolve(p, file=str(path), line=line, unit=True) for p in problems]
        raise InputError(problems)
    return data


def _text(path: Path) -> str:
    """A file read whole (within the ``file_size`` limit), as text."""
    limit = current_limits().file_size
    with open_regular(path, limit=limit) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _problem(path, msg("limit.file_size", size=len(data), limit=limit, name="file_size"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _problem(path, msg("io.not_utf8", reason=error.reason, byte=error.start)) from None


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _problem(
            path,
            msg("io.file_type", suffix=repr(suffix) if suffix else msg("io.no_suffix")),
            hint=msg("io.file_type_hint"),
        )
    return suffix


def _json(path: Path, text: str, line: int | None = None) -> Any:
    """Parse JSON, refusing a key written twice in an object (orjson, faster, cannot see one)."""
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as error:
        where = error.lineno if line is None else line
        raise _problem(path, msg("io.invalid_json", problem=parser_words(error.msg)), where, error.colno) from None
    except RecursionError:
        raise _problem(path, msg("limit.depth_parse"), line) from None
    except ValueError as error:
        if "integer string conversion" in str(error):  # Python's own limit, 4,300 digits
            raise _problem(path, msg("limit.integer_parse", limit=current_limits().integer_digits), line) from None
        raise _problem(path, msg("io.invalid_json", problem=parser_words(str(error))), line) from None


def _yaml_error(path: Path, error: yaml.YAMLError, first_line: int = 1) -> InputError:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    line, column = (mark.line + first_line, mark.column + 1) if mark else (None, None)
    if isinstance(error, _LongInteger):
        return _problem(path, msg("limit.integer_parse", limit=current_limits().integer_digits), line, column)
    return _problem(path, msg("io.invalid_yaml", problem=parser_words(problem)), line, column)


def _yaml_text(path: Path, text: str, line: int | None) -> Any:
    """One YAML document of a file, read as text starting at ``line``."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(path, error, line or 1) from None
    except RecursionError:
        raise _problem(path, msg("limit.depth_parse"), line) from None


#: A line that ends a YAML document: a document marker at the start of a line, which no scalar
#: may contain (YAML's "c-forbidden"), so the file can be cut there without being parsed.
_MARKER = re.compile(rb"(---|\.\.\.)(?:[ \t\r\n]|$)")


def _content(line: bytes) -> bool:
    """Whether a line holds data (not blank, a comment or a directive)."""
    text = line.strip()
    return bool(text) and not text.startswith((b"#", b"%"))


def _yaml_documents(stream: Iterable[bytes], cap: int) -> Iterator[tuple[int, int, bytes]]:
    """The documents of a YAML stream, as bytes cut at the document markers (``---`` starts
    one, ``...`` ends one), each from the line its content starts on (so a parser's line numbers
    count from there): (that line, its byte offset, the bytes).  What holds only comments,
    directives and blank lines is not a document; a bare ``---`` followed by none is an empty one.
    A document growing past ``cap`` bytes is cut there (its unit is then refused as too long)."""
    lines: list[bytes] = []
    start: int | None = None  # the first line with content
    begin = 0  # its byte offset
    explicit: int | None = None  # the line of the '---' that opened the document
    offset = size = 0
    for number, line in enumerate(stream, 1):
        here, offset = offset, offset + len(line)
        marker = _MARKER.match(line)
        if marker is None:
            if start is None and _content(line):
                start, begin = number, here
            if start is not None and size <= cap:
                lines.append(line)
                size += len(line)
            continue
        if start is not None or explicit is not None:
            yield (start or explicit or number), begin if start else here, b"".join(lines)
        lines, start, explicit, size = [], None, None, 0
        if marker.group(1) == b"---":
            explicit = number
            if _content(line[3:]):  # '--- {a: 1}': the content starts on the marker's line
                start, begin = number, here
                lines = [line]
    if start is not None or explicit is not None:
        yield (start or explicit or 1), begin if start else offset, b"".join(lines)


def read_data(path: str | Path) -> Any:
    """Parse a file that holds one document (YAML or JSON; ``-``: standard input); problems name
    the file, line and column."""
    if str(path) == STDIN:
        units = list(_stdin_units())
        return units[0].data if len(units) == 1 else [unit.data for unit in units]
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".jsonl":
        units = list(read_units(path))
        return units[0].data if len(units) == 1 else [unit.data for unit in units]
    if suffix in (".xlsx", ".csv"):
        return next(read_units(path)).data
    text = _text(path)
    if suffix == ".json":
        return _checked(path, _json(path, text))
    return _checked(path, _yaml_text(path, text, None))


def _lines(path: Path, stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """The lines of a stream, each read within ``limit`` bytes (a file with no line break is
    never read whole)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise _problem(path, msg("limit.unit_size", limit=limit), number)
        yield line


def _yaml_units(path: Path) -> Iterator[Unit]:
    """The documents of a YAML file as units of bytes (a file of one document: located by path)."""
    limits = current_limits()
    with open_regular(path) as stream:
        documents = _yaml_documents(_lines(path, stream, limits.unit_size), max(limits.file_size, limits.unit_size))
        first = next(documents, None)
        second = next(documents, None)
        if first is None or second is None:
            if first is not None and len(first[2]) > limits.file_size:
                raise _problem(
                    path, msg("limit.file_size", size=len(first[2]), limit=limits.file_size, name="file_size")
                )
            yield Unit(None, str(path), None, first[2] if first else b"", "yaml", first[1] if first else 0)
            return
        for line, offset, text in (first, second):
            yield Unit(None, str(path), line, text, "yaml", offset)
        for line, offset, text in documents:
            yield Unit(None, str(path), line, text, "yaml", offset)


def _jsonl_units(path: Path) -> Iterator[Unit]:
    """The lines of a JSON Lines file as units of bytes."""
    with open_regular(path) as stream:
        offset = 0
        for number, line in enumerate(_lines(path, stream, current_limits().unit_size), 1):
            here, offset = offset, offset + len(line)
            if line.strip():
                yield Unit(None, str(path), number, line, "json", here)


#: The name that means standard input (``partyrules evaluate -``).
STDIN = "-"


def _stdin_units() -> Iterator[Unit]:
    """Standard input, read whole within the ``file_size`` limit: JSON, JSON Lines (several JSON
    values, a line each) or YAML (one or more documents)."""
    limit = current_limits().file_size
    data = sys.stdin.buffer.read(limit + 1)
    name = Path("<stdin>")
    if len(data) > limit:
        raise _problem(name, msg("limit.file_size", size=len(data), limit=limit, name="file_size"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _problem(name, msg("io.not_utf8", reason=error.reason, byte=error.start)) from None
    if text.lstrip().startswith(("{", "[")):
        try:
            data = _json(name, text)
        except InputError:  # not one JSON document: JSON Lines, when it has several lines
            if len([line for line in text.splitlines() if line.strip()]) < 2:
                raise
        else:
            yield Unit(_checked(name, data), str(name))
            return
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield Unit(None, str(name), number, line.encode(), "json").load_unit()
        return
    documents = list(_yaml_documents(io.BytesIO(data), limit))
    if len(documents) < 2:
        yield Unit(_checked(name, _yaml_text(name, text, None)), str(name))
        return
    for line, offset, chunk in documents:
        yield Unit(None, str(name), line, chunk, "yaml", offset).load_unit()


def read_units(path: str | Path, *, parse: bool = True) -> Iterator[Unit]:
    """The units of an input file, one at a time (see the module's docstring); ``-`` is
    standard input.  With ``parse=False`` a unit of JSON Lines or YAML is left as its bytes
    (:attr:`Unit.text`; a YAML file is cut at its document markers), to be decoded and parsed by
    the worker that evaluates it: the reader only finds where units start."""
    if str(path) == STDIN:
        yield from _stdin_units()
        return
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".json":
        yield Unit(_checked(path, _json(path, _text(path))), str(path))
        return
    if suffix in (".xlsx", ".csv"):
        from .sheets import read_sheets

        data, places, problems = read_sheets(path)
        unit = Unit(data, str(path), places=places, problems=tuple(problems))
        try:
            _checked(path, data)
        except InputError as error:  # at their cells, as every other problem of a spreadsheet
            raise InputError([unit.locate(p) for p in error.problems]) from None
        yield unit
        return
    units = _jsonl_units(path) if suffix == ".jsonl" else _yaml_units(path)
    for unit in units:
        yield Unit(unit.load(), unit.file, unit.line) if parse else unit
