"""Reading the files people edit and writing outputs, so neither can go wrong in silence.

Every output goes to a temporary name in the same folder and is renamed into place, which is
atomic on one filesystem; the formats of one report are renamed together. Never write a final
path directly. A write that fails (disk full, no permission) raises
:class:`~ita_report.errors.WriteFailed` and leaves the earlier file alone. ``read_yaml`` is the
one YAML reader: bounded in size and expansion, and a repeated key is an error, never the last
one winning.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ita_report.errors import WriteFailed


def _part_file(target: Path) -> Path:
    """A new hidden ``.part`` file beside ``target`` (its folder made), renamed onto it later.

    Named ``.<stem>.<pid>@<host>.<random>.part<suffix>``: which process writes it, so a later
    run can tell one left by a process that was killed (:func:`sweep_stale_parts`) from one
    a run still going is writing.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Keep the real extension last: tools such as papermill check it.
        fd, name = tempfile.mkstemp(
            prefix=f".{target.stem}.{os.getpid()}@{_HOST}.", suffix=f".part{target.suffix}",
            dir=target.parent,
        )
        os.close(fd)
    except OSError as exc:
        raise WriteFailed(target, exc) from exc
    return Path(name)


#: This machine's name as part files carry it: a process id means something on this machine
#: only (a dask worker elsewhere may write into the same shared folder).
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:63] or "host"
#: A part file named before part files carried their writer: stale once this old (a run's
#: cells time out after minutes; nothing writes one file for a day).
LEGACY_PART_AGE = 24 * 3600.0


def sweep_stale_parts(targets: Iterable[Path]) -> list[Path]:
    """Delete the ``.part`` files of ``targets`` (their own names only) that no one will
    rename: their writer, a process of this machine, is gone (a run killed with SIGKILL, a
    power cut). A live process's, another machine's, and any other file are left alone; so
    is one named the old way (no writer) unless older than :data:`LEGACY_PART_AGE`.
    Returns what was deleted.
    """
    removed: list[Path] = []
    now = time.time()
    for target in targets:
        stem, suffix = re.escape(target.stem), re.escape(target.suffix)
        ours = re.compile(rf"\.{stem}\.(\d+)@([A-Za-z0-9-]+)\.[a-z0-9_]+\.part{suffix}")
        legacy = re.compile(rf"\.{stem}\.[a-z0-9_]+\.part{suffix}")
        try:
            names = [p for p in target.parent.iterdir() if p.name.startswith(f".{target.stem}.")]
        except OSError:
            continue
        for path in names:
            match, stale = ours.fullmatch(path.name), False
            if match:
                stale = match[2] == _HOST and not _alive(int(match[1]))
            elif legacy.fullmatch(path.name):
                with contextlib.suppress(OSError):
                    stale = now - path.stat().st_mtime > LEGACY_PART_AGE
            else:
                continue
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        # Windows: os.kill(pid, 0) would end the process, not ask after it; assume alive.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): alive, not ours to judge
        return True
    return True


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place, else delete it.

    >>> with atomic_path("/tmp/ita-doc-example.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    """
    target = Path(path)
    tmp = _part_file(target)
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


class Staged:
    """The temporary files of :func:`atomic_paths`, by the names of their targets."""

    def __init__(self, temps: Mapping[str, Path], targets: Mapping[str, Path]) -> None:
        self._temps = dict(temps)
        self._targets = dict(targets)

    def __contains__(self, key: object) -> bool:
        return key in self._temps

    def path(self, key: str) -> Path:
        """The temporary path to write ``key``'s output to (a tool such as papermill)."""
        return self._temps[key]

    def write_text(self, key: str, text: str) -> None:
        self.write_bytes(key, text.encode("utf-8"))

    def write_bytes(self, key: str, data: bytes) -> None:
        try:
            with open(self._temps[key], "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise WriteFailed(self._targets[key], exc) from exc


@contextlib.contextmanager
def atomic_paths(targets: Mapping[str, Path]) -> Iterator[Staged]:
    """Temporary files beside each of ``targets``; on success all are renamed into place.

    The outputs of one report (HTML, notebook, Word, Excel) appear together or not at all:
    nothing is renamed until every one is written, and the renames run with SIGINT, SIGTERM
    and SIGHUP held back, so Ctrl-C or ``kill`` cannot leave a new HTML beside an old Word
    file. (Only SIGKILL or a power cut between two renames, microseconds apart, could.)
    On failure every temporary file is deleted and the earlier files are untouched.
    """
    made: dict[str, Path] = {}
    try:
        for key, path in targets.items():
            made[key] = _part_file(Path(path))
        yield Staged(made, targets)
        with _signals_held():
            for key, tmp in made.items():
                try:
                    os.chmod(tmp, 0o644)
                    os.replace(tmp, targets[key])
                except OSError as exc:
                    raise WriteFailed(targets[key], exc) from exc
    finally:
        for tmp in made.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends, then deliver them.

    Python runs signal handlers in the main thread whichever thread the signal reaches, so the
    handlers themselves are swapped (masking the main thread alone would not do). Elsewhere
    than the main thread, where handlers cannot be set, the block runs as it is.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):
        held.append(signal.SIGHUP)
    caught: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        caught.append(signum)

    # A handler installed from C (not Python) reads as None and could not be put back.
    previous = {sig: signal.signal(sig, hold) for sig in held if signal.getsignal(sig) is not None}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in caught:
            signal.raise_signal(sig)


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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def refuse_overwrite(
    out: str | Path, *, force: bool, inputs: Iterable[str | Path] = ()
) -> None:
    """Raise :class:`~ita_report.errors.InputError` unless writing ``out`` is safe.

    An existing file is replaced only with ``--force`` (it may be a file an officer filled);
    one of the command's own ``inputs`` is never replaced, not even with ``--force``: the
    output would be read from what it destroys.
    """
    from ita_report.errors import InputError, file_problem

    target = Path(out)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise InputError(file_problem(
                target, "ไฟล์ที่จะเขียนคือไฟล์ที่อ่านเข้ามา จึงไม่เขียนทับ (แม้ใช้ --force)",
                "the output is one of the files read as input; not overwritten (even with"
                " --force)", column="--out", value=str(out),
                expected_th="--out ชื่อไฟล์อื่น ที่ไม่ใช่ไฟล์ที่อ่าน",
                expected_en="another --out, not a file the command reads"))
    if target.exists() and not force:
        raise InputError(file_problem(
            target, "มีไฟล์นี้อยู่แล้ว (อาจเป็นไฟล์ที่กรอกไว้) จึงไม่เขียนทับ",
            "the file exists (it may be a file filled in); not overwritten",
            column="--out", value=str(out),
            expected_th="ใช้ --out ชื่อไฟล์อื่น หรือ --force เพื่อเขียนทับ",
            expected_en="another --out, or --force to overwrite"))


def refuse_outputs_over_inputs(
    outputs: Iterable[Path], *inputs: str | Path | None
) -> None:
    """Raise ``InputError`` if one of a run's ``outputs`` is one of the files it reads (a score
    workbook kept in the output folder under the report's name): never written over."""
    for out in outputs:
        refuse_overwrite(out, force=True, inputs=[i for i in inputs if i is not None])


#: The largest YAML file people edit that is read: a params file is a few kilobytes and the
#: catalogue about 40 KB; a file of megabytes is a mistake (or an attack), refused unread.
MAX_YAML_BYTES = 1_000_000
#: The most values a YAML file may hold once its aliases (``*name``) are followed. The
#: catalogue holds a few thousand; a "billion laughs" file holds a billion in a few lines.
MAX_YAML_VALUES = 100_000

#: Where a value sits in a YAML file: its keys (and list positions, from 0) from the top.
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file as read: its value, and the line (1-based) of every key and list item."""

    source: Path
    value: Any
    lines: Mapping[YamlPath, int]

    def top_lines(self) -> dict[str, int]:
        """Line of each top-level key."""
        return {str(p[0]): n for p, n in self.lines.items() if len(p) == 1}


def read_yaml(
    path: str | Path,
    *,
    missing_th: str,
    missing_en: str,
    expected_th: str | None = None,
    expected_en: str | None = None,
) -> Any:
    """Parse a YAML file people edit (safe loader only), or raise an ``InputError`` naming it.

    See :func:`read_yaml_document` for what is refused.
    """
    return read_yaml_document(
        path,
        missing_th=missing_th,
        missing_en=missing_en,
        expected_th=expected_th,
        expected_en=expected_en,
    ).value


def read_yaml_document(
    path: str | Path,
    *,
    missing_th: str,
    missing_en: str,
    expected_th: str | None = None,
    expected_en: str | None = None,
) -> YamlDocument:
    """Parse a YAML file people edit (safe loader only), with the line of every key.

    Each of these becomes one message in Thai and English instead of a traceback or a wrong
    value: a missing file or a folder; a file over :data:`MAX_YAML_BYTES`; text that is not
    UTF-8; a syntax error (with its line); a key written twice in one mapping (the last would
    win in silence); aliases that expand past :data:`MAX_YAML_VALUES` values or refer to
    themselves; a value the safe loader cannot build (``!!int abc``); nesting deep enough to
    exhaust the stack. A date-shaped value that is no day of the calendar (``2567-13-01``) stays
    its text, so the key's own check names the key and says what it expects.
    """
    import yaml

    from ita_report.errors import InputError, file_problem

    source = Path(path)

    def refuse(
        problem_th: str, problem_en: str, where: str | None = None, **extra: Any
    ) -> InputError:
        return InputError(file_problem(source, problem_th, problem_en, where=where, **extra))

    text = _read_text_file(source, MAX_YAML_BYTES, missing_th=missing_th, missing_en=missing_en)
    loader: yaml.SafeLoader | None = None
    try:
        try:
            loader = _people_loader()(text)  # checks the characters: may raise already
            node = loader.get_single_node()
            if node is None:
                return YamlDocument(source, None, {})
            lines, duplicates = _walk_nodes(node)
            if duplicates:
                raise InputError(
                    [
                        file_problem(
                            source,
                            f"เขียนชื่อ {key} ซ้ำในชุดเดียวกัน (ครั้งแรกที่บรรทัด {first})"
                            " ค่าที่เขียนทีหลังจะทับค่าแรกโดยไม่มีใครเห็น",
                            f"key {key!r} is written twice in the same mapping (first at line"
                            f" {first}); the later value would silently replace the first",
                            where=f"line {line}",
                            column=" › ".join(str(p) for p in at) or None,
                            value=key,
                            expected_th="แต่ละชื่อเขียนครั้งเดียว: ลบบรรทัดที่ซ้ำ หรือรวมค่าไว้ที่เดียว",
                            expected_en="each key once: delete the repeated one or merge them",
                        )
                        for at, key, first, line in duplicates
                    ]
                )
            size = _expanded_size(node, MAX_YAML_VALUES)
            if size > MAX_YAML_VALUES:
                raise refuse(
                    f"ใช้ชื่ออ้างอิง (alias *ชื่อ) ซ้อนกันจนมีข้อมูลเกิน {MAX_YAML_VALUES:,} ค่า"
                    " หรืออ้างอิงถึงตัวเอง",
                    f"its aliases (*name) expand to more than {MAX_YAML_VALUES:,} values, or"
                    " refer to themselves",
                    expected_th="เขียนค่าตรง ๆ โดยไม่ใช้ & และ *",
                    expected_en="values written out, without & anchors and * aliases",
                )
            controls = _control_characters(node)
            if controls:
                raise InputError([
                    file_problem(
                        source, f"มีอักขระควบคุมที่มองไม่เห็น ({char}) ซึ่ง Word และ Excel บันทึกไม่ได้",
                        f"holds an invisible control character ({char}) that Word and Excel"
                        " cannot save", where=f"line {line}", column=" › ".join(at) or None,
                        value=char, expected_th="ข้อความที่ไม่มีอักขระนี้ (ลบแล้วพิมพ์ใหม่)",
                        expected_en="the text without it (delete it and type the text again)")
                    for at, line, char in controls
                ])
            return YamlDocument(source, loader.construct_document(node), lines)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            problem_th, problem_en = type(exc).__name__, f"{type(exc).__name__}: {str(exc)[:200]}"
            where = None
        except yaml.YAMLError as exc:  # said as the slip a person made, not the parser's words
            from ita_report.yaml_slips import explain_yaml_error

            slip = explain_yaml_error(text, exc)
            raise refuse(slip.problem_th, slip.problem_en, slip.where, value=slip.text,
                         expected_th=slip.expected_th, expected_en=slip.expected_en) from None
    finally:
        if loader is not None:
            loader.dispose()
    raise refuse(
        f"เขียนรูปแบบ YAML ไม่ถูกต้อง ({problem_th})",
        f"is not valid YAML ({problem_en})",
        where,
        expected_th=expected_th,
        expected_en=expected_en,
    )


@functools.cache
def _people_loader() -> Any:
    """YAML's safe loader, but a date-shaped value that is no date (``2567-13-01``) is text."""
    import yaml

    class PeopleLoader(yaml.SafeLoader):
        pass

    def timestamp_or_text(loader: yaml.SafeLoader, node: Any) -> Any:
        try:
            return loader.construct_yaml_timestamp(node)
        except ValueError:
            return loader.construct_scalar(node)

    PeopleLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)
    return PeopleLoader


def _read_text_file(source: Path, limit: int, *, missing_th: str, missing_en: str) -> str:
    """The UTF-8 text of a small file people edit; ``InputError`` for anything else."""
    from ita_report.errors import InputError, file_problem

    if source.is_dir():
        raise InputError(
            file_problem(
                source,
                "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
                "is a folder, not a file",
                expected_th="ชื่อไฟล์ (รวมนามสกุล เช่น .yaml) ไม่ใช่ชื่อโฟลเดอร์",
                expected_en="the name of a file (with its extension, such as .yaml), not a folder",
            )
        )
    try:
        with source.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        from ita_report.errors import missing_file_problem

        raise InputError(missing_file_problem(source, missing_th, missing_en)) from None
    if len(data) > limit:
        raise InputError(
            file_problem(
                source,
                f"ไฟล์ใหญ่เกิน {limit:,} ไบต์ ซึ่งมากเกินกว่าไฟล์ที่เขียนเองจะเป็นได้",
                f"is larger than {limit:,} bytes, far more than a file people write",
                expected_th="ไฟล์พารามิเตอร์ขนาดไม่กี่กิโลไบต์ (ตรวจว่าเลือกไฟล์ถูก)",
                expected_en="a file of a few kilobytes (check that it is the right file)",
            )
        )
    try:
        return data.decode("utf-8-sig")
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


_Control = tuple[tuple[str, ...], int, str]  # path, line, "U+001F"


def _control_characters(node: Any, at: tuple[str, ...] = ()) -> list[_Control]:
    """Each scalar holding a control character (path, line, ``U+001F``); the line breaks a
    person meant (vertical tab, form feed, line separator) are made newlines in place."""
    import yaml

    from ita_report.text import control_character, line_breaks_as_newlines

    found: list[_Control] = []
    seen: set[int] = set()

    def walk(item: Any, path: tuple[str, ...]) -> None:
        if id(item) in seen:  # an alias: its anchor is checked once
            return
        seen.add(id(item))
        if isinstance(item, yaml.ScalarNode):
            item.value = line_breaks_as_newlines(item.value)
            char = control_character(item.value)
            if char is not None:
                found.append((path, item.start_mark.line + 1, char))
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                walk(key, path)
                walk(value, (*path, str(key.value)))
        elif isinstance(item, yaml.SequenceNode):
            for index, value in enumerate(item.value):
                walk(value, (*path, str(index)))

    walk(node, at)
    return found


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _walk_nodes(
    root: Any,
) -> tuple[dict[YamlPath, int], list[tuple[YamlPath, str, int, int]]]:
    """The line of every key and item by path, and every key repeated in one mapping.

    A node reached again through an alias is not walked again, so this costs one visit per
    node as written, however far the aliases would expand.
    """
    import yaml

    lines: dict[YamlPath, int] = {}
    duplicates: list[tuple[YamlPath, str, int, int]] = []
    seen: set[int] = set()
    todo: list[tuple[Any, YamlPath]] = [(root, ())]
    while todo:
        node, path = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                    todo.append((value, path))
                    continue
                line = key.start_mark.line + 1
                if (key.tag, key.value) in first:
                    duplicates.append((path, key.value, first[(key.tag, key.value)], line))
                    continue
                first[(key.tag, key.value)] = line
                lines[(*path, key.value)] = line
                todo.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                todo.append((item, (*path, index)))
    duplicates.sort(key=lambda d: d[3])
    return lines, duplicates


def _expanded_size(root: Any, limit: int) -> int:
    """How many values ``root`` holds with every alias followed (above ``limit``: limit + 1).

    Each node is sized once and shared nodes are added up by count, so a billion-value file
    costs a few dozen steps; an alias to a node that contains it is a cycle (limit + 1).
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[Any, Iterator[Any]]] = [(root, iter(_children(root)))]
    in_progress.add(id(root))
    while stack:
        node, pending = stack[-1]
        for child in pending:
            if id(child) in in_progress:
                return limit + 1  # a value that contains itself never ends
            if id(child) not in sizes:
                in_progress.add(id(child))
                stack.append((child, iter(_children(child))))
                break
        else:
            stack.pop()
            in_progress.discard(id(node))
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            sizes[id(node)] = min(total, limit + 1)
    return sizes[id(root)]
