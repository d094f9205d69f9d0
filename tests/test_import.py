"""Tests of the front door: a cheap import, a lazy ``__version__``, and an ``__all__`` that tells the truth."""

from __future__ import annotations
import __future__

import importlib
import importlib.metadata
import inspect
import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import partyrules

CANARY = "partyrules_canary_plugin"

# Runs in a fresh interpreter: import partyrules, touch every public name, report what got loaded.
PROBE = textwrap.dedent(
    """
    import json, sys
    import partyrules
    for name in partyrules.__all__:
        getattr(partyrules, name)
    from importlib.metadata import entry_points
    plugin_modules = sorted({ep.value.split(":")[0] for ep in entry_points(group="partyrules.rulesets")})
    print(json.dumps({"modules": sorted(sys.modules), "plugin_modules": plugin_modules}))
    """
)


@pytest.fixture
def canary_site(tmp_path: Path) -> Path:
    """A directory holding an installed-looking ruleset plugin whose import leaves a mark."""
    marker = tmp_path / "imported"
    (tmp_path / f"{CANARY}.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\nRULESETS = []\n",
        encoding="utf-8",
    )
    info = tmp_path / "partyrules_canary-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: partyrules-canary\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[partyrules.rulesets]\ncanary = {CANARY}:RULESETS\n", encoding="utf-8")
    return tmp_path


def run_probe(site: Path, cwd: Path) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "PARTYRULES_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = str(site)
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=cwd, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


class TestCheapImport:
    def test_no_plugin_no_engine_no_hypothesis(self, canary_site: Path, tmp_path: Path) -> None:
        """Importing partyrules and touching every public name loads no plugin, no durable_rules, no hypothesis."""
        report = run_probe(canary_site, tmp_path)
        loaded = set(report["modules"])
        assert CANARY in report["plugin_modules"]  # the plugin is installed and visible ...
        assert set() == loaded & set(report["plugin_modules"])  # ... and not imported
        assert not (canary_site / "imported").exists()
        assert [] == sorted(m for m in loaded if m.split(".")[0] in ("durable_rules_engine", "durable", "hypothesis"))


class TestVersion:
    def test_version_is_the_distribution_version(self) -> None:
        """__version__ is the installed distribution's version."""
        assert importlib.metadata.version("partyrules") == partyrules.__version__

    def test_version_is_lazy(self) -> None:
        """__version__ is computed on access (a module __getattr__), not stored at import."""
        assert "__version__" not in vars(partyrules)

    def test_unknown_attribute(self) -> None:
        """Any other missing attribute is the usual AttributeError."""
        with pytest.raises(AttributeError, match="module 'partyrules' has no attribute 'nope'"):
            partyrules.nope  # type: ignore[attr-defined]  # noqa: B018


def _defined_elsewhere(value: object) -> bool:
    """True for names a module merely imports: modules, __future__ features, foreign classes and functions."""
    if isinstance(value, types.ModuleType | __future__._Feature):
        return True
    if inspect.isclass(value) or callable(value):
        return not str(getattr(value, "__module__", "")).startswith("partyrules")
    return False


class TestAll:
    def test_sorted_and_unique(self) -> None:
        """__all__ is sorted and has no duplicates."""
        assert sorted(set(partyrules.__all__)) == partyrules.__all__

    def test_every_name_exists(self) -> None:
        """Every name in __all__ can be got from the module."""
        missing = [name for name in partyrules.__all__ if not hasattr(partyrules, name)]
        assert [] == missing

    def test_all_equals_the_public_names(self) -> None:
        """Every public name partyrules defines or re-exports is in __all__, and nothing else is."""
        public = {
            name
            for name, value in vars(partyrules).items()
            if not name.startswith("_") and not _defined_elsewhere(value)
        }
        assert public == set(partyrules.__all__) - {"__version__"}

    @pytest.mark.parametrize("name", ["partyrules.testing.strategies", "partyrules.testing.audit"])
    def test_other_front_doors(self, name: str) -> None:
        """The strategies and the audit also list exactly their public names in __all__, once each."""
        module = importlib.import_module(name)
        parent = name.rpartition(".")[0]

        def own(value: object) -> bool:
            if not (inspect.isclass(value) or callable(value)):
                return not isinstance(value, types.ModuleType | __future__._Feature)
            where = str(getattr(value, "__module__", ""))
            private_sibling = where.rpartition(".")[0] == parent and where.rpartition(".")[2].startswith("_")
            return where == name or where.startswith(name + ".") or private_sibling

        public = {key for key, value in vars(module).items() if not key.startswith("_") and own(value)}
        assert len(set(module.__all__)) == len(module.__all__)
        assert public == set(module.__all__)

    def test_star_import(self) -> None:
        """``from partyrules import *`` gives exactly the names of __all__."""
        namespace: dict[str, object] = {}
        exec("from partyrules import *", namespace)  # test only
        assert set(partyrules.__all__) == set(namespace) - {"__builtins__"}
