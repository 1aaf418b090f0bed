"""The optional parts of ita-report (``pip install "ita-report[batch]"``), asked for by name.

An officer's install has what one agency's report needs; dask (``batch --dask-scheduler``) and
pyarrow (Parquet files in the exploration) come with the ``batch`` extra. When one is missing,
the message names the extra and the command that adds it. Nothing here installs anything.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ita_report.errors import ItaReportError

#: The extra that brings each optional module (pyproject.toml ``[project.optional-dependencies]``).
EXTRA_OF = {"distributed": "batch", "dask": "batch", "pyarrow": "batch"}


class MissingExtra(ItaReportError):
    """An optional module is not installed; the message says which extra brings it."""

    def __init__(self, module: str, extra: str, purpose_th: str, purpose_en: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f"{purpose_th} ต้องติดตั้งส่วนเสริม {extra} ก่อน (ไม่มีโมดูล {module}):"
            f' .venv/bin/pip install -e ".[{extra}]" ในโฟลเดอร์ของโครงการ'
            f' หรือ pip install "ita-report[{extra}]"\n'
            f"{purpose_en} needs the {extra} extra ({module} is not installed):"
            f' .venv/bin/pip install -e ".[{extra}]" in the project folder, or'
            f' pip install "ita-report[{extra}]"'
        )


def require(module: str, *, purpose_th: str, purpose_en: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtra` naming the extra that brings it.

    >>> require("json", purpose_th="อ่าน JSON", purpose_en="Reading JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = EXTRA_OF.get(module.split(".")[0], "batch")
        raise MissingExtra(module, extra, purpose_th, purpose_en) from None
