"""The Python path of a local committee: the example package ``rulesets/example_local``, installed
by pip into a temporary folder and discovered through its entry points, as a committee would use it.

The package (see its README.md) adds to the reference framework a criterion a framework file cannot
write: the rate of new members admitted, ``members_admitted / (members_total - members_admitted)``,
computed by a Python function, must reach ``min_admission_rate`` (3 points in cadres_members, taken
from ``cadres.members_good_share``: 12 → 9).  Its framework files ``hoa-binh-ward`` set the rate to
2% for 2023–2024 and 4% from 2025, when a cell of 10 or more full members that admitted nobody is
also not Four-Good.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from partyrules import (
    Evaluation,
    Evaluator,
    FactSpec,
    Framework,
    FrameworkError,
    Grade,
    Kind,
    Outcome,
    Registry,
    build_trace,
)
from partyrules.cli import main
from partyrules.convert import read_document
from partyrules.io import read_data
from partyrules.io.tables import flatten
from partyrules.plugins import Origin

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "rulesets" / "example_local"
EXAMPLES = ROOT / "examples"
DISTRIBUTION = ("partyrules-example-hoa-binh", "0.1.0")
G = Grade

#: New members admitted in the year, given to each cell of the example ward (a fact the example
#: ward does not have: the package declares it).
ADMITTED = {
    "c01": 1,  # 1 / (32 - 1) = 3.2%
    "c02": 0,  # 24 full members, nobody admitted
    "c03": 2,  # 2 / 30 = 6.7%
    "c04": 1,  # 1 / 31 = 3.2%
    "c05": 1,  # its members are listed: 1 / (5 - 1) = 25% in 2025, 1 / (6 - 1) = 20% in 2024
    "c06": 1,  # 1 / (15 - 1) = 7.1%
    "c07": 0,  # 9 full members
    "c08": 0,  # 5 full members
    "c09": 1,  # 1 / 17 = 5.9%
    "c10": 0,  # 6 full members
    "c11": 1,  # 1 / 31 = 3.2%
    "c12": 2,  # 2 / 30 = 6.7%
}
#: The committee's members_total is the sum of its cells' (244 in 2025, 245 in 2024: c05 lists 6
#: members in 2024), so 10 admitted make 10 / 234 = 4.3% in 2025 and 10 / 235 = 4.3% in 2024.
COMMITTEE = {"members_admitted": 10}


def install(source: Path, target: Path) -> None:
    """``pip install --target`` the package, without build isolation when the build backend is
    already here, else with it (pip then fetches setuptools)."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-input",
        "--disable-pip-version-check",
        "--target",
        str(target),
        str(source),
    ]
    result = subprocess.run([*command, "--no-build-isolation"], capture_output=True, text=True, check=False)
    if result.returncode != 0:  # setuptools (or wheel, for an old setuptools) is not installed here
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert 0 == result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example package installed by pip into a folder of its own (from a copy of its source,
    so that the build leaves nothing in the repository); pip runs once for this module."""
    source = tmp_path_factory.mktemp("source") / "example_local"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = tmp_path_factory.mktemp("site")
    install(source, target)
    yield target
    for name in [m for m in sys.modules if m.split(".")[0] == "partyrules_hoa_binh"]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def registry(site: Path) -> Registry:
    """A registry that sees the installed package and everything this environment has."""
    registry = Registry(path=[str(site), *sys.path], autoload=True)
    registry.load()
    return registry


def ward(name: str) -> dict[str, Any]:
    """An example ward with the new fact given to its cells and committee."""
    data: dict[str, Any] = read_data(EXAMPLES / name)
    committee = data["committees"][0]
    committee["facts"] = {**committee["facts"], **COMMITTEE}
    for cell in committee["cells"]:
        cell["facts"] = {**cell["facts"], "members_admitted": ADMITTED[cell["id"]]}
    return data


def evaluate(framework: Framework, data: dict[str, Any], backend: str) -> dict[str, Evaluation]:
    subjects = read_document(data).subjects
    with Evaluator(framework, backend=backend) as evaluator:
        results = [evaluator.evaluate(subject) for subject in subjects]
    return {result.subject_id: result for result in flatten(results)}


def admission(result: Evaluation) -> Outcome:
    return result.evidence.outcome("hoa-binh.cadres.admission")


class TestDiscovery:
    def test_rulesets_and_frameworks_with_their_distribution(self, registry: Registry) -> None:
        """The ruleset, the factory's framework and both framework files are registered, each
        with the distribution and version pip installed, and nothing is broken."""
        assert () == registry.errors
        rulesets = {item.name: origin for item, origin in registry.rulesets()}
        assert (
            Origin("hoa-binh.admission", "partyrules_hoa_binh.admission:RULESETS", *DISTRIBUTION)
            == rulesets["hoa-binh.admission.cell"]
        )
        assert "hoa-binh.admission.committee" in rulesets
        frameworks = {
            (fw.name, fw.version): (fw.effective_from, fw.effective_to, origin.plugin, origin.distribution)
            for fw, origin in registry.frameworks()
        }
        assert {
            ("hoa-binh-admission", "2025.1"): (2023, None, "hoa-binh-admission", DISTRIBUTION[0]),
            ("hoa-binh-ward", "2024.1"): (2023, 2024, "hoa-binh-ward", DISTRIBUTION[0]),
            ("hoa-binh-ward", "2025.1"): (2025, None, "hoa-binh-ward", DISTRIBUTION[0]),
        } == {key: value for key, value in frameworks.items() if key[0].startswith("hoa-binh")}

    def test_installed_as_a_distribution(self, site: Path) -> None:
        """pip wrote the package, its framework files and its dist-info into the folder."""
        assert {"hoa-binh-ward-2024.toml", "hoa-binh-ward-2025.toml"} == {
            p.name for p in (site / "partyrules_hoa_binh" / "frameworks").iterdir()
        }
        assert (site / "partyrules_example_hoa_binh-0.1.0.dist-info" / "entry_points.txt").is_file()

    def test_the_rulesets_command_lists_versions_and_periods(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``partyrules rulesets`` shows each framework version with its period and distribution."""
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        result = CliRunner().invoke(main, ["rulesets"])
        assert 0 == result.exit_code, result.output
        lines = [" ".join(line.split()) for line in result.output.splitlines()]
        dist = "[partyrules-example-hoa-binh 0.1.0] ok"
        assert f"hoa-binh-ward version 2024.1 in force 2023–2024 {dist}" in lines
        assert f"hoa-binh-ward version 2025.1 in force 2025–… {dist}" in lines
        assert f"hoa-binh-admission version 2025.1 in force 2023–… {dist}" in lines


class TestFramework:
    def test_schema_merges_with_the_reference(self, registry: Registry) -> None:
        """Cells and committees gain the two new facts; every fact of the reference keeps its
        declaration (the shared ``members_total`` is declared identically)."""
        reference = registry.framework("fourgood")
        local = registry.framework("hoa-binh-admission")
        for kind in (Kind.CELL, Kind.COMMITTEE):
            old, new = reference.view(kind).schema, local.view(kind).schema
            assert {"members_admitted", "admission_rate"} == new.names - old.names
            assert all(old.spec(name) == new.spec(name) for name in old.names)
        assert reference.view(Kind.MEMBER).schema == local.view(Kind.MEMBER).schema

    def test_the_new_fact_is_typed(self, registry: Registry) -> None:
        """The derived fact is a share that is better when higher; the given one a count."""
        schema = registry.framework("hoa-binh-admission").view(Kind.CELL).schema
        rate, admitted = schema.spec("admission_rate"), schema.spec("members_admitted")
        assert isinstance(rate, FactSpec) and isinstance(admitted, FactSpec)
        assert ("float", "share", 0, "higher") == (rate.type.value, rate.unit, rate.minimum, rate.direction.value)
        assert ("int", 0, "higher") == (admitted.type.value, admitted.minimum, admitted.direction.value)

    @pytest.mark.parametrize(
        ("name", "version"),
        [("hoa-binh-admission", "2025.1"), ("hoa-binh-ward", "2024.1"), ("hoa-binh-ward", "2025.1")],
    )
    def test_points_add_up(self, registry: Registry, name: str, version: str) -> None:
        """For cells and committees, each dimension's rules still give its declared points (the
        admission rule's 3 points come from cadres.members_good_share, 12 → 9)."""
        framework = registry.framework(name, version=version)
        expected = {"political_tasks": 30, "meetings": 20, "unity_discipline": 25, "cadres_members": 25}
        assert expected == dict(framework.dimension_points)
        for kind in (Kind.CELL, Kind.COMMITTEE):
            rules = framework.view(kind).rules
            totals = {d: sum(r.points for r in rules if r.dimension == d and r.applies is None) for d in expected}
            assert expected == totals, kind
            assert {"hoa-binh.cadres.admission": 3, "cadres.members_good_share": 9} == {
                r.id: r.points for r in rules if r.id in ("hoa-binh.cadres.admission", "cadres.members_good_share")
            }

    @pytest.mark.parametrize(
        ("year", "version"), [(2023, "2024.1"), (2024, "2024.1"), (2025, "2025.1"), (2031, "2025.1")]
    )
    def test_the_version_in_force_is_chosen_by_year(self, registry: Registry, year: int, version: str) -> None:
        """2023 and 2024 get version 2024.1 (in force 2023–2024); 2025 on, version 2025.1."""
        assert version == registry.framework("hoa-binh-ward", year=year).version

    def test_no_version_in_force(self, registry: Registry) -> None:
        """A year before every version is an error naming the versions and their periods."""
        with pytest.raises(FrameworkError) as info:
            registry.framework("hoa-binh-ward", year=2022)
        assert ["framework 'hoa-binh-ward': no version is in force in 2022 (2024.1: 2023–2024, 2025.1: 2025–…)"] == [
            str(p) for p in info.value.problems
        ]

    def test_versions_differ_in_their_numbers_and_rules(self, registry: Registry) -> None:
        """The two files set their own rate; only the 2025 one adds the blocking rule; so their
        content hashes differ."""
        old = registry.framework("hoa-binh-ward", version="2024.1")
        new = registry.framework("hoa-binh-ward", version="2025.1")
        assert (0.02, 0.04) == (old.parameter_values["min_admission_rate"], new.parameter_values["min_admission_rate"])
        blocking = "hoa-binh.fourgood.no_admission"
        assert (False, True) == tuple(any(r.id == blocking for r in fw.view(Kind.CELL).rules) for fw in (old, new))
        assert old.content_hash != new.content_hash


@pytest.mark.parametrize("backend", ["durable", "python"])
class TestEvaluation:
    def test_ward_2025(self, registry: Registry, backend: str) -> None:
        """2025 (version 2025.1): the outcomes of the reference (tests/rulesets/test_example_ward.py),
        except c02, which admitted nobody with 24 full members: not Four-Good.  Losing the 3
        admission points alone never makes cadres_members not good (22/25 = 88% ≥ 80%)."""
        framework = registry.framework("hoa-binh-ward", year=2025)
        results = evaluate(framework, ward("ward-2025.yaml"), backend)
        expected = {
            "hoa-binh": (G.GOOD, False),
            "c01": (G.EXCELLENT, True),
            "c02": (G.GOOD, False),  # blocked by hoa-binh.fourgood.no_admission
            "c03": (G.GOOD, False),
            "c04": (G.NOT_COMPLETED, False),
            "c05": (G.GOOD, True),  # EXCELLENT by its facts, moved to GOOD by the ward's quota
            "c06": (G.GOOD, True),
            "c07": (G.COMPLETED, False),
            "c08": (G.GOOD, False),
            "c09": (G.GOOD, True),
            "c10": (G.GOOD, True),  # admitted nobody, but has 6 full members
            "c11": (G.NOT_COMPLETED, False),
            "c12": (G.GOOD, True),
        }
        assert expected == {key: (results[key].grade, results[key].four_good) for key in expected}
        blockers = {rule_id for rule_id, outcome in results["c02"].evidence.outcomes.items() if outcome is Outcome.MET}
        assert "hoa-binh.fourgood.no_admission" in blockers

    def test_admission_rule_2025(self, registry: Registry, backend: str) -> None:
        """At 4%, the rule is met where the rate computed from the two facts reaches 4%; the trace
        shows the rate the Python function computed."""
        framework = registry.framework("hoa-binh-ward", year=2025)
        results = evaluate(framework, ward("ward-2025.yaml"), backend)
        met = {"c03", "c05", "c06", "c09", "c12", "hoa-binh"}
        assert {key: Outcome.MET if key in met else Outcome.NOT_MET for key in [*ADMITTED, "hoa-binh"]} == {
            key: admission(results[key]) for key in [*ADMITTED, "hoa-binh"]
        }
        step = build_trace(results["c01"], framework).rule("hoa-binh.cadres.admission")
        assert pytest.approx(1 / 31) == step.facts["admission_rate"]
        assert 0.04 == step.params["min_admission_rate"]

    def test_cadres_members_points(self, registry: Registry, backend: str) -> None:
        """cadres_members = members' grades 9 + no member failed 6 + none degraded 7 + admission 3."""
        results = evaluate(registry.framework("hoa-binh-ward", year=2025), ward("ward-2025.yaml"), backend)
        scores = {key: next(d.score for d in results[key].dimensions if d.name == "cadres_members") for key in ADMITTED}
        assert {
            "c01": 22,  # 27 of 30 members GOOD or better (90% ≥ 80%): 9 + 6 + 7, not the rate
            "c03": 25,  # the same members, and 6.7% admitted
            "c07": 13,  # 6 of 9 GOOD or better (67%): 6 + 7
            "c08": 7,  # listed members: 3 of 5 GOOD or better, one NOT_COMPLETED: 7
        } == {key: scores[key] for key in ("c01", "c03", "c07", "c08")}

    def test_ward_2024(self, registry: Registry, backend: str) -> None:
        """2024 (version 2024.1, chosen by the ward's period): at 2%, a rate of 3.2% is enough, and
        the 2025 blocking rule does not exist."""
        data = ward("ward-2024.yaml")
        document = read_document(data).document
        framework = registry.framework("hoa-binh-ward", year=document.period)
        results = evaluate(framework, data, backend)
        met = {"c01", "c03", "c04", "c05", "c06", "c09", "c11", "c12", "hoa-binh"}
        assert {key: Outcome.MET if key in met else Outcome.NOT_MET for key in [*ADMITTED, "hoa-binh"]} == {
            key: admission(results[key]) for key in [*ADMITTED, "hoa-binh"]
        }
        assert all("hoa-binh.fourgood.no_admission" not in r.evidence.rules for r in results.values())

    @pytest.mark.parametrize("year", [2024, 2025])
    def test_trace_records_the_framework(self, registry: Registry, backend: str, year: int) -> None:
        """Every evaluation and its trace name the framework, the version in force and its content hash."""
        framework = registry.framework("hoa-binh-ward", year=year)
        results = evaluate(framework, ward(f"ward-{year}.yaml"), backend)
        expected = ("hoa-binh-ward", f"{year}.1", framework.content_hash)
        for result in results.values():
            assert expected == (result.framework.name, result.framework.version, result.framework.content_hash)
            trace = build_trace(result, framework)
            assert expected == (trace.framework, trace.framework_version, trace.framework_hash)


class TestCommandLine:
    def test_evaluate_picks_the_version_of_the_period(
        self, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``partyrules evaluate`` with ``framework: hoa-binh-ward`` in the file uses the version in
        force in the file's period, and says so in its JSON output."""
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        versions = {}
        for year in (2024, 2025):
            data = ward(f"ward-{year}.yaml")
            data["framework"] = "hoa-binh-ward"
            path = tmp_path / f"ward-{year}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json", "--backend", "python"])
            assert 0 == result.exit_code, result.output
            framework = json.loads(result.stdout)["catalogue"]["framework"]
            versions[year] = (framework["name"], framework["version"])
        assert {2024: ("hoa-binh-ward", "2024.1"), 2025: ("hoa-binh-ward", "2025.1")} == versions

    def test_check_shows_what_the_python_package_adds(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``partyrules check hoa-binh-admission`` lists the new parameter, facts, rule and points
        against the reference."""
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        result = CliRunner().invoke(main, ["check", "hoa-binh-admission", "--lang", "en"])
        assert 0 == result.exit_code, result.output
        differences = result.output.split("differences from fourgood 2025.1:\n")[1].splitlines()
        assert [
            "parameter added: min_admission_rate = 0.03",
            "fact added (cell): members_admitted (int) New members admitted this year",
            "fact added (cell): admission_rate = members_admitted / (members_total - members_admitted)",
            "added (cell): hoa-binh.cadres.admission [cadres and members] New members admitted at the ward's rate: "
            "admission_rate >= min_admission_rate",
            "points (cell) cadres.members_good_share: 12 → 9",
        ] == [line.strip() for line in differences[:5]]


class TestFactoryOrder:
    def test_a_factory_sorted_before_the_reference_extends_it(self, tmp_path: Path) -> None:
        """A committee's factory may extend fourgood whatever its distribution is called (here one
        whose name sorts before 'partyrules')."""
        (tmp_path / "aa_ward_factory.py").write_text(
            "import attrs\n\n\ndef make(registry):\n"
            "    return attrs.evolve(registry.framework('fourgood'), name='aa-ward')\n",
            encoding="utf-8",
        )
        info = tmp_path / "aa_ward-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: aa-ward\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(
            "[partyrules.rulesets]\naa-ward = aa_ward_factory:make\n", encoding="utf-8"
        )
        try:
            registry = Registry(path=[str(tmp_path), *sys.path], autoload=True, strict=False)
            registry.load()
        finally:
            sys.modules.pop("aa_ward_factory", None)
        assert () == registry.errors
        assert registry.framework("fourgood").content_hash == registry.framework("aa-ward").content_hash
