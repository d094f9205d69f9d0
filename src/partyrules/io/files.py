"""Writing output files atomically: a temporary file beside the target, moved into place."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, write: Callable[[IO[Any]], object], *, binary: bool = False) -> None:
    """Write a file through ``write(stream)`` into a temporary file, then move it into place.

    A failure leaves any previous file untouched and no partial file behind.
    """
    path = Path(path)
    if str(path) in ("", ".") or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory; give a file name", str(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:  # name the file the user asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    try:
        # mkstemp makes the file owner-only: give it the mode a plain open() would (or keep the old one)
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask())
        stream: IO[Any]
        if binary:
            stream = os.fdopen(fd, "wb")
        else:
            stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
