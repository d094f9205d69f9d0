"""Reading input files one unit at a time: JSON Lines (one unit per line), YAML (one unit per
document, ``---`` between them), or a single JSON or YAML document.

A unit is one document of the input format (docs/reference/input.md): usually one grassroots
committee with its cells and members, or standalone cells or members.  Only one unit is held at a
time, so memory does not grow with the number of units.  YAML is read with the C loader where
PyYAML has it; both loaders refuse a key written twice.  Every problem names the file, and the
line and column where known.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import yaml

from ..errors import InputError
from ..problems import Problem
from ..text.catalogue import Message, msg

__all__ = ["SUFFIXES", "Unit", "read_data", "read_units"]

#: The file types partyrules reads, by suffix.
SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")

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

    def load(self) -> Any:
        """The unit's data (decoded and parsed now if it was read as bytes)."""
        if self.text is None:
            return self.data
        path = Path(self.file)
        try:
            text = self.text.decode("utf-8")
        except UnicodeDecodeError as error:
            message = msg("io.not_utf8", reason=error.reason, byte=self.offset + error.start)
            raise _problem(path, message, self.line) from None
        if self.syntax == "yaml":
            return _yaml_text(path, text, self.line)
        return _json(path, text, self.line)

    def locate(self, problem: Problem) -> Problem:
        """The problem, placed in this unit of the file."""
        if self.line is None or problem.file is not None:
            return problem
        return attrs.evolve(problem, file=self.file, line=self.line, unit=True)


def _problem(
    path: Path, message: Message, line: int | None = None, column: int | None = None, hint: Message | None = None
) -> InputError:
    return InputError([Problem(message, file=str(path), line=line, column=column, hint=hint)])


def _not_utf8(path: Path, error: UnicodeDecodeError) -> InputError:
    """The file is not UTF-8: where, as an offset in the file (a decoding error counts from the
    start of the block being read, so the file is decoded again to find it)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as stream:
        while block := stream.read(1 << 16):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as found:
                return _problem(path, msg("io.not_utf8", reason=found.reason, byte=offset + found.start))
            offset += len(block)
    return _problem(path, msg("io.not_utf8", reason=error.reason, byte=error.start))


def _text(path: Path) -> str:
    with _open(path) as stream:
        try:
            return stream.read()
        except UnicodeDecodeError as error:
            raise _not_utf8(path, error) from None


def _open(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8")
    except FileNotFoundError:
        raise _problem(path, msg("io.no_such_file")) from None
    except IsADirectoryError:
        raise _problem(path, msg("io.is_a_directory")) from None
    except OSError as error:
        raise _problem(path, msg("io.cannot_read", reason=error.strerror)) from None


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _problem(path, msg("io.file_type", suffix=repr(suffix or "(none)")), hint=msg("io.file_type_hint"))
    return suffix


def _json(path: Path, text: str, line: int | None = None) -> Any:
    """Parse JSON, refusing a key written twice in an object (orjson, faster, cannot see one)."""
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as error:
        where = error.lineno if line is None else line
        raise _problem(path, msg("io.invalid_json", problem=error.msg), where, error.colno) from None
    except ValueError as error:
        raise _problem(path, msg("io.invalid_json", problem=str(error)), line) from None


def _yaml_error(path: Path, error: yaml.YAMLError, first_line: int = 1) -> InputError:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    line, column = (mark.line + first_line, mark.column + 1) if mark else (None, None)
    return _problem(path, msg("io.invalid_yaml", problem=problem), line, column)


def _yaml_text(path: Path, text: str, line: int | None) -> Any:
    """One YAML document of a file, read as text starting at ``line``."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(path, error, line or 1) from None


#: A line that ends a YAML document: a document marker at the start of a line, which no scalar
#: may contain (YAML's "c-forbidden"), so the file can be cut there without being parsed.
_MARKER = re.compile(rb"(---|\.\.\.)(?:[ \t\r\n]|$)")


def _content(line: bytes) -> bool:
    """Whether a line holds data (not blank, a comment or a directive)."""
    text = line.strip()
    return bool(text) and not text.startswith((b"#", b"%"))


def _yaml_documents(stream: IO[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """The documents of a YAML stream, as bytes cut at the document markers (``---`` starts
    one, ``...`` ends one), each from the line its content starts on (so a parser's line numbers
    count from there): (that line, its byte offset, the bytes).  What holds only comments,
    directives and blank lines is not a document; a bare ``---`` followed by none is an empty one."""
    lines: list[bytes] = []
    start: int | None = None  # the first line with content
    begin = 0  # its byte offset
    explicit: int | None = None  # the line of the '---' that opened the document
    offset = 0
    for number, line in enumerate(stream, 1):
        here, offset = offset, offset + len(line)
        marker = _MARKER.match(line)
        if marker is None:
            if start is None and _content(line):
                start, begin = number, here
            if start is not None:
                lines.append(line)
            continue
        if start is not None or explicit is not None:
            yield (start or explicit or number), begin if start else here, b"".join(lines)
        lines, start, explicit = [], None, None
        if marker.group(1) == b"---":
            explicit = number
            if _content(line[3:]):  # '--- {a: 1}': the content starts on the marker's line
                start, begin = number, here
                lines = [line]
    if start is not None or explicit is not None:
        yield (start or explicit or 1), begin if start else offset, b"".join(lines)


def read_data(path: str | Path) -> Any:
    """Parse a file that holds one document (YAML or JSON); problems name the file, line and column."""
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".jsonl":
        units = list(read_units(path))
        return units[0].data if len(units) == 1 else [unit.data for unit in units]
    text = _text(path)
    if suffix == ".json":
        return _json(path, text)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(path, error) from None


def _open_bytes(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise _problem(path, msg("io.no_such_file")) from None
    except IsADirectoryError:
        raise _problem(path, msg("io.is_a_directory")) from None
    except OSError as error:
        raise _problem(path, msg("io.cannot_read", reason=error.strerror)) from None


def _yaml_units(path: Path) -> Iterator[Unit]:
    """The documents of a YAML file as units of bytes (a file of one document: located by path)."""
    with _open_bytes(path) as stream:
        documents = _yaml_documents(stream)
        first = next(documents, None)
        second = next(documents, None)
        if first is None or second is None:
            yield Unit(None, str(path), None, first[2] if first else b"", "yaml", first[1] if first else 0)
            return
        for line, offset, text in (first, second):
            yield Unit(None, str(path), line, text, "yaml", offset)
        for line, offset, text in documents:
            yield Unit(None, str(path), line, text, "yaml", offset)


def _jsonl_units(path: Path) -> Iterator[Unit]:
    """The lines of a JSON Lines file as units of bytes."""
    with _open_bytes(path) as stream:
        offset = 0
        for number, line in enumerate(stream, 1):
            here, offset = offset, offset + len(line)
            if line.strip():
                yield Unit(None, str(path), number, line, "json", here)


def _document(loader: Any) -> tuple[int, Any]:
    """The next document of a YAML stream: the line it starts on, and its data."""
    node = loader.get_node()
    return node.start_mark.line + 1, loader.construct_document(node)


def read_units(path: str | Path, *, parse: bool = True) -> Iterator[Unit]:
    """The units of an input file, one at a time (see the module's docstring).  With
    ``parse=False`` a unit of JSON Lines or YAML is left as its bytes (:attr:`Unit.text`; a YAML
    file is cut at its document markers), to be decoded and parsed by the worker that evaluates
    it: the reader only finds where units start."""
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".json":
        yield Unit(_json(path, _text(path)), str(path))
        return
    if suffix == ".jsonl":
        for unit in _jsonl_units(path):
            yield Unit(unit.load(), unit.file, unit.line) if parse else unit
        return
    if not parse:
        yield from _yaml_units(path)
        return
    stream = _open(path)
    loader = _UniqueKeyLoader(stream)  # reads the file as it parses: one document held at a time
    try:
        starts: list[tuple[int, Any]] = []
        while loader.check_node():
            starts.append(_document(loader))
            if len(starts) == 2:  # a file of several documents: each a unit, located by its line
                break
        if len(starts) < 2:  # one document (or none: an empty file, which the reader says is empty)
            yield Unit(starts[0][1] if starts else None, str(path))
            return
        for line, data in starts:
            yield Unit(data, str(path), line)
        while loader.check_node():
            line, data = _document(loader)
            yield Unit(data, str(path), line)
    except yaml.YAMLError as error:
        raise _yaml_error(path, error) from None
    except UnicodeDecodeError as error:
        raise _not_utf8(path, error) from None
    finally:
        loader.dispose()
        stream.close()
