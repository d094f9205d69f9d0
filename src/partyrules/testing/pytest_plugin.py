"""A pytest plugin: the ``partyrules_audit`` fixture audits a framework in one line.

pytest loads it through the ``pytest11`` entry point whenever partyrules is installed::

    def test_our_framework(partyrules_audit):
        partyrules_audit("our-ward.toml")

The test fails with the rendered audit report (each violation with its counterexample) unless
the audit passes.  Importing this module is cheap: hypothesis, the audit and durable_rules are
imported only when the fixture is called.

The number of examples per search is, in order: the ``examples`` argument, the environment
variable ``PARTYRULES_AUDIT_EXAMPLES``, the ini option ``partyrules_audit_examples``, 100.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from partyrules.frameworks import Framework
    from partyrules.testing.audit import AuditReport

__all__ = ["DEFAULT_EXAMPLES", "ENV", "INI", "partyrules_audit"]

#: The ini option, and the environment variable, that set the examples per search.
INI = "partyrules_audit_examples"
ENV = "PARTYRULES_AUDIT_EXAMPLES"
#: Examples per search when nothing else says (as ``partyrules audit``).
DEFAULT_EXAMPLES = 100

AuditFunction = Callable[..., "AuditReport"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        INI,
        f"examples per search of the partyrules_audit fixture (default {DEFAULT_EXAMPLES}; the environment "
        f"variable {ENV} overrides it)",
        default=None,
    )


def _examples(config: pytest.Config) -> int:
    """The examples per search from the environment or the ini file, checked."""
    for source, text in (
        (f"environment variable {ENV}", os.environ.get(ENV)),
        (f"ini option {INI}", config.getini(INI)),
    ):
        if text is None or not str(text).strip():
            continue
        try:
            value = int(str(text).strip())
        except ValueError:
            value = 0
        if value < 1:
            raise pytest.UsageError(f"{source}: expected a whole number of examples ≥ 1, got {text!r}")
        return value
    return DEFAULT_EXAMPLES


def _framework(spec: Framework | str | os.PathLike[str], here: Path) -> Framework:
    """A Framework as given, a framework file (a path ending in ``.toml``, or an existing file;
    a relative path is looked up next to the test file, then in the current directory), or
    the name of an installed framework."""
    from partyrules.frameworks import Framework
    from partyrules.plugins import Registry

    if isinstance(spec, Framework):
        return spec
    registry = Registry()
    path = Path(spec)
    candidates = [path] if path.is_absolute() else [here / path, path]
    for candidate in candidates:
        if candidate.is_file():
            return registry.read_file(candidate).framework
    if isinstance(spec, os.PathLike) or str(spec).endswith(".toml"):
        tried = " or ".join(str(c) for c in candidates)
        raise FileNotFoundError(f"no framework file {str(spec)!r} (looked for {tried})")
    return registry.framework(str(spec))


@pytest.fixture
def partyrules_audit(request: pytest.FixtureRequest) -> AuditFunction:
    """Audit a framework (a :class:`~partyrules.Framework`, a framework file or an installed
    name) and fail the test with the rendered report unless it passes; return the report.

    Options: ``examples`` per search (default: ``PARTYRULES_AUDIT_EXAMPLES``, the ini option
    ``partyrules_audit_examples``, or 100), ``seed`` (0: the same run every time),
    ``properties`` and ``kinds`` (default: all).
    """
    here = request.path.parent

    def run(
        framework: Framework | str | os.PathLike[str],
        *,
        examples: int | None = None,
        seed: int = 0,
        properties: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> AuditReport:
        from partyrules.errors import PartyrulesError
        from partyrules.testing.audit import audit, render_report
        from partyrules.text.catalogue import language_from_environment, render, use_language

        lang = language_from_environment()  # the report in the locale's language, as the command's
        count = examples if examples is not None else _examples(request.config)
        try:
            chosen = _framework(framework, here)
        except (PartyrulesError, FileNotFoundError) as error:
            with use_language(lang):
                pytest.fail(
                    render("audit.cannot", lang, {"framework": str(framework), "error": str(error)}), pytrace=False
                )
        report = audit(chosen, examples=count, seed=seed, properties=properties, kinds=kinds)
        if not report.ok:
            pytest.fail(render_report(report, lang), pytrace=False)
        return report

    return run
