"""Tests of plugin discovery: test-only distributions on disk, found through their entry points."""

from __future__ import annotations

import itertools
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from partyrules import (
    DuplicatePluginError,
    Framework,
    FrameworkError,
    PartyrulesError,
    PluginErrors,
    PluginImportError,
    PluginTypeError,
    Registry,
    UnknownNameError,
)
from partyrules.plugins import Origin
from support import FRAMEWORK, MEETINGS, UNITY

_counter = itertools.count()

MakeDist = Callable[..., str]


@pytest.fixture
def make_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeDist]:
    """Write a test-only distribution (a module and its dist-info) under ``tmp_path``.

    ``make_dist(name, version, source, entry_points)`` writes the module (named uniquely, so that
    no test sees another's import) and returns its name; ``{module}`` in entry point values and
    in the source is replaced by it.  ``tmp_path`` is put on ``sys.path`` so the modules import.
    """
    monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    modules: list[str] = []

    def make(name: str, version: str, source: str, entry_points: dict[str, str], *, root: Path = tmp_path) -> str:
        module = f"partyrules_test_plugin_{next(_counter)}"
        modules.append(module)
        (root / f"{module}.py").write_text(textwrap.dedent(source).replace("{module}", module), encoding="utf-8")
        info = root / f"{name.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
        lines = ["[partyrules.rulesets]", *(f"{k} = {v.replace('{module}', module)}" for k, v in entry_points.items())]
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return module

    yield make
    for module in modules:
        sys.modules.pop(module, None)


RULESETS_SOURCE = """
from support import MEETINGS, UNITY
"""

FACTORY_SOURCE = """
from partyrules import Framework
from support import FRAMEWORK

def make(registry):
    rulesets = [registry.ruleset("demo.meetings"), registry.ruleset("demo.unity")]
    return Framework("demo", rulesets, version="1", grading=FRAMEWORK.grading)
"""


def registry_for(tmp_path: Path, **options: object) -> Registry:
    """A registry that discovers only the test distributions under ``tmp_path``."""
    return Registry(path=[str(tmp_path)], **options)  # type: ignore[arg-type]


class TestDiscovery:
    def test_good_rulesets(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """Rulesets registered under partyrules.rulesets are found, with their distribution and version."""
        module = make_dist(
            "good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS", "unity": "{module}:UNITY"}
        )
        registry = registry_for(tmp_path)
        assert ("demo.meetings", "demo.unity") == registry.ruleset_names()
        assert MEETINGS == registry.ruleset("demo.meetings")
        assert [
            (MEETINGS, Origin("meetings", f"{module}:MEETINGS", "good-rules", "1.0")),
            (UNITY, Origin("unity", f"{module}:UNITY", "good-rules", "1.0")),
        ] == list(registry.rulesets())
        assert () == registry.errors

    def test_a_list_of_rulesets_in_one_entry_point(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """One entry point may register a list of rulesets."""
        make_dist("good-rules", "1.0", RULESETS_SOURCE + "ALL = [MEETINGS, UNITY]\n", {"all": "{module}:ALL"})
        assert ("demo.meetings", "demo.unity") == registry_for(tmp_path).ruleset_names()

    def test_framework_factory(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """A factory f(registry) builds a framework from rulesets another distribution registered."""
        make_dist("zz-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS", "unity": "{module}:UNITY"})
        module = make_dist("aa-framework", "2.0", FACTORY_SOURCE, {"demo": "{module}:make"})
        registry = registry_for(tmp_path)
        assert ("demo",) == registry.framework_names()
        assert FRAMEWORK == registry.framework("demo")
        ((framework, origin),) = registry.frameworks()
        assert Origin("demo", f"{module}:make", "aa-framework", "2.0") == origin
        assert "1" == framework.version

    def test_discovery_is_lazy(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """Creating a registry imports nothing; the first look-up does."""
        module = make_dist("good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        registry = registry_for(tmp_path)
        assert module not in sys.modules
        registry.ruleset_names()
        assert module in sys.modules

    def test_other_groups_are_ignored(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """Only the partyrules.rulesets group is read."""
        make_dist("good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        info = next(tmp_path.glob("good_rules-1.0.dist-info"))
        with (info / "entry_points.txt").open("a", encoding="utf-8") as stream:
            stream.write("[console_scripts]\nnot-a-ruleset = os:getcwd\n")
        assert ("demo.meetings",) == registry_for(tmp_path).ruleset_names()

    def test_unknown_ruleset_suggests(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """An unknown ruleset name is a LookupError with a did-you-mean."""
        make_dist("good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        with pytest.raises(UnknownNameError) as info:
            registry_for(tmp_path).ruleset("demo.meeting")
        assert "unknown ruleset 'demo.meeting' (did you mean 'demo.meetings'?)" == str(info.value)
        assert isinstance(info.value, LookupError)

    def test_a_blocked_plugin_is_left_out(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """``block`` leaves out entry points by name, as pytest's ``-p no:NAME``; its module is
        never imported."""
        module = make_dist(
            "good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS", "unity": "{module}:UNITY"}
        )
        registry = registry_for(tmp_path, block=["unity"])
        assert ("demo.meetings",) == registry.ruleset_names()
        assert module in sys.modules  # the other entry point of the same module was loaded

    def test_a_blocked_distribution_is_left_out(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """``block`` also names whole distributions: none of their entry points is loaded."""
        module = make_dist("good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        registry = registry_for(tmp_path, block=["good-rules"])
        assert () == registry.ruleset_names()
        assert module not in sys.modules

    def test_adding_does_not_discover(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """``add`` registers by hand without triggering discovery; the first look-up discovers."""
        module = make_dist("good-rules", "1.0", RULESETS_SOURCE, {"unity": "{module}:UNITY"})
        registry = registry_for(tmp_path)
        registry.add(MEETINGS)
        assert module not in sys.modules
        assert ("demo.meetings", "demo.unity") == registry.ruleset_names()

    def test_path_alone_is_enough(self, tmp_path: Path, make_dist: MakeDist, monkeypatch: pytest.MonkeyPatch) -> None:
        """A registry searching a directory can load the plugins it finds there."""
        elsewhere = tmp_path / "plugins"
        elsewhere.mkdir()
        make_dist("good-rules", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"}, root=elsewhere)
        assert ("demo.meetings",) == Registry(path=[str(elsewhere)]).ruleset_names()


BROKEN_SOURCE = """
raise RuntimeError("boom at import")
"""


class TestBrokenPlugins:
    def test_import_error(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """A module raising on import is a PluginImportError naming plugin, distribution and version, chained."""
        module = make_dist("broken-dist", "0.1", BROKEN_SOURCE, {"broken": "{module}:RULES"})
        registry = registry_for(tmp_path)
        with pytest.raises(PluginErrors) as info:
            registry.ruleset_names()
        (error,) = info.value.errors
        assert isinstance(error, PluginImportError)
        assert isinstance(error, ImportError)
        assert isinstance(error, PartyrulesError)
        assert ("broken", f"{module}:RULES", "broken-dist", "0.1") == (
            error.plugin,
            error.value,
            error.distribution,
            error.version,
        )
        assert isinstance(error.__cause__, RuntimeError)
        assert "boom at import" == str(error.__cause__)
        assert (
            f'plugin "broken" ({module}:RULES) from broken-dist 0.1: failed to load: RuntimeError: boom at import'
            == str(error)
        )
        assert "caused by RuntimeError: boom at import" in str(info.value)
        assert "PARTYRULES_DISABLE_PLUGIN_AUTOLOAD=1" in str(info.value)

    def test_missing_attribute(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """An entry point naming an attribute the module lacks is a PluginImportError."""
        make_dist("typo-dist", "0.1", RULESETS_SOURCE, {"meetings": "{module}:MEETING"})
        with pytest.raises(PluginErrors) as info:
            registry_for(tmp_path).ruleset_names()
        (error,) = info.value.errors
        assert isinstance(error, PluginImportError)
        assert isinstance(error.__cause__, AttributeError)

    def test_factory_raising(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """A factory that raises is a PluginImportError chained to what it raised."""
        make_dist("factory-dist", "0.2", FACTORY_SOURCE, {"demo": "{module}:make"})
        with pytest.raises(PluginErrors) as info:
            registry_for(tmp_path).framework_names()
        (error,) = info.value.errors
        assert isinstance(error, PluginImportError)
        assert ("demo", "factory-dist", "0.2") == (error.plugin, error.distribution, error.version)
        assert isinstance(error.__cause__, UnknownNameError)
        assert "factory failed: UnknownNameError: unknown ruleset 'demo.meetings'" in str(error)

    @pytest.mark.parametrize(
        ("source", "target", "type_name"),
        [
            ("WRONG = 42\n", "{module}:WRONG", "int"),
            ("from partyrules import Ruleset as WRONG\n", "{module}:WRONG", "type"),
            ("from support import MEETINGS\nWRONG = [MEETINGS, 'demo.unity']\n", "{module}:WRONG", "str"),
            ("def WRONG(registry):\n    return 'demo'\n", "{module}:WRONG", "str"),
        ],
        ids=["a number", "a class", "a list with a text", "a factory returning a text"],
    )
    def test_wrong_type(self, tmp_path: Path, make_dist: MakeDist, source: str, target: str, type_name: str) -> None:
        """An entry point (or factory) giving something that is not a ruleset or framework is a PluginTypeError."""
        make_dist("odd-dist", "3.0", source, {"odd": target})
        with pytest.raises(PluginErrors) as info:
            registry_for(tmp_path).ruleset_names()
        (error,) = info.value.errors
        assert isinstance(error, PluginTypeError)
        assert ("odd", "odd-dist", "3.0") == (error.plugin, error.distribution, error.version)
        assert str(error).endswith(f"expected a Ruleset, a Framework, a list of them or a factory, got {type_name}")

    def test_duplicate_ruleset_name(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """Two distributions providing different rulesets of one name: a DuplicatePluginError naming both."""
        make_dist("dist-a", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        make_dist(
            "dist-b",
            "2.0",
            RULESETS_SOURCE + "import attrs\nOTHER = attrs.evolve(MEETINGS, rules=MEETINGS.rules[:1])\n",
            {"their-meetings": "{module}:OTHER"},
        )
        registry = registry_for(tmp_path, strict=False)
        assert ("demo.meetings",) == registry.ruleset_names()
        assert MEETINGS == registry.ruleset("demo.meetings")  # the first distribution keeps it
        (error,) = registry.errors
        assert isinstance(error, DuplicatePluginError)
        assert ("their-meetings", "dist-b", "2.0") == (error.plugin, error.distribution, error.version)
        assert "ruleset 'demo.meetings' is already provided by dist-a 1.0 (plugin 'meetings')" in str(error)

    def test_duplicate_framework_version(self) -> None:
        """Adding a different framework under an existing name and version is a duplicate too."""
        registry = Registry(autoload=False)
        registry.add(FRAMEWORK)
        other = attrs.evolve(FRAMEWORK, parameters={"min_attendance": 0.9})
        with pytest.raises(PluginErrors) as info:
            registry.add(other)
        (error,) = info.value.errors
        assert isinstance(error, DuplicatePluginError)
        assert "framework 'demo 1' is already provided by added in code" in str(error)

    def test_all_reported_together(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """Every broken plugin of one discovery is in one PluginErrors, in distribution order."""
        make_dist("a-broken", "0.1", BROKEN_SOURCE, {"broken": "{module}:RULES"})
        make_dist("b-good", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        make_dist("c-odd", "1.0", "WRONG = 42\n", {"odd": "{module}:WRONG"})
        make_dist(
            "d-dup",
            "1.0",
            RULESETS_SOURCE + "import attrs\nOTHER = attrs.evolve(MEETINGS, rules=MEETINGS.rules[:1])\n",
            {"dup": "{module}:OTHER"},
        )
        with pytest.raises(PluginErrors) as info:
            registry_for(tmp_path).ruleset_names()
        assert [
            (PluginImportError, "a-broken"),
            (PluginTypeError, "c-odd"),
            (DuplicatePluginError, "d-dup"),
        ] == [(type(e), e.distribution) for e in info.value.errors]
        assert str(info.value).startswith("3 broken plugins in 'partyrules.rulesets':")

    def test_not_strict_keeps_the_good_ones(self, tmp_path: Path, make_dist: MakeDist) -> None:
        """With strict=False the good plugins load and the broken ones are listed in errors."""
        make_dist("a-broken", "0.1", BROKEN_SOURCE, {"broken": "{module}:RULES"})
        make_dist("b-good", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS", "unity": "{module}:UNITY"})
        make_dist("c-odd", "1.0", "WRONG = 42\n", {"odd": "{module}:WRONG"})
        registry = registry_for(tmp_path, strict=False)
        assert ("demo.meetings", "demo.unity") == registry.ruleset_names()
        assert [PluginImportError, PluginTypeError] == [type(e) for e in registry.errors]


class TestAutoload:
    @pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE"])
    def test_environment_turns_autoload_off(
        self, tmp_path: Path, make_dist: MakeDist, monkeypatch: pytest.MonkeyPatch, value: str
    ) -> None:
        """PARTYRULES_DISABLE_PLUGIN_AUTOLOAD set to a true value: no plugin is imported."""
        module = make_dist("a-broken", "0.1", BROKEN_SOURCE, {"broken": "{module}:RULES"})
        monkeypatch.setenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", value)
        registry = registry_for(tmp_path)
        assert () == registry.ruleset_names()
        assert () == registry.framework_names()
        assert module not in sys.modules

    @pytest.mark.parametrize("value", ["0", "", "no"])
    def test_environment_false_keeps_autoload(
        self, tmp_path: Path, make_dist: MakeDist, monkeypatch: pytest.MonkeyPatch, value: str
    ) -> None:
        """A false value of the switch leaves autoloading on."""
        make_dist("b-good", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        monkeypatch.setenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", value)
        assert ("demo.meetings",) == registry_for(tmp_path).ruleset_names()

    def test_explicit_autoload_wins(self, tmp_path: Path, make_dist: MakeDist, monkeypatch: pytest.MonkeyPatch) -> None:
        """autoload=True loads even when the switch is set; load() always loads."""
        make_dist("b-good", "1.0", RULESETS_SOURCE, {"meetings": "{module}:MEETINGS"})
        monkeypatch.setenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", "1")
        assert ("demo.meetings",) == registry_for(tmp_path, autoload=True).ruleset_names()
        registry = registry_for(tmp_path)
        registry.load()
        assert ("demo.meetings",) == registry.ruleset_names()


def _version(version: str, start: int | None, end: int | None) -> Framework:
    return attrs.evolve(FRAMEWORK, version=version, effective_from=start, effective_to=end)


VERSIONS_SOURCE = """
import attrs
from support import FRAMEWORK

V2023 = attrs.evolve(FRAMEWORK, version="2023", effective_from=2023, effective_to=2024)
V2025 = attrs.evolve(FRAMEWORK, version="2025", effective_from=2025, parameters={"min_attendance": 0.9})
"""


class TestFrameworkSelection:
    @pytest.fixture
    def registry(self, tmp_path: Path, make_dist: MakeDist) -> Registry:
        make_dist("ward-frameworks", "1.0", VERSIONS_SOURCE, {"v2023": "{module}:V2023", "v2025": "{module}:V2025"})
        return registry_for(tmp_path)

    @pytest.mark.parametrize(("year", "version"), [(2023, "2023"), (2024, "2023"), (2025, "2025"), (2040, "2025")])
    def test_by_year(self, registry: Registry, year: int, version: str) -> None:
        """The version in force in the year is chosen."""
        assert version == registry.framework("demo", year=year).version

    def test_by_version(self, registry: Registry) -> None:
        """A named version is chosen whatever its period."""
        assert "2023" == registry.framework("demo", version="2023").version

    def test_latest_by_default(self, registry: Registry) -> None:
        """Without version or year, the version that starts last is chosen."""
        assert "2025" == registry.framework("demo").version

    def test_frameworks_sorted_by_period(self, registry: Registry) -> None:
        """frameworks() lists the versions by name and start of period, with their distribution."""
        assert [("2023", "ward-frameworks"), ("2025", "ward-frameworks")] == [
            (fw.version, origin.distribution) for fw, origin in registry.frameworks()
        ]

    def test_unknown_version(self, registry: Registry) -> None:
        """An unknown version names the known ones through a did-you-mean."""
        with pytest.raises(UnknownNameError) as info:
            registry.framework("demo", version="2026")
        assert "2025" == info.value.suggestion

    def test_unknown_framework(self, registry: Registry) -> None:
        """An unknown framework name suggests the closest."""
        with pytest.raises(UnknownNameError) as info:
            registry.framework("dem")
        assert "unknown framework 'dem' (did you mean 'demo'?)" == str(info.value)

    def test_none_in_force(self, registry: Registry) -> None:
        """A year no version covers is a FrameworkError listing the versions and their periods."""
        with pytest.raises(FrameworkError) as info:
            registry.framework("demo", year=2020)
        ((path, message),) = [p.parts()[:2] for p in info.value.problems]
        assert "framework 'demo'" == path
        assert "no version is in force in 2020 (2023: 2023–2024, 2025: 2025–…)" == message

    def test_overlapping_versions(self) -> None:
        """Two versions in force in the same year are a FrameworkError naming both."""
        registry = Registry(autoload=False)
        registry.add([_version("2025", 2025, None), _version("2025b", 2024, 2026)])
        assert "2025b" == registry.framework("demo", year=2024).version
        with pytest.raises(FrameworkError) as info:
            registry.framework("demo", year=2025)
        ((problem),) = info.value.problems
        assert "versions 2025, 2025b are all in force in 2025" == str(problem.message)
        assert "make their effective periods not overlap" == str(problem.hint)
