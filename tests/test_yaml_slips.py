"""The slips an officer makes editing a params file, as ``ita-report run`` tells them (issue 24).

Each test edits a real file that ``ita-report new`` wrote, the way the slip happens, then runs
``ita-report run`` in its own process: exit status 2, a Thai sentence and its English naming the
line and the fix, none of the parser's words, nothing written.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ita_report.cli import main

#: What the YAML parser says, which an officer must never be shown.
JARGON = ("expected <", "block end", "block mapping", "<scalar>", "cannot start any token",
          "could not find expected", "while scanning", "flow sequence", "found character")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The lines of a params file as ``ita-report new`` writes it."""
    folder = tmp_path_factory.mktemp("new")
    path = folder / "nongbua-2567.yaml"
    assert main(["new", "--org-name", "เทศบาลตำบลหนองบัว", "--short-name", "ทต.หนองบัว",
                 "--year", "2567", "--org-id", "nongbua", "--org-type", "ทต.",
                 "--district", "อำเภอเมือง", "--province", "อุบลราชธานี",
                 "--out", str(path)]) == 0
    return path.read_text(encoding="utf-8").split("\n")


def at(lines: list[str], start: str) -> int:
    """The index of the first line starting with ``start``."""
    return next(n for n, line in enumerate(lines) if line.startswith(start))


def run(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "nongbua-2567.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ita_report.cli", "run", str(path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not any(word in proc.stderr for word in JARGON), proc.stderr
    assert not (tmp_path / "out").exists()
    return proc.stderr


def uncomment_document(lines: list[str]) -> list[str]:
    """The README's step taken literally: the # removed, the space after it left, and the
    ``document: {}`` line deleted."""
    edited = list(lines)
    start = at(edited, "# document:")
    edited[start] = edited[start][1:]  # " document:"
    font = at(edited, "#   font:")
    edited[font] = edited[font][1:]  # "   font: Sarabun"
    edited.remove("document: {}")
    return edited


def test_a_space_left_by_removing_the_hash(tmp_path: Path, written: list[str]) -> None:
    lines = uncomment_document(written)
    said = run(tmp_path, lines)
    line = at(lines, " document:") + 1
    assert f"บรรทัด {line}:" in said and f"line {line}:" in said
    assert "เว้นวรรคหน้าบรรทัดเกินมา 1 เคาะ" in said and "ลบ # ออก" in said
    assert "document: ชิดซ้ายสุด" in said and "too many" in said


def test_a_tab(tmp_path: Path, written: list[str]) -> None:
    lines = list(written)
    start = at(lines, "# document:")
    lines[start] = "document:"
    font = at(lines, "#   font:")
    lines[font] = "\tfont: Sarabun"
    lines.remove("document: {}")
    said = run(tmp_path, lines)
    assert f"บรรทัด {font + 1}:" in said and f"line {font + 1}:" in said
    assert "ย่อหน้าด้วยปุ่ม Tab" in said and "ปุ่ม Space" in said and "indented with a tab" in said


def test_no_space_after_the_colon(tmp_path: Path, written: list[str]) -> None:
    lines = list(written)
    target = at(lines, "target:")
    lines[target] = lines[target].replace("target: ", "target:")
    said = run(tmp_path, lines)
    # The parser stops on the line after; the message names the line with the slip.
    assert f"บรรทัด {target + 1}:" in said and f"line {target + 1}:" in said
    assert "ไม่มีเว้นวรรคหลังเครื่องหมาย : ของ target" in said
    assert f"เช่น {lines[target].replace('target:', 'target: ')}" in said
    assert "no space after the colon" in said


def test_a_quote_never_closed(tmp_path: Path, written: list[str]) -> None:
    lines = list(written)
    name = at(lines, "org_name:")
    lines[name] = 'org_name: "เทศบาลตำบลหนองบัว'
    said = run(tmp_path, lines)
    assert f"บรรทัด {name + 1}:" in said and f"line {name + 1}:" in said
    assert 'เปิดเครื่องหมายคำพูด (") แล้วไม่ได้ปิด' in said and "does not close it" in said


@pytest.mark.parametrize(
    "slip",
    [lambda lines: [*lines, "limitations: [unclosed"],
     lambda lines: [*lines, "target: 85: 90"]],
    ids=["bracket", "two-colons"],
)
def test_any_other_slip_gets_the_plain_checklist(
    tmp_path: Path, written: list[str], slip: Callable[[list[str]], list[str]]
) -> None:
    said = run(tmp_path, slip(written))
    assert "เขียนไม่ตรงรูปแบบของไฟล์ YAML" in said and "ไม่ใช้ Tab" in said
