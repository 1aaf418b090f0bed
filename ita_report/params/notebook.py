"""The notebook's way in to its params: ``params_from_notebook(globals())``.

papermill -f, ``ita-report run``, the batch and an officer in JupyterLab all arrive here; a key
papermill injected that no params file has is refused as in a file.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ita_report.errors import InputError, did_you_mean, file_problem
from ita_report.params.model import (
    INTERNAL_FIELDS,
    PARAM_FIELDS,
    REQUIRED_FIELDS,
    ReportParams,
    documented_defaults,
)
from ita_report.params.reading import NOTEBOOK_KEY, NOTEBOOK_KINDS, load_params, validate_params

# -- the notebook's way in (papermill -f, ita-report run, batch, JupyterLab) ---------------------
#: The project's own params folder: a relative ``scores_file`` in values papermill injected
#: (``papermill … -f params/X.yaml``) is read from here, as ``ita-report run`` reads it from the
#: folder of a file kept there. papermill does not tell the notebook which file it read.
PARAMS_DIR = Path(__file__).resolve().parent.parent.parent / "params"
#: How messages name values that came from papermill rather than from a file we read.
PAPERMILL_SOURCE = "papermill -f/-p"
#: The comment papermill writes at the top of the cell it injects (its Python translator).
_INJECTED_HEADER = "# Parameters"


def params_from_notebook(namespace: Mapping[str, Any]) -> ReportParams:
    """The report's params inside the notebook, from its namespace (``globals()``).

    - ``params_file`` set (``ita-report run``, ``papermill -p params_file …``, an officer in
      JupyterLab): that file, with any value papermill injected on top (in JupyterLab, where
      nothing is injected, a value edited in the parameters cell away from its default).
    - no ``params_file`` (``papermill … -f params/X.yaml``, the batch): the values themselves,
      validated as a whole. They must be a complete params file: the parameters cell only
      holds the documented defaults, so nothing of any other agency can fill a gap. A
      relative ``scores_file`` is read from the project's ``params/`` folder
      (:data:`PARAMS_DIR`).

    A key papermill injected that no params file has (a typo such as ``thai_digit``) is an
    ``InputError``, as it is in a file.
    """
    injected = injected_names(namespace)
    params_file = namespace.get("params_file")
    source = str(params_file) if params_file else PAPERMILL_SOURCE
    if injected is not None:
        _refuse_unknown(injected, source)
    kind = namespace.get(NOTEBOOK_KEY)
    if kind is not None and kind != NOTEBOOK_KINDS[0]:
        raise InputError(
            file_problem(
                source,
                f"พารามิเตอร์นี้เป็นของสมุดงาน {kind} ไม่ใช่รายงานมาตรการ",
                f"these parameters are for the {kind} notebook, not the measures report",
                column=NOTEBOOK_KEY,
                value=kind,
                expected_th=f"เปิดสมุดงาน notebooks/{kind}.ipynb หรือสั่ง ita-report run",
                expected_en=f"notebooks/{kind}.ipynb, or ita-report run",
            )
        )
    if params_file:
        if injected is not None:
            on_top = {k: namespace[k] for k in injected if k in PARAM_FIELDS}
        else:
            defaults = documented_defaults()
            on_top = {
                k: v
                for k in PARAM_FIELDS
                if (v := namespace.get(k)) is not None and v != defaults.get(k)
            }
        return load_params(params_file, **on_top)
    values = {k: namespace[k] for k in PARAM_FIELDS if namespace.get(k) is not None}
    if not any(values.get(k) for k in REQUIRED_FIELDS):
        raise InputError(
            file_problem(
                "notebooks/measures_report.ipynb",
                "ยังไม่ได้เลือกไฟล์พารามิเตอร์: ใน JupyterLab ใช้แบบฟอร์มด้านบน (เลือกหรือสร้างไฟล์"
                " แล้วกด สร้างรายงาน) หรือใส่ชื่อไฟล์ที่ params_file ในเซลล์พารามิเตอร์แล้วรันใหม่",
                "no parameters were given: in JupyterLab use the form above (choose or create a"
                " params file, then สร้างรายงาน), or set params_file in the parameters cell and"
                " run again",
                column="params_file",
                expected_th='params_file = "../params/<หน่วยงาน>-<ปี>.yaml" หรือสั่ง'
                " papermill notebooks/measures_report.ipynb out.ipynb -f params/<ไฟล์>.yaml",
                expected_en='params_file = "../params/<agency>-<year>.yaml", or'
                " papermill notebooks/measures_report.ipynb out.ipynb -f params/<file>.yaml",
            )
        )
    values.setdefault("base_dir", str(PARAMS_DIR))
    return validate_params(values, source=source)


def injected_names(namespace: Mapping[str, Any]) -> frozenset[str] | None:
    """The names papermill's injected cell assigned, read from IPython's input history.

    None when there is no such cell (JupyterLab, or a kernel that keeps no history such as
    the batch's warm kernel: there every value is given, checked, by the caller).
    """
    history = namespace.get("In")
    if not isinstance(history, list):
        return None
    for text in reversed(history):
        if isinstance(text, str) and text.lstrip().startswith(_INJECTED_HEADER):
            try:
                tree = ast.parse(text)
            except SyntaxError:
                return None
            return frozenset(
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            )
    return None


def _refuse_unknown(injected: frozenset[str], source: str) -> None:
    # document_file: the document ita-report run and the batch built already (document.py);
    # accepted from anyone, read only when signed with the key of the run that wrote it.
    known = {*PARAM_FIELDS, "params_file", NOTEBOOK_KEY, "document_file"}
    unknown = sorted(injected - known)
    if not unknown:
        return
    names = [f for f in PARAM_FIELDS if f not in INTERNAL_FIELDS]
    listed = ", ".join(names)
    raise InputError(
        [
            file_problem(
                source,
                f"ไม่รู้จักชื่อ {key} (อาจพิมพ์ผิด){did_you_mean(key, names)[0]}",
                f"unknown key {key!r} (a typo?){did_you_mean(key, names)[1]}",
                column=key,
                expected_th=f"ชื่อใดชื่อหนึ่งต่อไปนี้: {listed}",
                expected_en=f"one of: {listed}",
            )
            for key in unknown
        ]
    )
