"""What the built distribution holds: the package data a fresh install needs (the examples the
tutorial writes out, and the compiled catalogue of click's Vietnamese messages)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_local_plugin import install

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "partyrules"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """partyrules installed by pip into a folder of its own, from a copy of its source."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    shutil.copytree(ROOT / "rulesets", source / "rulesets", ignore=ignore)
    target = tmp_path_factory.mktemp("site")
    install(source, target)
    return target / "partyrules"


def test_the_catalogue_of_click_messages_is_installed(installed: Path) -> None:
    for name in ("messages.mo", "messages.po"):
        shipped = installed / "locale" / "vi" / "LC_MESSAGES" / name
        assert (PACKAGE / "locale" / "vi" / "LC_MESSAGES" / name).read_bytes() == shipped.read_bytes()


def test_the_examples_are_installed(installed: Path) -> None:
    wanted = sorted(
        p.relative_to(PACKAGE) for p in (PACKAGE / "examples").rglob("*.*") if p.suffix in (".yaml", ".toml")
    )
    assert wanted and wanted == sorted(p.relative_to(installed) for p in (installed / "examples").rglob("*.*"))
