"""``partyrules review``: the stages of a year's review, recorded in a SQLite file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import click
import orjson

from .clitools import BACKEND, LANG, Group, registry_of_context, user_errors
from .errors import InputError, UnknownNameError
from .problems import Problem, Scope
from .quota import BASES, ROUNDINGS, QuotaRule
from .review.export import body_summary, write_export
from .review.procedure import Review
from .review.store import Record, Store
from .text.catalogue import msg, render, use_language
from .text.explain import explain
from .text.review import history_text, records_table, stages_text

__all__ = ["review"]

DB = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default="partyrules.sqlite",
    show_default=True,
)
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
LANG_OPTION = click.option("--lang", type=LANG, default="vi", show_default=True)
ON = click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]))


def _on(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


@contextmanager
def _store(path: Path, *, create: bool) -> Iterator[Store]:
    """The database at ``path``; a command that only reads needs it to exist, and a command
    that fails leaves no new file behind."""
    existed = path.exists()
    if not existed and not create:
        raise InputError([Problem(msg("cli.no_database", path=str(path)), (), Scope("option", "--db"))])
    store = Store(path)
    try:
        yield store
    except BaseException:
        store.close()
        if not existed:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    store.close()


def _record_data(record: Record) -> dict[str, Any]:
    data = attrs.asdict(record, recurse=False)
    data["on_date"] = record.on_date.isoformat()
    return data


def _print(records: Sequence[Record], fmt: str, lang: str, db: Path) -> None:
    if fmt == "json":
        sys.stdout.buffer.write(orjson.dumps([_record_data(r) for r in records], option=orjson.OPT_INDENT_2) + b"\n")
        return
    click.echo(records_table(records, lang), nl=False)
    click.echo(render("review.written", lang, {"count": len(records), "db": str(db)}), err=True)


def _review(
    store: Store, backend: str = "auto", framework: str | None = None, quota: QuotaRule | None = None
) -> Review:
    registry = registry_of_context()
    chosen = registry.resolve(framework) if framework is not None else None
    return Review(store, registry=registry, framework=chosen, backend=backend, quota=quota)


@click.group(cls=Group)
def review() -> None:
    """The review of a year: self-assessment, appraisal, decision, recognition, corrections. Its
    ``--help`` is in the catalogue."""


@review.command(name="self-assess")
@click.argument("file", type=click.Path(path_type=Path))
@DB
@ON
@click.option("--framework")
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@FORMAT
@LANG_OPTION
def self_assess(
    file: Path, db: Path, on: dt.datetime | None, framework: str | None, backend: str, fmt: str, lang: str
) -> None:
    """Record the self-assessment of every subject in FILE: its facts and its proposed grade. Its
    ``--help`` is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=True) as store:
        registry = registry_of_context()
        found = Review(store, registry=registry, backend=backend).self_assess(file, on=_on(on), framework=framework)
        _print(found, fmt, lang, db)


def _change_command(stage: str, doc: str) -> Any:
    @click.argument("file", type=click.Path(path_type=Path))
    @click.option("--by", "by", required=True)
    @DB
    @ON
    @click.option("--backend", type=BACKEND, default="auto", show_default=True)
    @FORMAT
    @LANG_OPTION
    def command(file: Path, by: str, db: Path, on: dt.datetime | None, backend: str, fmt: str, lang: str) -> None:
        with use_language(lang), user_errors(), _store(db, create=False) as store:
            work = _review(store, backend)
            found = (work.appraise if stage == "appraisal" else work.reverify)(file, by=by, on=_on(on))
            _print(found, fmt, lang, db)

    command.__doc__ = doc
    return command


review.command(name="appraise")(_change_command("appraisal", "Record an appraisal (``help.appraise``)."))
review.command(name="reverify")(_change_command("reverification", "Record a re-verification (``help.reverify``)."))


def _votes(_: click.Context, __: click.Parameter, values: Sequence[str]) -> dict[str, dict[str, int]]:
    found = {}
    for value in values:
        subject, _sep, counts = value.partition("=")
        parts = counts.split("/")
        if not subject or len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
            raise click.BadParameter(render("cli.votes", None, {"given": value}))
        numbers = [int(p) for p in parts] + [0] * (3 - len(parts))
        found[subject] = dict(zip(("yes", "no", "abstain"), numbers, strict=True))
    return found


@review.command()
@click.argument("subjects", nargs=-1)
@click.option("--by", "by", required=True)
@click.option("--year", type=int, required=True)
@DB
@ON
@click.option("--votes", multiple=True, callback=_votes, metavar="SUBJECT=FOR/AGAINST[/ABSTAIN]")
@click.option("--late-reason")
@click.option("--quota-base", type=click.Choice(BASES), default="good", show_default=True)
@click.option("--quota-share", type=click.FloatRange(0, 0.25, min_open=True))
@click.option("--rounding", type=click.Choice(ROUNDINGS), default="down", show_default=True)
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@FORMAT
@LANG_OPTION
def decide(
    subjects: tuple[str, ...],
    by: str,
    year: int,
    db: Path,
    on: dt.datetime | None,
    votes: dict[str, dict[str, int]],
    late_reason: str | None,
    quota_base: str,
    quota_share: float | None,
    rounding: str,
    backend: str,
    fmt: str,
    lang: str,
) -> None:
    """Decide, as BODY, the grades of the self-assessed subjects it is competent for (all, or
    SUBJECTS), with the quota applied, in the year's window. Its ``--help`` is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        work = _review(store, backend, quota=QuotaRule(base=quota_base, rounding=rounding))
        work.quota_share = quota_share
        found = work.decide(by=by, year=year, on=_on(on), subjects=subjects, votes=votes, late_reason=late_reason)
        _print(found, fmt, lang, db)


@review.command()
@click.option("--by", "by", required=True)
@click.option("--year", type=int, required=True)
@DB
@ON
@click.option("--late-reason")
@FORMAT
@LANG_OPTION
def recognise(
    by: str, year: int, db: Path, on: dt.datetime | None, late_reason: str | None, fmt: str, lang: str
) -> None:
    """Record, as BODY, the Four-Good recognition of the subjects it decided in the year. Its
    ``--help`` is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        found = _review(store).recognise(by=by, year=year, on=_on(on), late_reason=late_reason)
        _print(found, fmt, lang, db)


def _facts(_: click.Context, __: click.Parameter, values: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(render("cli.fact_option", None, {"given": value}))
        try:
            found[name] = orjson.loads(text)
        except orjson.JSONDecodeError:
            found[name] = text
    return found


@review.command()
@click.argument("subject")
@click.option("--year", type=int, required=True)
@click.option("--by", "by", required=True)
@click.option("--reason", required=True)
@click.option("--grade", type=click.Choice(["EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"]))
@click.option("--fact", "facts", multiple=True, callback=_facts, metavar="NAME=VALUE")
@DB
@ON
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@FORMAT
@LANG_OPTION
def correct(
    subject: str,
    year: int,
    by: str,
    reason: str,
    grade: str | None,
    facts: dict[str, Any],
    db: Path,
    on: dt.datetime | None,
    backend: str,
    fmt: str,
    lang: str,
) -> None:
    """Correct SUBJECT's decision for the year: a new record pointing to the one it corrects. Its
    ``--help`` is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        found = _review(store, backend).correct(
            subject, year=year, by=by, on=_on(on), reason=reason, grade=grade, facts=facts
        )
        _print([found], fmt, lang, db)


@review.command()
@click.argument("subject")
@click.option("--year", type=int)
@click.option("--explain", "full", is_flag=True)
@DB
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@FORMAT
@LANG_OPTION
def history(subject: str, year: int | None, full: bool, db: Path, backend: str, fmt: str, lang: str) -> None:
    """SUBJECT's grades and Four-Good recognitions over the years, and its streaks. Its ``--help``
    is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        work = _review(store, backend)
        years, found = work.history(subject)
        if not store.years(subject):  # an unknown subject is a user mistake: say so, with the closest id
            raise UnknownNameError("subject", subject, store.all_subjects())
        if fmt == "json":
            data = {
                "subject": subject,
                "years": [attrs.asdict(item) for item in years],
                "streaks": {**attrs.asdict(found), "excellent_five_years": found.excellent_five_years},
            }
            if full:
                data["stages"] = [_record_data(r) for r in work.stages(subject, year)]
            sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
            return
        click.echo(history_text(subject, years, found, lang), nl=False)
        if full:
            stages = work.stages(subject, year)
            click.echo(stages_text(stages, lang), nl=False)
            decided = [r for r in stages if r.stage in ("decision", "correction")]
            if decided:
                again = work.reproduce(decided[-1].id)
                click.echo(render("review.rules_head", lang, {"id": again.record.id}))
                click.echo(explain(again.evaluation, again.framework, lang, full=True))
        work.close()


@review.command()
@click.argument("record", type=int)
@DB
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@LANG_OPTION
def reproduce(record: int, db: Path, backend: str, lang: str) -> None:
    """Evaluate stored RECORD again with its recorded framework version, and compare. Its ``--help``
    is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        again = _review(store, backend).reproduce(record)
        if again.same:
            click.echo(render("review.reproduced_same", lang, {"id": record}))
            return
        grade = None if again.evaluation.grade is None else again.evaluation.grade.value
        stored = f"{again.record.evaluated}, {again.record.four_good}, {again.record.score}"
        click.echo(
            render(
                "review.reproduced_differs",
                lang,
                {
                    "id": record,
                    "stored": stored,
                    "again": f"{grade}, {again.evaluation.four_good}, {again.evaluation.score}",
                },
            )
        )
        raise SystemExit(1)


@review.command()
@click.option("--by", "by", required=True)
@click.option("--year", type=int, required=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option("--quota-base", type=click.Choice(BASES), default="good", show_default=True)
@DB
@LANG_OPTION
def export(by: str, year: int, output: Path, quota_base: str, db: Path, lang: str) -> None:
    """Write BODY's decisions of the year: the summary table and the list (JSON, CSV or XLSX). Its
    ``--help`` is in the catalogue."""
    with use_language(lang), user_errors(), _store(db, create=False) as store:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in ("json", "csv", "xlsx"):
            raise InputError(
                [Problem(msg("cli.export_suffix", given=output.suffix or output.name), (), Scope("option", "--output"))]
            )
        data = body_summary(_review(store), by=by, year=year, base=quota_base)
        write_export(data, output, fmt=fmt, lang=lang, protect=(db,))
