"""Writes that destroy nothing: a symbolic link is followed, the input is never the target, and
SIGTERM during a write leaves neither the output nor the temporary file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partyrules.errors import InputError
from partyrules.io.files import write_atomic

ROOT = Path(__file__).parents[2]


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    """``-o link`` updates the file the link points to; the link stays a link."""
    target = tmp_path / "results.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)
    write_atomic(link, lambda stream: stream.write("new"))
    assert link.is_symlink()
    assert "new" == target.read_text(encoding="utf-8")


def test_never_the_input_even_through_a_link(tmp_path: Path) -> None:
    data = tmp_path / "ward.yaml"
    data.write_text("period: 2025\n", encoding="utf-8")
    link = tmp_path / "out.yaml"
    link.symlink_to(data.name)
    with pytest.raises(InputError) as info:
        write_atomic(link, lambda stream: stream.write("x"), protect=[data])
    assert "out.is_input" == info.value.problems[0].message.key
    assert "period: 2025\n" == data.read_text(encoding="utf-8")


def test_a_failing_writer_leaves_nothing(tmp_path: Path) -> None:
    def fail(stream: object) -> None:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "out.json", fail)
    assert [] == list(tmp_path.iterdir())


def _partyrules() -> list[str]:
    script = Path(sys.executable).parent / "partyrules"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from partyrules.cli import main; main()"]


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_removes_the_temporary_file(tmp_path: Path) -> None:
    """A run killed with SIGTERM while it writes ``-o`` exits 143 and leaves the folder as it was."""
    unit = (ROOT / "examples" / "ward-2025.yaml").read_text(encoding="utf-8")
    (tmp_path / "many.yaml").write_text("\n---\n".join([unit] * 400), encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    process = subprocess.Popen(
        [*_partyrules(), "evaluate", "many.yaml", "--backend", "python", "-o", "out.json", "--format", "json"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.json.*.tmp")):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the temporary file never appeared"
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    assert 128 + signal.SIGTERM == process.wait(timeout=60)
    assert before == sorted(tmp_path.iterdir())
    if process.stderr:
        assert b"Traceback" not in process.stderr.read()
        process.stderr.close()
