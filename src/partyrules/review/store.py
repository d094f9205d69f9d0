"""The history of a review in SQLite (the standard library's :mod:`sqlite3`).

Append-only: a stage is a new row, never an update (triggers refuse UPDATE and DELETE); a
correction is a new row pointing to the one it corrects.  Every write of a batch is one
transaction begun with ``BEGIN IMMEDIATE``: the reads that check it (authority, order, quota) and
its writes see one state, and a crash in the middle leaves the database as it was.  WAL mode and
a busy timeout let two processes write: the second waits for the first, then checks against what
the first wrote.  The schema is versioned (``PRAGMA user_version``) and migrated forward on open.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import orjson

from .._version import library_version as _library_version
from ..errors import PartyrulesError
from ..io.files import open_regular
from ..text.catalogue import msg

__all__ = ["MIGRATIONS", "STAGES", "Record", "Store", "StoreError"]

STAGES = ("self_assessment", "appraisal", "reverification", "decision", "recognition", "correction")

#: Each step brings the schema from version ``index`` to ``index + 1``.
MIGRATIONS: tuple[str, ...] = (
    # 1: batches, the organisation as it was given each year, and the stages
    """
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        at TEXT NOT NULL,
        library_version TEXT NOT NULL
    );
    CREATE TABLE bodies (
        batch INTEGER NOT NULL REFERENCES batches(id),
        year INTEGER NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (batch, year, id)
    );
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        batch INTEGER NOT NULL REFERENCES batches(id),
        subject TEXT NOT NULL,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('self_assessment', 'appraisal', 'reverification',
                                             'decision', 'recognition', 'correction')),
        body TEXT NOT NULL,
        on_date TEXT NOT NULL,
        grade TEXT,
        evaluated TEXT,
        four_good INTEGER,
        score REAL,
        input TEXT NOT NULL,
        listed_under TEXT,
        changes TEXT NOT NULL DEFAULT '{}',
        reason TEXT,
        votes TEXT,
        exception TEXT,
        quota TEXT,
        corrects INTEGER REFERENCES records(id),
        framework_name TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        framework_hash TEXT NOT NULL,
        library_version TEXT NOT NULL,
        evidence TEXT
    );
    CREATE INDEX records_subject ON records (subject, year, id);
    CREATE TRIGGER records_no_update BEFORE UPDATE ON records
        BEGIN SELECT RAISE(ABORT, 'partyrules: records are append-only'); END;
    CREATE TRIGGER records_no_delete BEFORE DELETE ON records
        BEGIN SELECT RAISE(ABORT, 'partyrules: records are append-only'); END;
    """,
    # 2: one decision and one recognition per subject and year (corrections are separate rows),
    # so two processes deciding the same subject at once cannot both succeed; lookups by body
    """
    CREATE UNIQUE INDEX records_one_decision ON records (subject, year) WHERE stage = 'decision';
    CREATE UNIQUE INDEX records_one_recognition ON records (subject, year) WHERE stage = 'recognition';
    CREATE INDEX records_body ON records (body, year, stage);
    """,
)

_COLUMNS = (
    "id",
    "batch",
    "subject",
    "kind",
    "year",
    "stage",
    "body",
    "on_date",
    "grade",
    "evaluated",
    "four_good",
    "score",
    "input",
    "listed_under",
    "changes",
    "reason",
    "votes",
    "exception",
    "quota",
    "corrects",
    "framework_name",
    "framework_version",
    "framework_hash",
    "library_version",
    "evidence",
)
_JSON = {"input", "changes", "votes", "quota", "evidence"}


class StoreError(PartyrulesError):
    """The database cannot be used: newer than this library, not a partyrules database, locked."""


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


@attrs.frozen
class Record:
    """One stage of one subject's review for one year, as stored."""

    id: int
    batch: int
    subject: str
    kind: str
    year: int
    stage: str
    body: str
    on_date: dt.date
    grade: str | None
    evaluated: str | None
    four_good: bool | None
    score: float | None
    input: Mapping[str, Any]
    listed_under: str | None
    changes: Mapping[str, Any]
    reason: str | None
    votes: Mapping[str, int] | None
    exception: str | None
    quota: Mapping[str, Any] | None
    corrects: int | None
    framework_name: str
    framework_version: str
    framework_hash: str
    library_version: str
    evidence: Mapping[str, Any] | None

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Record:
        values = dict(zip(_COLUMNS, row, strict=True))
        for name in _JSON:
            if values[name] is not None:
                values[name] = orjson.loads(values[name])
        values["on_date"] = dt.date.fromisoformat(values["on_date"])
        if values["four_good"] is not None:
            values["four_good"] = bool(values["four_good"])
        return cls(**values)


class Store:
    """A review's history in the SQLite file ``path`` (created, or migrated, on open)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_file():  # a FIFO or a device would hang or be lost
            open_regular(self.path).close()  # raises InputError, naming what it is
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(msg("store.unusable", path=str(self.path), error=str(error))) from None

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version == len(MIGRATIONS):
            return  # up to date: no write lock needed to open (a reader never waits for one)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            current = self.schema_version
            if current > len(MIGRATIONS):
                raise StoreError(msg("store.newer", path=str(self.path), version=current, known=len(MIGRATIONS)))
            for number in range(current, len(MIGRATIONS)):
                for statement in MIGRATIONS[number].split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, command: str) -> Iterator[Batch]:
        """One batch: everything written inside is committed together, or not at all.  A
        database another process keeps locked past the timeout is a :class:`StoreError`."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(msg("store.unusable", path=str(self.path), error=str(error))) from None
        try:
            at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            cursor = self._db.execute(
                "INSERT INTO batches (command, at, library_version) VALUES (?, ?, ?)", (command, at, _library_version())
            )
            yield Batch(self, int(cursor.lastrowid or 0))
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise StoreError(msg("store.unusable", path=str(self.path), error=str(error))) from None
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    # -- reading -----------------------------------------------------------------------------

    def records(
        self, *, subject: str | None = None, year: int | None = None, stage: str | None = None, body: str | None = None
    ) -> list[Record]:
        """Stored stages, oldest first, filtered by what is given."""
        where, args = [], []
        for column, value in (("subject", subject), ("year", year), ("stage", stage), ("body", body)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM records"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [Record.from_row(row) for row in rows]

    def subjects(self, *, year: int, stages: Sequence[str]) -> set[str]:
        """The subjects with a stored stage among ``stages`` in ``year`` (ids only: cheap)."""
        marks = ", ".join("?" * len(stages))
        sql = f"SELECT DISTINCT subject FROM records WHERE year = ? AND stage IN ({marks})"
        return {subject for (subject,) in self._db.execute(sql, (year, *stages))}

    def all_subjects(self) -> set[str]:
        """Every subject with a stored stage."""
        return {subject for (subject,) in self._db.execute("SELECT DISTINCT subject FROM records")}

    def record(self, record_id: int) -> Record | None:
        row = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM records WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else Record.from_row(row)

    def bodies(self, year: int) -> dict[str, dict[str, Any]]:
        """The organisation of ``year``: each body as last given (the newest batch wins)."""
        rows = self._db.execute("SELECT id, data FROM bodies WHERE year = ? ORDER BY batch", (year,)).fetchall()
        return {body_id: orjson.loads(data) for body_id, data in rows}

    def years(self, subject: str) -> list[int]:
        rows = self._db.execute("SELECT DISTINCT year FROM records WHERE subject = ? ORDER BY year", (subject,))
        return [int(year) for (year,) in rows]


@attrs.frozen
class Batch:
    """The writes of one transaction."""

    store: Store
    id: int

    def add_bodies(self, year: int, bodies: Mapping[str, Mapping[str, Any]]) -> None:
        self.store._db.executemany(
            "INSERT INTO bodies (batch, year, id, data) VALUES (?, ?, ?, ?)",
            [(self.id, year, body_id, _json(data)) for body_id, data in bodies.items()],
        )

    def add(self, **values: Any) -> int:
        """Append one stage; returns its id."""
        values = {**values, "batch": self.id}
        if isinstance(values.get("on_date"), dt.date):
            values["on_date"] = values["on_date"].isoformat()
        for name in _JSON & set(values):
            values[name] = _json(values[name])
        if "four_good" in values and values["four_good"] is not None:
            values["four_good"] = int(values["four_good"])
        values.setdefault("changes", "{}")
        names = [name for name in _COLUMNS if name in values]
        sql = f"INSERT INTO records ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            cursor = self.store._db.execute(sql, [values[name] for name in names])
        except sqlite3.IntegrityError:
            raise StoreError(
                msg(
                    "store.duplicate", stage=values.get("stage"), subject=values.get("subject"), year=values.get("year")
                )
            ) from None
        return int(cursor.lastrowid or 0)
