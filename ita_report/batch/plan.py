"""Deciding a batch: the roster, each agency's params, cache keys, and what must be rendered.

Every input is read and validated here before anything is written, so a mistake is one
``InputError`` naming the file, row and column. Nothing here starts a kernel or writes a report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ita_report import __version__
from ita_report.batch.records import (
    PACKAGE_DIR,
    STATE_DIR,
    AgencyJob,
    AgencyResult,
    BatchOptions,
    BatchPlan,
    RosterEntry,
)
from ita_report.batch.status import read_state, result_from_state, unchanged_since_recorded
from ita_report.errors import InputError, file_problem
from ita_report.framework import data_dir, load_framework
from ita_report.iorw import read_yaml
from ita_report.params import NESTED_SETTINGS, ReportParams, load_params, validate_params
from ita_report.roster import FOR_BATCH, read_agencies
from ita_report.scores import AgencyScores, ScoreTable, load_scores


# -- roster and params ----------------------------------------------------------------------
def load_roster(path: Path) -> list[RosterEntry]:
    """Read the agencies file (``roster.read_agencies``): ``org_id, org_name`` and optional columns.

    Raises ``InputError`` naming the file, row, column and value of every bad row.
    """
    return [RosterEntry(a.org_id, a.org_name, a.fields, a.params_file, a.where)
            for a in read_agencies(path, required=FOR_BATCH)]


def roster_from_scores(table: ScoreTable, year: int) -> list[RosterEntry]:
    """Without an agencies file: every agency the score file has for ``year``, in file order."""
    entries = []
    for org_id, fiscal_year in table.agencies():
        if fiscal_year != year:
            continue
        name = table.for_agency(org_id, year).org_name or org_id
        entries.append(RosterEntry(org_id, name, (), None, f"{table.path} ({org_id})"))
    return entries


def read_defaults(path: Path | None) -> dict[str, Any]:
    """The defaults params file as a mapping (validated per agency, where it is complete)."""
    if path is None:
        return {}
    raw = read_yaml(path, missing_th="ไม่พบไฟล์พารามิเตอร์", missing_en="parameters file not found")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(file_problem(path, "ต้องเป็นรายการ key: value", "must be key: value pairs"))
    return raw


def resolve_params(
    entry: RosterEntry,
    *,
    year: int,
    scores_path: Path,
    defaults: Mapping[str, Any],
    defaults_path: Path | None,
    strict: bool = False,
) -> ReportParams:
    """The agency's params: the defaults, then its roster fields, then its own params file.

    The batch's score file and fiscal year always win: it holds every agency's scores; so does
    ``strict`` when the batch was asked for it (``--strict``).
    """
    base: dict[str, Any] = {
        **defaults,
        "short_name": entry.org_name,
        **dict(entry.fields),
        "org_id": entry.org_id,
        "org_name": entry.org_name,
    }
    forced: dict[str, Any] = {"fiscal_year": year, "scores_file": str(scores_path.resolve())}
    if strict:
        forced["strict"] = True
    if entry.params_file is not None:
        own = read_defaults(entry.params_file)
        inherited = {k: v for k, v in base.items() if k not in own}
        for key in NESTED_SETTINGS:
            # A block of settings (document:) is merged key by key: the office's date and
            # font from the defaults, the agency's own letterhead from its file.
            if isinstance(base.get(key), Mapping) and isinstance(own.get(key), Mapping):
                inherited[key] = {**base[key], **own[key]}
        return load_params(entry.params_file, **inherited, **forced)
    values = {**base, **forced, "base_dir": str((defaults_path or scores_path).parent)}
    return validate_params(values, source=defaults_path or entry.where)


# -- cache keys -----------------------------------------------------------------------------
def _digest_files(paths: Sequence[Path], digest: Any) -> None:
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


def static_digest(year: int, notebook: Path) -> str:
    """Hash of what every report of ``year`` depends on besides its own params and scores.

    The notebook, the year's framework, the catalogue, the templates and the package's
    version. Code changed without a new version (a development install) needs ``--force``.
    """
    digest = hashlib.sha256(__version__.encode())
    _digest_files([notebook], digest)
    _digest_files(
        [data_dir() / "frameworks" / f"{year}.yaml", data_dir() / "catalogue" / "themes.yaml"],
        digest,
    )
    templates = PACKAGE_DIR / "report" / "templates"
    _digest_files(sorted(p for p in templates.rglob("*") if p.is_file()), digest)
    return digest.hexdigest()


def cache_key(params: ReportParams, scores: AgencyScores, static: str) -> str:
    """sha256 of one agency's score rows, its params and ``static`` (see :func:`static_digest`).

    Where the score file lies does not matter, only what it says about this agency.
    """
    payload = {
        "params": params.model_dump(mode="json", exclude={"scores_file", "base_dir"}),
        "org_name": scores.org_name,
        "scores": list(scores.scores.items()),
        "extra": list(scores.extra.items()),
        "static": static,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# -- planning -------------------------------------------------------------------------------
def plan_batch(
    entries: Sequence[RosterEntry],
    params: Mapping[str, ReportParams],
    table: ScoreTable,
    *,
    year: int,
    out_dir: Path,
    static: str,
    force: bool,
    formats: Sequence[str] = ("html",),
) -> BatchPlan:
    """Decide, agency by agency, whether its report must be (re)made.

    A report is up to date when its key is unchanged and every format asked for this time was
    written with that key and is still the very file written then (asking for PDF after an
    HTML-only batch makes every agency's set again). A report replaced since, such as an
    officer's own ``ita-report run`` (its own target, its own params) into this folder, is
    made again: status.csv and the index describe the report on disk, and the batch's folder
    holds the batch's reports. Reports go to ``<out_dir>/<year>/<org_id>.html`` and so on,
    through :func:`ita_report.report.output_path` and its check of the org_id.
    """
    from ita_report.report import output_path

    results: list[AgencyResult] = []
    jobs: list[AgencyJob] = []
    for entry in entries:
        p = params[entry.org_id]
        base = AgencyResult.failed(p)
        try:
            scores = table.for_agency(p.org_id, year)
            html_path = output_path(out_dir, p, ".html")
        except InputError as exc:
            results.append(replace(base, error=exc.render(limit=3), input_error=True))
            continue
        if p.strict:
            # Refused here, before any worker starts a kernel for it (as ``run`` refuses).
            refused = _strict_refusal(p, scores, table.path)
            if refused:
                results.append(replace(base, error=refused, input_error=True))
                continue
        key = cache_key(p, scores, static)
        # The cache record is named after the checked report file, in the hidden folder.
        state_path = html_path.parent / STATE_DIR / f"{html_path.stem}.json"
        job = AgencyJob(p, scores, key, html_path, state_path)
        if not force and html_path.is_file():
            state = read_state(state_path)
            wanted = {path.name for path in job.paths(formats).values()}
            if (
                state is not None
                and state.get("key") == key
                and wanted <= set(state.get("files") or [html_path.name])
                and unchanged_since_recorded(state, list(job.paths(formats).values()))
            ):
                results.append(result_from_state(state, replace(base, status="skipped")))
                continue
        jobs.append(job)
    return BatchPlan(tuple(results), tuple(jobs), tuple(e.org_id for e in entries))


def _strict_refusal(params: ReportParams, scores: AgencyScores, scores_file: Path) -> str:
    """Why ``strict`` refuses this agency's report (a tool with no score at all), or ""."""
    from ita_report.gaps import assess
    from ita_report.report import missing_tool_problems

    assessment = assess(
        load_framework(params.fiscal_year),
        org_id=params.org_id,
        scores=scores.scores,
        extra=scores.extra,
        target=params.target,
    )
    problems = missing_tool_problems(assessment, scores_file, strict=True)
    return InputError(problems).render(limit=3) if problems else ""


def prepare(options: BatchOptions) -> tuple[ScoreTable, list[RosterEntry], dict[str, ReportParams]]:
    """Validate every input before anything is written (``InputError`` otherwise)."""
    load_framework(options.year)  # an unknown year is an InputError with the years known
    defaults = read_defaults(options.params_defaults)
    roster = load_roster(options.agencies) if options.agencies else None
    if roster is not None:
        pre = {e.org_id: _params(e, options, defaults) for e in roster}
        extra = sorted({c for p in pre.values() for c in p.extra_codes})
    else:
        extra = sorted(_params_extra(defaults))
    table = load_scores(options.scores, year=options.year, extra_codes=extra)
    if roster is None:
        roster = roster_from_scores(table, options.year)
        pre = {e.org_id: _params(e, options, defaults) for e in roster}
    return table, roster, pre


def _params_extra(defaults: Mapping[str, Any]) -> list[str]:
    raw = defaults.get("extra_codes") or []
    return [str(c) for c in raw] if isinstance(raw, list | tuple) else []


def _params(entry: RosterEntry, options: BatchOptions, defaults: Mapping[str, Any]) -> ReportParams:
    return resolve_params(
        entry,
        year=options.year,
        scores_path=options.scores,
        defaults=defaults,
        defaults_path=options.params_defaults,
        strict=options.strict,
    )

