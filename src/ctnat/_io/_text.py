"""Reading a file's bytes and text within the size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import FileFormatError
from ._limits import DEFAULT_LIMITS, Limits, limit_exceeded

__all__ = ["PathLike", "check_path", "decode_text", "is_file", "read_bytes", "read_text"]

PathLike = str | os.PathLike[str]


def check_path(path: PathLike, *, file: str | None = None) -> Path:
    """``path`` as a :class:`Path`, refusing what no file system accepts (a NUL byte)."""
    text = os.fspath(path)
    if "\x00" in text:
        raise FileFormatError(
            "the file name contains a NUL character", file=file or repr(text).strip("'")
        )
    return Path(text)


def is_file(path: PathLike) -> bool:
    """Whether ``path`` names a regular file; False, not an error, for any name the
    system refuses (a NUL byte, a name too long, a loop of links)."""
    try:
        return "\x00" not in os.fspath(path) and stat.S_ISREG(Path(path).stat().st_mode)
    except (OSError, ValueError):
        return False


def read_bytes(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a file, refused if it is larger than ``limits.max_bytes``."""
    p = check_path(path)
    file = str(p)
    try:
        if p.is_dir():
            raise IsADirectoryError
        if p.exists() and not stat.S_ISREG(p.stat().st_mode):
            raise FileFormatError("not a regular file (a device or pipe?)", file=file)
        with p.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise limit_exceeded(
                    f"the file is {size:,} bytes, more than the {limits.max_bytes:,} allowed",
                    "max_bytes",
                    file=file,
                )
            data = handle.read(limits.max_bytes + 1)  # a growing file cannot slip past
    except IsADirectoryError:
        raise FileFormatError("this is a folder, not a file", file=file) from None
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    if len(data) > limits.max_bytes:
        raise limit_exceeded(
            f"the file is more than the {limits.max_bytes:,} bytes allowed", "max_bytes", file=file
        )
    return data


def decode_text(data: bytes, *, file: str | None, expected: str = "a text file") -> str:
    """UTF-8 text (a leading byte-order mark dropped); binary content is refused.

    ``expected`` names what the file should be, for the message
    (``"a YAML or JSON file"``, ``"CSV text"``).
    """
    if b"\x00" in data:
        raise FileFormatError(f"binary content (a NUL byte); expected {expected}", file=file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileFormatError(
            f"not UTF-8 text (byte {exc.start:,}); expected {expected}",
            file=file,
            location=f"line {line}",
            hint="save or export the file as UTF-8",
        ) from None


def read_text(
    path: PathLike, *, limits: Limits = DEFAULT_LIMITS, expected: str = "a text file"
) -> str:
    """The text of a UTF-8 file (BOM dropped), within ``limits.max_bytes``, with no NUL byte."""
    p = check_path(path)
    return decode_text(read_bytes(p, limits=limits), file=str(p), expected=expected)
