"""Opening input files safely, and writing output files atomically.

Reading: only a regular file is opened (a FIFO, a device such as ``/dev/zero`` or a socket is
refused before it can hang or flood memory), within a size limit (:mod:`partyrules.limits`).

Writing: a temporary file beside the target, moved into place.  The target must be a regular
file or a new path (a device is never replaced); a symbolic link is followed, so the file it
points to is updated and the link kept; the input files are never the target.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..limits import current_limits
from ..problems import Problem, excerpt
from ..text.catalogue import Message, msg, os_reason, render

__all__ = ["confine", "open_regular", "read_regular", "write_atomic"]


def _kind(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return msg("io.kind.directory")
    if stat.S_ISFIFO(mode):
        return msg("io.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("io.kind.device")
    if stat.S_ISSOCK(mode):
        return msg("io.kind.socket")
    return msg("io.kind.other")


def _refuse(path: Path, message: Message) -> InputError:
    return InputError([Problem(message, file=str(path))])


def open_regular(path: str | Path, *, limit: int | None = None, limit_name: str = "file_size") -> IO[bytes]:
    """Open ``path`` for reading bytes if it is a regular file (of at most ``limit`` bytes, when
    given); raise :class:`~partyrules.errors.InputError` naming the file otherwise.

    The file is opened without blocking (a FIFO would wait for a writer) and checked on the
    open descriptor, so what is checked is what is read."""
    path = Path(path)
    if "\0" in str(path):
        raise _refuse(path, msg("file.path_invalid", target=excerpt(str(path))))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _refuse(path, msg("io.no_such_file")) from None
    except IsADirectoryError:
        raise _refuse(path, msg("io.is_a_directory")) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _refuse(path, msg("io.symlink_loop")) from None
        raise _refuse(path, msg("io.cannot_read", reason=os_reason(error))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(path, msg("io.is_a_directory"))
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, msg("io.not_regular", what=_kind(info.st_mode)))
        if limit is not None and info.st_size > limit:
            raise _refuse(path, msg("limit.file_size", size=info.st_size, limit=limit, name=limit_name))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def confine(target: str, referring: Path, root: Path) -> tuple[Path, Message | None]:
    """The file ``target`` names, relative to the folder of the file ``referring`` that names it,
    and why it may not be used (``None``: it may): an absolute path, a ``..``, or a path that
    leaves the folder ``root`` (through a symbolic link too) is refused unless the limits allow
    it (:attr:`~partyrules.limits.Limits.allow_outside`).  Nothing is read, so a refusal says
    nothing of what exists outside."""
    if "\0" in target:
        return referring.parent, msg("file.path_invalid", target=excerpt(target))
    given = Path(target)
    path = referring.parent / given
    if current_limits().allow_outside:
        return path, None
    if given.is_absolute() or given.drive or given.root:
        return path, msg("file.path_absolute", target=target)
    if ".." in given.parts:
        return path, msg("file.path_parent", target=target)
    try:
        resolved, base = path.resolve(), root.resolve()
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop
        return path, msg("io.symlink_loop")
    if not resolved.is_relative_to(base):
        try:  # the folder as the user knows it: relative to where the command runs, if inside
            shown = str(base.relative_to(Path.cwd().resolve())) or "."
        except ValueError:
            shown = str(base)
        return path, msg("file.path_outside", target=target, root=shown)
    return path, None


def read_regular(path: str | Path, *, limit: int | None = None, limit_name: str = "file_size") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default: the ``file_size`` limit);
    a file that grows past the limit while it is read is refused too."""
    limit = current_limits().file_size if limit is None else limit
    with open_regular(path, limit=limit, limit_name=limit_name) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _refuse(Path(path), msg("limit.file_size", size=len(data), limit=limit, name=limit_name))
    return data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target(path: Path, protect: Iterable[str | Path]) -> Path:
    """Where ``path`` writes: the file a symbolic link points to (so the link is kept), refused
    when it exists and is not a regular file, or when it is one of the ``protect`` files."""
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if real.is_symlink():  # realpath gives up on a loop and returns a link
            raise _refuse(path, msg("io.symlink_loop"))
        path = real
    try:
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _refuse(path, msg("io.symlink_loop")) from None
        raise
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, render("io.give_file_name"), str(path))
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, msg("out.not_regular", what=_kind(info.st_mode)))
    for other in protect:
        try:
            same = os.path.samefile(path, other)
        except OSError:
            continue
        if same:
            raise _refuse(path, msg("out.is_input", input=str(other)))
    return path


class _Terminated(SystemExit):
    """SIGTERM arrived while a file was being written: the temporary file is removed, then the
    process exits as the signal would have made it (code 143)."""


@contextmanager
def _cleanup_on_sigterm() -> Iterator[None]:
    """While a file is written, SIGTERM raises (so ``finally`` blocks run and the temporary file
    goes) instead of killing the process; only in the main thread, and only where the program
    has not set its own handler."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    def terminate(signum: int, _: Any) -> None:
        raise _Terminated(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(
    path: str | Path,
    write: Callable[[IO[Any]], object],
    *,
    binary: bool = False,
    protect: Iterable[str | Path] = (),
) -> None:
    """Write a file through ``write(stream)`` into a temporary file, then move it into place.

    A failure (or SIGTERM) leaves any previous file untouched and no partial file behind; the
    temporary file is hidden (``.NAME.XXXXXXXX.tmp``), so it is never taken for output.  ``path``
    must be a regular file or a new path (a symbolic link is followed: its target is updated);
    it may not be any of ``protect`` (the input files).
    """
    path = Path(path)
    if str(path) in ("", ".") or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, render("io.give_file_name"), str(path))
    path = _target(path, tuple(protect))
    directory = path.parent if str(path.parent) else Path(".")
    with _cleanup_on_sigterm():
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
