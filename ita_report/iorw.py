"""Writing outputs so that nothing half-written is ever left where a report belongs.

Every file goes to a temporary name in the same folder and is renamed into place, which is
atomic on one filesystem. Never write a final path directly. A write that fails (disk full, no
permission) raises :class:`~ita_report.errors.WriteFailed` and leaves the earlier file alone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ita_report.errors import WriteFailed


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place, else delete it.

    >>> with atomic_path("/tmp/ita-doc-example.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Keep the real extension last: tools such as papermill check it.
        fd, name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise WriteFailed(target, exc) from exc
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except WriteFailed:
        raise  # a file written inside the block already said which one
    except OSError as exc:
        # The block's job is to fill ``tmp``: an OSError there (ENOSPC, EDQUOT, EIO) is this
        # file failing to be written. The earlier file at ``target`` was never touched.
        raise WriteFailed(target, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside ``path`` for writing; rename it into place on success.

    The file is closed before the rename, so an error that only shows when the last bytes
    are flushed (a full disk, a network filesystem) still stops the rename.
    """
    with atomic_path(path) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with open(tmp, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as handle:
        handle.write(data)
