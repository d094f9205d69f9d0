"""Timing a command and its peak memory, for the benchmarks.

The peak is the largest sum of the resident memory of the command and every process under it
(its worker processes, and any ``also`` processes, such as a Dask cluster's workers), sampled
every 0.25 s with psutil (a sampler that wakes more often takes CPU from what it measures);
without psutil, the largest single process (``wait4``).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence

try:
    import psutil
except ImportError:  # pragma: no cover - psutil comes with the bench extra
    psutil = None


def _tree_rss(roots: Sequence[int]) -> int:
    total = 0
    seen: set[int] = set()
    for pid in roots:
        try:
            process = psutil.Process(pid)
            for member in [process, *process.children(recursive=True)]:
                if member.pid not in seen:
                    seen.add(member.pid)
                    total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(command: Sequence[str], *, also: Sequence[int] = (), quiet: bool = False) -> tuple[float, int]:
    """Run ``command``; (wall seconds, peak resident bytes of it and everything it started,
    plus the ``also`` processes, above what those held before).  ``quiet``: its standard
    output is discarded."""
    baseline = _tree_rss(also) if psutil is not None and also else 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL if quiet else None)
    peak = 0
    if psutil is not None:
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.25):
                peak = max(peak, _tree_rss([process.pid]) + max(0, _tree_rss(also) - baseline))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        peak = max(peak, usage.ru_maxrss * 1024)
    else:
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        peak = usage.ru_maxrss * 1024
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return wall, peak


def mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def verdict(ok: bool) -> str:
    return "meets the target" if ok else "MISSES the target"
