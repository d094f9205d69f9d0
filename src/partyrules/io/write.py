"""Writing results as they are produced: JSON Lines, JSON, CSV, XLSX (write-only) and text.

A writer is made once per output (:func:`writer`), given each unit's evaluations as they come
(:meth:`Writer.write`) and closed at the end.  The text of a unit is made by its
:class:`Encoder`, which worker processes can run as well (it is rebuilt there from its
:class:`Format`): the parent then writes the worker's text as it is, and the output is the same
byte for byte as a run in one process.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import IO, Any, Protocol

import attrs
import orjson

from .._version import library_version
from ..frameworks import Framework
from ..records import catalogue_data, record
from ..results import Evaluation
from ..serialize import evaluation_data, trace_converter
from .tables import header_of, row_of
from .workbook import WorkbookWriter, workbook_rows

__all__ = ["FORMATS", "Encoder", "Format", "Writer", "writer"]

#: The output formats, and whether each can only be written to a binary stream.
FORMATS = {"table": False, "json": False, "jsonl": False, "csv": False, "xlsx": True}


def _json(data: Any) -> bytes:
    """Compact JSON, UTF-8 (orjson; the standard library for an integer beyond 64 bits)."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


#: Text of a unit's evaluations: ``text(evaluations, framework, lang, full=...)``
#: (:func:`partyrules.text.explain.results_text`).
TextFunction = Callable[..., str]


@attrs.frozen
class Format:
    """What to write: the format (``table``, ``json``, ``jsonl``, ``csv``, ``xlsx``), whether
    records carry the full trace, and for ``table`` the function that words a unit, its language
    and detail (a module-level function: a format is sent to worker processes)."""

    name: str
    trace: str = "compact"
    text: TextFunction | None = None
    lang: str = "vi"
    explain: bool = False
    #: XLSX: words a subject's decision, ``reasons(evaluation, framework, lang)``
    #: (:func:`partyrules.text.explain.reasons_text`).
    reasons: TextFunction | None = None
    #: CSV: start with a byte-order mark, so that Excel reads the diacritics (a file, not a pipe).
    bom: bool = False


class Encoder:
    """Turns a unit's evaluations into output text (or rows, for XLSX)."""

    def __init__(self, form: Format, framework: Framework) -> None:
        self.form = form
        self.framework = framework
        self._converter: Any = None
        self._header = header_of(framework)

    def _record(self, evaluation: Evaluation) -> dict[str, Any]:
        if self.form.trace != "full":
            return record(evaluation)
        if self._converter is None:
            self._converter = trace_converter()
        return evaluation_data(evaluation, framework=self.framework, converter=self._converter)

    def encode(self, evaluations: Sequence[Evaluation]) -> Any:
        """The output of one unit: its text as UTF-8 (its rows, for XLSX); the writer puts what
        separates units between them.  Bytes, so that a worker's output reaches the file as it
        is, never decoded and encoded again on the way."""
        name = self.form.name
        if name == "jsonl":
            return b"".join(_json(self._record(e)) + b"\n" for e in evaluations)
        if name == "json":
            return b",\n".join(_json(self._record(e)) for e in evaluations)
        if name == "csv":
            buffer = io.StringIO()
            rows = csv.writer(buffer)
            rows.writerows(row_of(e, self._header) for top in evaluations for e in top.walk())
            return buffer.getvalue().encode()
        if name == "xlsx":
            return workbook_rows(evaluations, self.framework, self.form.lang, self.form.reasons)
        if not evaluations or self.form.text is None:
            return b""
        return self.form.text(evaluations, self.framework, self.form.lang, full=self.form.explain).encode()


class Writer(Protocol):
    def write(self, chunk: Any) -> None: ...

    def close(self) -> None: ...


class _TextWriter:
    """Writes the opening (catalogue, header row), each unit's text, and the closing, to a
    binary stream (UTF-8) or a text stream."""

    def __init__(self, stream: IO[Any], form: Format, framework: Framework) -> None:
        self.stream = stream
        self.form = form
        self.binary = not isinstance(stream, io.TextIOBase)
        self.started = False
        #: What goes between two units' text.
        self.between = b",\n" if form.name == "json" else b"\n" if form.name == "table" and form.explain else b""
        if form.name == "jsonl":
            self._put(_json(catalogue_data(framework, library_version=library_version())) + b"\n")
        elif form.name == "json":
            catalogue = _json(catalogue_data(framework, library_version=library_version()))
            self._put(b'{"catalogue":' + catalogue + b',\n"results":[\n')
        elif form.name == "csv":
            header = io.StringIO()
            csv.writer(header).writerow(header_of(framework))
            self._put(("\ufeff" if form.bom else "").encode() + header.getvalue().encode())

    def _put(self, data: bytes) -> None:
        self.stream.write(data if self.binary else data.decode())

    def write(self, chunk: Any) -> None:
        if chunk:
            if self.started and self.between:
                self._put(self.between)
            self.started = True
            self._put(chunk)

    def close(self) -> None:
        if self.form.name == "json":
            self._put(b"\n]}\n")
        self.stream.flush()


def writer(stream: IO[Any], form: Format, framework: Framework) -> Writer:
    """A writer of ``form`` to ``stream``: a binary stream (text formats are written as UTF-8;
    XLSX needs one), or a text stream."""
    if form.name == "xlsx":
        return WorkbookWriter(stream, framework, form.lang)
    return _TextWriter(stream, form, framework)
