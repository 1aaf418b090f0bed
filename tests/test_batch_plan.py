"""The batch's inputs: the roster, each agency's params, the cache key (no kernel: fast).

What an officer preparing a province's batch sees before any report is rendered: errors that
name the file, row and column, and the defaults that reach every agency.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from ita_report.batch import (
    RosterEntry,
    cache_key,
    load_roster,
    read_defaults,
    resolve_params,
    static_digest,
)
from ita_report.errors import InputError
from ita_report.params import validate_params
from ita_report.scores import AgencyScores

YEAR = 2569


def test_a_zero_width_space_in_a_roster_id_is_removed(tmp_path: Path) -> None:
    # Case 4: the roster's id must match the score file's, as the eye reads them.
    path = tmp_path / "roster.csv"
    path.write_text("org_id,org_name\nsyn\u200b00001,หนึ่ง\n", encoding="utf-8")
    assert [e.org_id for e in load_roster(path)] == ["syn00001"]


def test_roster_errors_name_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("org_id,org_name\na1,หนึ่ง\na1,สอง\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_roster(path)
    text = str(info.value)
    assert "dup.csv" in text and "row 3" in text and "แถว 3" in text and "a1" in text


def test_cache_key_follows_the_scores_and_params_not_the_file_path(tmp_path: Path) -> None:
    static = static_digest(YEAR, Path(__file__).parents[1] / "notebooks/measures_report.ipynb")
    p = validate_params(
        {"org_id": "a1", "org_name": "ก", "short_name": "ก", "fiscal_year": YEAR,
         "scores_file": "/x/scores.csv"}
    )
    s = AgencyScores("a1", "ก", YEAR, {"i1": 90.0, "i2": None})
    key = cache_key(p, s, static)
    moved = p.model_copy(update={"scores_file": "/elsewhere/scores.csv"})
    assert cache_key(moved, s, static) == key
    assert cache_key(p, AgencyScores("a1", "ก", YEAR, {"i1": 90.5, "i2": None}), static) != key
    assert cache_key(p.model_copy(update={"target": 80.0}), s, static) != key
    assert cache_key(p, s, "another notebook") != key
    assert os.path.basename(str(p.scores_file)) == "scores.csv"


def test_document_settings_of_the_defaults_reach_every_agency(tmp_path: Path) -> None:
    # The provincial office sets the date and font once; an agency's own file adds its
    # letterhead without losing them (document: is merged key by key).
    defaults = tmp_path / "defaults.yaml"
    defaults.write_text("document:\n  date: 2567-10-01\n  font: Sarabun\n  show_tool_name: false\n",
                        encoding="utf-8")
    own = tmp_path / "b.yaml"
    own.write_text("org_id: b\norg_name: เทศบาลตำบลบี\nshort_name: ทต.บี\nfiscal_year: 2566\n"
                   "scores_file: s.csv\ndocument:\n  letterhead: สำนักปลัด ทต.บี\n  font_size: 14\n",
                   encoding="utf-8")
    scores = tmp_path / "s.csv"
    scores.write_text("", encoding="utf-8")
    read = read_defaults(defaults)
    plain, with_file = (
        resolve_params(RosterEntry(org_id, name, (), params_file, "roster.csv row 2"),
                       year=2566, scores_path=scores, defaults=read, defaults_path=defaults)
        for org_id, name, params_file in (("a", "เทศบาลตำบลเอ", None), ("b", "เทศบาลตำบลบี", own))
    )
    for params in (plain, with_file):
        assert params.document.date == dt.date(2024, 10, 1)
        assert params.document.font == "Sarabun" and not params.document.show_tool_name
    assert plain.document.letterhead == "" and plain.document.font_size is None
    assert with_file.document.letterhead == "สำนักปลัด ทต.บี" and with_file.document.font_size == 14
