"""Reading input files (YAML or JSON) with positioned errors, and writing output atomically."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import yaml

from ..errors import InputError
from ..problems import Problem
from ..text.catalogue import Message, msg

__all__ = ["read_data", "write_atomic"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicate keys (a silent overwrite would lose data)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
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
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (a repeated key would silently lose data)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _problem(
    path: Path, message: Message, line: int | None = None, column: int | None = None, hint: Message | None = None
) -> InputError:
    return InputError([Problem(message, file=str(path), line=line, column=column, hint=hint)])


def read_data(path: str | Path) -> Any:
    """Parse a YAML (``.yaml``, ``.yml``) or JSON file; problems name the file, line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _problem(path, msg("io.no_such_file")) from None
    except IsADirectoryError:
        raise _problem(path, msg("io.is_a_directory")) from None
    except UnicodeDecodeError as error:
        raise _problem(path, msg("io.not_utf8", reason=error.reason, byte=error.start)) from None
    except OSError as error:
        raise _problem(path, msg("io.cannot_read", reason=error.strerror)) from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text, object_pairs_hook=_unique_pairs)
        except json.JSONDecodeError as error:
            raise _problem(path, msg("io.invalid_json", problem=error.msg), error.lineno, error.colno) from None
        except ValueError as error:
            raise _problem(path, msg("io.invalid_json", problem=str(error))) from None
    if suffix in (".yaml", ".yml"):
        try:
            return yaml.load(text, Loader=_UniqueKeyLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
            raise _problem(path, msg("io.invalid_yaml", problem=problem), line, column) from None
    raise _problem(path, msg("io.file_type", suffix=repr(suffix or "(none)")), hint=msg("io.file_type_hint"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, write: Callable[[IO[Any]], object], *, binary: bool = False) -> None:
    """Write a file through ``write(stream)`` into a temporary file, then move it into place.

    A failure leaves any previous file untouched and no partial file behind.
    """
    path = Path(path)
    if str(path) in ("", ".") or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory; give a file name", str(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:  # name the file the user asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    try:
        # mkstemp makes the file owner-only: give it the mode a plain open() would (or keep the old one)
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask())
        stream: IO[Any]
        if binary:
            stream = os.fdopen(fd, "wb")
        else:
            stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
