"""``ita-report batch``: the report of every agency of a fiscal year, fast and resumable.

The scores are read once; each worker keeps one warm kernel and one exporter and renders one
agency at a time from its own slice of the scores. One agency's failure never stops the
batch; outputs are only ever renamed into place, so an interrupted batch leaves no partial
report and a rerun redoes only what is missing or out of date (keyed by a hash of its inputs).

records → plan (roster, params, keys, what to render) → worker (one agency) → pool (processes
or dask, the whole batch) → status and index (what it tells). This module only re-exports.
"""

from __future__ import annotations

from ita_report.batch.index import index_html, write_index
from ita_report.batch.plan import (
    cache_key,
    load_roster,
    plan_batch,
    prepare,
    read_defaults,
    resolve_params,
    roster_from_scores,
    static_digest,
)
from ita_report.batch.pool import render_on_dask, run_batch, run_dask, run_local, sweep_partial
from ita_report.batch.records import (
    DEFAULT_RECYCLE,
    MEASURES_NOTEBOOK,
    STATE_DIR,
    STOP_GRACE_SECONDS,
    AgencyJob,
    AgencyResult,
    BatchOptions,
    BatchOutcome,
    BatchPlan,
    RosterEntry,
    Status,
    WorkerSettings,
)
from ita_report.batch.status import STATUS_FIELDS, failures_summary, read_state, write_status
from ita_report.batch.worker import Worker, agency_table

__all__ = [
    "DEFAULT_RECYCLE",
    "MEASURES_NOTEBOOK",
    "STATE_DIR",
    "STATUS_FIELDS",
    "STOP_GRACE_SECONDS",
    "AgencyJob",
    "AgencyResult",
    "BatchOptions",
    "BatchOutcome",
    "BatchPlan",
    "RosterEntry",
    "Status",
    "Worker",
    "WorkerSettings",
    "agency_table",
    "cache_key",
    "failures_summary",
    "index_html",
    "load_roster",
    "plan_batch",
    "prepare",
    "read_defaults",
    "read_state",
    "render_on_dask",
    "resolve_params",
    "roster_from_scores",
    "run_batch",
    "run_dask",
    "run_local",
    "static_digest",
    "sweep_partial",
    "write_index",
    "write_status",
]
