"""``ita-report new``: a params file that loads, explains itself in Thai, and whose examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ita_report.catalogue import load_catalogue
from ita_report.cli import main
from ita_report.new_params import DEFAULT_ORG_ID
from ita_report.officer.template import write_template
from ita_report.params import FIELD_HELP_TH, PARAM_FIELDS, load_params
from ita_report.report import build_document
from ita_report.scores.template import TemplateAgency, is_template, read_agency

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "chaemae-2566-scores.csv"
NAME, SHORT = "เทศบาลเมืองแฉะแม่", "ทม.แฉะแม่"


def new(tmp_path: Path, *extra: str) -> int:
    return main(["new", "--org-name", NAME, "--short-name", SHORT, "--year", "2566", *extra])


def test_writes_a_params_file_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "p" / "chaemae-2566.yaml"
    assert new(tmp_path, "--org-id", "chaemae", "--scores", str(SAMPLE), "--out", str(out),
               "--province", "อุบลราชธานี") == 0
    params = load_params(out)
    assert (params.org_id, params.org_name, params.short_name) == ("chaemae", NAME, SHORT)
    assert params.fiscal_year == 2566 and params.province == "อุบลราชธานี"
    assert params.scores_path.resolve() == SAMPLE  # written relative to the params' folder
    assert not Path(params.scores_file).is_absolute()
    assert params.extra_codes == ("i37", "i48")  # the sample cites them: declared for the run
    assert build_document(params).rows  # nothing else to edit before a run


def test_every_field_has_a_thai_comment_above_it(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert new(tmp_path, "--org-id", "chaemae", "--scores", str(SAMPLE), "--out", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    for field in PARAM_FIELDS:
        if field == "base_dir":
            continue  # set by the loader, never written by people
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        comments = []
        for line in reversed(lines[:at]):
            if not line.startswith("#"):
                if comments or line.strip():
                    break
                continue
            comments.append(line)
        if field == "province":  # shares its comment with district, the line above
            comments = [lines[at - 2]]
        assert comments, field
        help_words = FIELD_HELP_TH[field].split()[0]
        assert any(help_words in c for c in comments) or field == "province", field
    text = "\n".join(lines)
    for theme in load_catalogue().themes_for(2566):
        assert re.search(rf"^#\s+{theme.id}\s+{re.escape(theme.title_th)}$", text, re.M)


def _uncommented(text: str, key: str, empty: str) -> str:
    """The file with the commented example of ``key`` switched on (as the comment says)."""
    lines = text.splitlines()
    start = lines.index(f"# {key}:")
    end = lines.index(f"{key}: {empty}")
    example = [line[2:] if line.startswith("# ") else line[1:] for line in lines[start:end]]
    return "\n".join(lines[:start] + example + lines[end + 1 :]) + "\n"


def test_commented_examples_work_when_switched_on(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert new(tmp_path, "--org-id", "chaemae", "--scores", str(SAMPLE), "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    for key, empty in (("theme_overrides", "{}"), ("added_themes", "[]"), ("limitations", "[]")):
        text = _uncommented(text, key, empty)
    out.write_text(text, encoding="utf-8")
    raw = yaml.safe_load(text)
    assert raw["limitations"] and raw["added_themes"] and raw["theme_overrides"]
    doc = build_document(load_params(out))
    rows = {row.theme_id: row for row in doc.rows}
    first = load_catalogue().themes_for(2566)[0].id
    override = raw["theme_overrides"][first]
    assert rows[first].measure_th == override["measure_th"]
    assert rows[first].quarter_th == override["quarter_th"]
    assert rows[first].unit_th == override["unit_th"]
    order = [row.theme_id for row in doc.rows]
    # The added theme comes after the catalogue's themes and keeps a row of its own although its
    # items pass; the sample's i37/i48 (outside the framework) get a row; one keep-the-standard
    # row closes the table.
    catalogue_ids = {t.id for t in load_catalogue().themes_for(2566)}
    assert all(order.index("website_training") > order.index(t) for t in order
               if t in catalogue_ids)
    assert "uncovered_extra" in order and order[-1] == "keep_standard"
    dropped = [k for k, v in raw["theme_overrides"].items() if v.get("drop")]
    assert dropped and not set(dropped) & set(rows)
    assert raw["limitations"][0] in doc.limitations


def test_without_scores_a_prefilled_template_is_written(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "params" / "nongbua-2566.yaml"
    assert new(tmp_path, "--org-id", "nongbua", "--out", str(out), "--org-type", "ทต.") == 0
    params = load_params(out)
    scores = params.scores_path
    assert scores == out.parent / "nongbua-2566-scores.xlsx" and is_template(scores)
    sheet = read_agency(scores)
    assert (sheet.org_id, sheet.org_name, sheet.short_name, sheet.org_type) == (
        "nongbua", NAME, SHORT, "ทต.")
    said = capsys.readouterr().out
    assert str(scores) in said and "ita-report run" in said


def test_org_id_comes_from_a_filled_template(tmp_path: Path) -> None:
    scores = write_template(2566, tmp_path / "s.xlsx", TemplateAgency(org_id="chaemae",
                                                                       province="อุบลราชธานี"))
    out = tmp_path / "p.yaml"
    assert new(tmp_path, "--scores", str(scores), "--out", str(out)) == 0
    params = load_params(out)
    assert params.org_id == "chaemae" and params.province == "อุบลราชธานี"
    assert "อ่านมาจากไฟล์คะแนน" in out.read_text(encoding="utf-8")


def test_org_id_defaults_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.yaml"
    assert new(tmp_path, "--out", str(out)) == 0
    assert load_params(out).org_id == DEFAULT_ORG_ID
    assert "ยังไม่ได้ระบุ --org-id" in out.read_text(encoding="utf-8")
    assert "--org-id" in capsys.readouterr().out


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("org_id: keep-me\n", encoding="utf-8")
    assert new(tmp_path, "--org-id", "x", "--scores", str(SAMPLE), "--out", str(out)) == 2
    assert out.read_text(encoding="utf-8") == "org_id: keep-me\n"
    assert "--force" in capsys.readouterr().err
    assert new(tmp_path, "--org-id", "เทศบาล", "--out", str(tmp_path / "q.yaml")) == 2
    assert "org_id" in capsys.readouterr().err
    assert not (tmp_path / "q.yaml").exists()


# -- the agency typed once, in the template (issue 14) -----------------------------------------
def test_a_filled_template_gives_the_agency_so_nothing_is_typed_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SAMPLE_AGENCY, fill_template

    scores = fill_template(tmp_path / "คะแนน-2567.xlsx")
    out = tmp_path / "p.yaml"
    assert main(["new", "--scores", str(scores), "--out", str(out)]) == 0
    params = load_params(out)
    assert params.fiscal_year == 2567
    for key, value in SAMPLE_AGENCY.items():
        assert getattr(params, key) == value, key
    said = capsys.readouterr().out
    assert "org_name" in said and "แม่แบบ" in said  # says where the values came from
    assert build_document(params).rows


def test_a_typed_value_differing_from_the_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import fill_template

    scores = fill_template(tmp_path / "คะแนน-2567.xlsx")
    out = tmp_path / "p.yaml"
    code = main(["new", "--scores", str(scores), "--out", str(out), "--org-name", "อบต.อื่น"])
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err
    assert "อบต.อื่น" in err and "องค์การบริหารส่วนตำบลตัวอย่าง" in err and "--org-name" in err
    # The same value typed again is no conflict.
    assert main(["new", "--scores", str(scores), "--out", str(out),
                 "--org-name", "องค์การบริหารส่วนตำบลตัวอย่าง", "--year", "2567"]) == 0


def test_without_a_template_the_name_and_year_are_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--year", "2566", "--out", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err
    assert "--org-name" in err and "--short-name" in err and "ชื่อหน่วยงาน" in err


def test_new_never_writes_the_params_over_the_score_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 21 case 3: --out the same file as --scores would replace the scores with YAML.
    scores = tmp_path / "filled.xlsx"
    write_template(2566, scores, TemplateAgency(org_id="nongbua", org_name="เทศบาลตำบลหนองบัว",
                                                short_name="ทต.หนองบัว"))
    before = scores.read_bytes()
    assert main(["new", "--scores", str(scores), "--out", str(scores), "--force"]) == 2
    assert "read as input" in capsys.readouterr().err
    assert scores.read_bytes() == before


def test_the_next_step_follows_the_scores_file(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 24: with a filled score file it still said "ขั้นต่อไป: กรอกคะแนนใน …".
    filled = tmp_path / "filled.yaml"
    assert new(tmp_path, "--scores", str(SAMPLE), "--out", str(filled)) == 0
    said = capsys.readouterr().out
    assert f"มีคะแนนแล้ว สั่ง ita-report run {filled}" in said and "กรอกคะแนนใน" not in said
    empty = tmp_path / "empty.yaml"
    assert new(tmp_path, "--org-id", "nongbua", "--out", str(empty)) == 0
    said = capsys.readouterr().out
    assert f"กรอกคะแนนใน {tmp_path / 'nongbua-2566-scores.xlsx'} แล้วสั่ง" in said
    assert "มีคะแนนแล้ว" not in said
