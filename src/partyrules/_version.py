"""The library's version, read once from the installed distribution."""

from __future__ import annotations

import functools

__all__ = ["library_version"]


@functools.cache
def library_version() -> str:
    """The installed distribution's version (``0+unknown`` when running from a source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("partyrules")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"
