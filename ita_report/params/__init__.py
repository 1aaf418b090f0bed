"""The parameters of one report (papermill ``-f`` YAML), validated before anything runs.

``model`` is ReportParams, ``fields`` the parts it is built of (the ``document:`` block among
them), ``help`` their Thai words, ``reading`` the YAML reader and validator with its Thai and
English errors, ``notebook`` the notebook's way in. ``from ita_report.params import X`` works
for every public name of them. This package never runs a notebook and never reads score files.
"""

from __future__ import annotations

from ita_report.params.fields import (
    MAX_LETTERHEAD_CHARS,
    MAX_LIST_ITEMS,
    MAX_NAME_CHARS,
    MAX_PATH_CHARS,
    MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
    NESTED_SETTINGS,
    DocumentSettings,
    SignatorySettings,
    TargetPoints,
    each_text,
    is_safe_org_id,
    line_of,
    nested_help_th,
    texts_in,
    yaml_path_of,
)
from ita_report.params.help import (
    FIELD_HELP_TH,
    FIELD_LABEL_TH,
    PARAMS_FILE_HELP_TH,
    THEME_FIELD_TH,
    why_refused,
)
from ita_report.params.model import (
    INTERNAL_FIELDS,
    PARAM_FIELDS,
    REQUIRED_FIELDS,
    ReportParams,
    documented_defaults,
)
from ita_report.params.notebook import (
    PAPERMILL_SOURCE,
    PARAMS_DIR,
    injected_names,
    params_from_notebook,
)
from ita_report.params.reading import (
    NOTEBOOK_KEY,
    NOTEBOOK_KINDS,
    ParamsFile,
    load_params,
    read_params_file,
    validate_model,
    validate_params,
)

__all__ = [
    "FIELD_HELP_TH",
    "FIELD_LABEL_TH",
    "INTERNAL_FIELDS",
    "MAX_LETTERHEAD_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_NAME_CHARS",
    "MAX_PATH_CHARS",
    "MAX_SHORT_CHARS",
    "MAX_TEXT_CHARS",
    "NESTED_SETTINGS",
    "NOTEBOOK_KEY",
    "NOTEBOOK_KINDS",
    "PAPERMILL_SOURCE",
    "PARAMS_DIR",
    "PARAMS_FILE_HELP_TH",
    "PARAM_FIELDS",
    "REQUIRED_FIELDS",
    "THEME_FIELD_TH",
    "DocumentSettings",
    "ParamsFile",
    "ReportParams",
    "SignatorySettings",
    "TargetPoints",
    "documented_defaults",
    "each_text",
    "injected_names",
    "is_safe_org_id",
    "line_of",
    "load_params",
    "nested_help_th",
    "params_from_notebook",
    "read_params_file",
    "texts_in",
    "validate_model",
    "validate_params",
    "why_refused",
    "yaml_path_of",
]
