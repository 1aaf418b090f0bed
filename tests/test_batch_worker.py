"""What a batch worker and the plan do with one agency, without a kernel: fast checks.

The agency's scores go to the document as they are in memory (no CSV written and parsed
again), messages name the batch's score file, and report paths pass report.output_path. One
slow check renders with a real warm kernel: the document the worker built is the one shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_report.batch import RosterEntry, Worker, WorkerSettings, agency_table, plan_batch
from ita_report.batch.records import MEASURES_NOTEBOOK, AgencyJob
from ita_report.errors import InputError
from ita_report.params import validate_params
from ita_report.scores import AgencyScores, load_scores

FIXTURES = Path(__file__).parent / "fixtures"
YEAR = 2569


def test_agency_table_gives_back_the_agency_as_the_score_file_has_it() -> None:
    table = load_scores(FIXTURES / "scores_extra_codes.csv", extra_codes=("i37", "i48"))
    agency = table.for_agency("5520101", 2566)
    again = agency_table(agency, table.path).for_agency("5520101", 2566)
    assert again.scores == agency.scores == {"i14": 91.5}
    assert again.extra == agency.extra == {"i37": 62.5, "i48": None}  # a blank stays blank
    assert again.org_name == agency.org_name
    assert again.source == str(FIXTURES / "scores_extra_codes.csv")  # the batch's file


def test_the_document_of_a_slice_names_the_batch_file(tmp_path: Path) -> None:
    from ita_report.report import build_document

    batch_file = tmp_path / "scores-province.csv"
    params = validate_params(
        {"org_id": "a1", "org_name": "เทศบาลตำบลเอ", "short_name": "ทต.เอ", "fiscal_year": YEAR,
         "scores_file": str(batch_file)}
    )
    # Only IIT scores: EIT and OIT have none, which refuses the document (no ITA score).
    scores = AgencyScores("a1", "เทศบาลตำบลเอ", YEAR, {f"i{n}": 90.0 for n in range(1, 31)})
    with pytest.raises(InputError) as refused:
        build_document(params, scores=agency_table(scores, params.scores_path))
    text = str(refused.value)
    assert "EIT" in text and str(batch_file) in text


def _plan(org_id: str, out: Path) -> tuple[str, list[Path]]:
    params = validate_params(
        {"org_id": "a1", "org_name": "ก", "short_name": "ก", "fiscal_year": YEAR,
         "scores_file": str(out / "s.csv")}
    ).model_copy(update={"org_id": org_id})  # model_copy skips the org_id check
    scores = AgencyScores(org_id, "ก", YEAR, {"i1": 90.0})
    plan = plan_batch(
        [RosterEntry(org_id, "ก", (), None, "roster.csv row 2")],
        {org_id: params},
        agency_table(scores, out / "s.csv"),
        year=YEAR,
        out_dir=out,
        static="static",
        force=False,
    )
    errors = [r.error for r in plan.results if r.input_error]
    return (errors[0] if errors else ""), [job.html_path for job in plan.jobs]


def test_report_paths_are_made_by_output_path(tmp_path: Path) -> None:
    error, paths = _plan("a1", tmp_path)
    assert error == "" and paths == [tmp_path / str(YEAR) / "a1.html"]


@pytest.mark.parametrize("org_id", ["../escape", "/etc/passwd"])
def test_an_org_id_that_would_write_outside_the_folder_fails_that_agency(
    org_id: str, tmp_path: Path
) -> None:
    error, paths = _plan(org_id, tmp_path / "out")
    assert paths == []
    assert "outside the output folder" in error and "นอกโฟลเดอร์ผลลัพธ์" in error


@pytest.mark.slow
def test_the_warm_kernel_shows_the_document_the_worker_built(tmp_path: Path) -> None:
    # The batch's score file is not there for the kernel to read: only the document the
    # worker built from its slice, signed with the key the warm kernel alone was given
    # (issue 21), can make this report.
    params = validate_params(
        {"org_id": "a1", "org_name": "เทศบาลตำบลเอ", "short_name": "ทต.เอ", "fiscal_year": YEAR,
         "scores_file": str(tmp_path / "gone.csv")}
    )
    from ita_report.framework import load_framework

    every = {i.code: 90.0 for i in load_framework(YEAR).items()}
    scores = AgencyScores("a1", "เทศบาลตำบลเอ", YEAR, every)
    html = tmp_path / "out" / str(YEAR) / "a1.html"
    job = AgencyJob(params, scores, "key", html, html.parent / ".batch" / "a1.json")
    worker = Worker(WorkerSettings(notebook=MEASURES_NOTEBOOK, log_dir=tmp_path / "logs"))
    try:
        worker.start()
        result = worker.render(job)
        assert (result.status, result.error) == ("ok", "")
        assert "เทศบาลตำบลเอ" in html.read_text(encoding="utf-8")
        assert not list(worker.tmp.iterdir())  # the handed-over file went with the run
        assert worker.tmp.stat().st_mode & 0o777 == 0o700
    finally:
        worker.close()
