"""Writing files safely: never over an existing file unless told to, never half-written.

Every writer of ctnat goes through :func:`write_bytes`, :func:`write_text` or
:func:`write_with`. The content goes to a temporary file in the target's folder,
is flushed to disk, and is then renamed into place in one step, so an interrupted
write leaves the old file (or no file), never a truncated workbook or report.
Without ``overwrite=True`` an existing file is refused with
:class:`ctnat.errors.OverwriteError`, and the check and the rename are one step
where the file system allows it (a hard link that fails if the name is taken).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import FileFormatError, OverwriteError

__all__ = ["check_writable", "write_bytes", "write_text", "write_with"]

PathLike = str | os.PathLike[str]

_UMASK: int | None = None


def _umask() -> int:
    global _UMASK  # noqa: PLW0603 - read once per process; os.umask can only be read by setting it
    if _UMASK is None:
        current = os.umask(0o022)
        os.umask(current)
        _UMASK = current
    return _UMASK


def check_writable(path: PathLike, *, overwrite: bool = False) -> Path:
    """Refuse early (before any work) a target that exists, unless ``overwrite``."""
    target = Path(path)
    if target.is_dir():
        raise FileFormatError("this is a folder, not a file name", file=str(target))
    if not overwrite and target.exists():
        raise OverwriteError(
            "the file exists already and was left unchanged",
            file=str(target),
            hint="pass overwrite=True (on the command line: --force) to replace it",
        )
    return target


def write_with(
    path: PathLike, write: Callable[[BinaryIO], object], *, overwrite: bool = False
) -> Path:
    """Call ``write(file)`` on a temporary file beside ``path``, then move it into place.

    ``write`` gets a binary file open for writing (e.g. ``workbook.save``).
    Returns the path written. Raises :class:`~ctnat.errors.OverwriteError` if the
    file exists and ``overwrite`` is false, :class:`~ctnat.errors.FileFormatError`
    if the folder is missing or not writable.
    """
    target = check_writable(path, overwrite=overwrite)
    folder = target.parent
    if not folder.is_dir():
        raise FileFormatError(
            f"the folder {str(folder)!r} does not exist", file=str(target), hint="create it first"
        )
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise FileFormatError(
            f"cannot write here: {exc.strerror or exc}", file=str(target)
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(0o666 & ~_umask())
        _move_into_place(tmp, target, overwrite=overwrite)
    except OSError as exc:
        raise FileFormatError(
            f"cannot write the file: {exc.strerror or exc}", file=str(target)
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target


def _move_into_place(tmp: Path, target: Path, *, overwrite: bool) -> None:
    if overwrite:
        tmp.replace(target)
        return
    try:
        os.link(tmp, target)  # fails if the name was taken meanwhile: no race
    except FileExistsError:
        raise OverwriteError(
            "the file appeared while it was being written and was left unchanged",
            file=str(target),
            hint="pass overwrite=True (on the command line: --force) to replace it",
        ) from None
    except OSError:  # no hard links on this file system (e.g. some network drives)
        if target.exists():
            raise OverwriteError(
                "the file exists already and was left unchanged", file=str(target)
            ) from None
        tmp.replace(target)


def write_bytes(path: PathLike, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; see :func:`write_with`."""
    return write_with(path, lambda fh: fh.write(data), overwrite=overwrite)


def write_text(
    path: PathLike,
    text: str,
    *,
    overwrite: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> Path:
    """Write ``text`` to ``path`` atomically; ``newline`` as for :func:`open`.

    With ``newline=None`` (the default) line ends are written as ``\\n`` on every
    platform, so a file is the same wherever it was written.
    """
    if newline not in (None, ""):
        text = text.replace("\n", newline)
    return write_bytes(path, text.encode(encoding), overwrite=overwrite)
