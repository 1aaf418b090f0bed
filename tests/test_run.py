"""``ita-report run``: a mistake is refused before any kernel starts, and nothing half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "params" / "chaemae-2566.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ita_report.cli", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def sample_copy(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    """The sample params beside a copy of its scores, optionally with one edit."""
    scores = tmp_path / "scores.csv"
    shutil.copy(ROOT / "data" / "samples" / "chaemae-2566-scores.csv", scores)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "../data/samples/chaemae-2566-scores.csv", "scores.csv"
    )
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    return params


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("thai_digits: true", "thai_digit: true"), "thai_digit"),
        (("fiscal_year: 2566", "fiscal_year: twenty"), "fiscal_year"),
        (("org_id: chaemae", "org_id: ../../etc"), "org_id"),
    ],
)
def test_bad_params_exit_2_with_file_and_line_and_write_nothing(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    params = sample_copy(tmp_path, edit)
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "params.yaml" in proc.stderr and expected in proc.stderr
    assert "บรรทัด" in proc.stderr and "line" in proc.stderr
    assert not out.exists()


def test_a_bad_score_is_refused_before_the_kernel_starts(tmp_path: Path) -> None:
    params = sample_copy(tmp_path)
    scores = tmp_path / "scores.csv"
    scores.write_text(
        scores.read_text(encoding="utf-8").replace(",e1,84.77", ",e1,8477"), encoding="utf-8"
    )
    out = tmp_path / "reports"
    proc = run_cli(str(params), "--out", str(out))
    assert proc.returncode == 2
    assert "scores.csv" in proc.stderr and "8477" in proc.stderr and "0–100" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_a_run_leaves_the_report_the_notebook_and_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    proc = run_cli(str(sample_copy(tmp_path)), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (out / "2566").iterdir()) == ["chaemae.html", "chaemae.ipynb"]
    html = (out / "2566" / "chaemae.html").read_text(encoding="utf-8")
    assert "scores.csv" not in html  # the injected parameters never reach the page
    assert "reports/2566/chaemae.html" in proc.stdout or "chaemae.html" in proc.stdout
