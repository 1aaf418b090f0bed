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
from typing import IO, Any

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


def read_yaml(
    path: str | Path,
    *,
    missing_th: str,
    missing_en: str,
    expected_th: str | None = None,
    expected_en: str | None = None,
) -> Any:
    """Parse a YAML file people edit (safe loader only), or raise an ``InputError`` naming it.

    A missing file, text that is not UTF-8, a value the safe loader cannot build (a date like
    2566-13-45, ``!!int abc``), nesting deep enough to exhaust the stack, and a syntax error
    (with its line) each become one message in Thai and English instead of a traceback.
    """
    import yaml

    from ita_report.errors import InputError, file_problem

    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(file_problem(source, missing_th, missing_en)) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            file_problem(
                source,
                "ไม่ใช่ข้อความ UTF-8",
                f"is not UTF-8 text (byte {exc.start})",
                expected_th="ไฟล์ข้อความ UTF-8 (บันทึกจาก Notepad หรือโปรแกรมแก้ไขข้อความ)",
                expected_en="a UTF-8 text file",
            )
        ) from None
    try:
        return yaml.safe_load(text)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        problem_th, problem_en = type(exc).__name__, f"{type(exc).__name__}: {str(exc)[:200]}"
        where = None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem_th = problem_en = str(getattr(exc, "problem", None) or exc)
        where = f"line {mark.line + 1}" if mark is not None else None
    raise InputError(
        file_problem(
            source,
            f"เขียนรูปแบบ YAML ไม่ถูกต้อง ({problem_th})",
            f"is not valid YAML ({problem_en})",
            where=where,
            expected_th=expected_th,
            expected_en=expected_en,
        )
    )
