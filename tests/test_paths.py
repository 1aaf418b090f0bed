"""No org_id or output name writes outside the output folder; YAML is only ever loaded safely.

An org_id names the report's files, so ``../``, absolute paths, separators of any system and
odd characters are refused with a message naming the field. Output paths are checked again
where they are made, for params built in code that skipped validation. A ``!!python/...`` YAML
tag in any file the package reads is refused and never runs.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import yaml

from ita_report.catalogue import load_catalogue
from ita_report.errors import FrameworkError, InputError
from ita_report.framework import load_framework
from ita_report.params import ReportParams, is_safe_org_id, load_params
from ita_report.report import output_path
from ita_report.run import single as run

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ita_report"

GOOD = """\
org_id: demo
org_name: เทศบาลตำบลตัวอย่าง
short_name: ทต.ตัวอย่าง
fiscal_year: 2566
scores_file: scores.csv
"""

BAD_ORG_IDS = [
    "../evil",
    "../../etc/cron.d/x",
    "/etc/passwd",
    "/tmp/x",
    "a/b",
    "..",
    ".",
    "a..b",
    ".hidden",
    "..\\evil",
    "a\\b",
    "C:evil",
    "a\x00b",
    "a\u2215b",  # DIVISION SLASH, looks like "/"
    "a\uff0fb",  # FULLWIDTH SOLIDUS
    "evil\n",  # "$" in a regex matches before a final newline
    "\nevil",
    "a b",
    "-rf",
    "con",
    "NUL",
    "com1",
    "lpt9.report",
    "เทศบาล",
    "x" * 101,
    "",
]


def write(tmp_path: Path, text: str, name: str = "params.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ordinary_org_ids_are_accepted() -> None:
    for org_id in ("chaemae", "5500101", "tm-chaemae_2566", "a.b", "X" * 100, "console"):
        assert is_safe_org_id(org_id), org_id


@pytest.mark.parametrize("org_id", BAD_ORG_IDS)
def test_a_params_file_with_an_unsafe_org_id_is_refused_clearly(
    tmp_path: Path, org_id: str
) -> None:
    # JSON-style double quotes (valid YAML) carry any character, newlines and NUL included.
    quoted = yaml.safe_dump(org_id, default_style='"').strip().split("\n...")[0]
    path = write(tmp_path, GOOD.replace("org_id: demo", f"org_id: {quoted}"))
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["org_id"] == org_id
    with pytest.raises(InputError) as info:
        load_params(path)
    message = str(info.value)
    assert "params.yaml" in message and "org_id" in message
    assert "บรรทัด 1" in message and "line 1" in message
    assert not list(tmp_path.glob("*.html"))


def built_in_code(org_id: str) -> ReportParams:
    """Params made in code without validation, as a careless caller might."""
    valid = load_params_values()
    return ReportParams.model_construct(**{**valid, "org_id": org_id})


def load_params_values() -> dict[str, Any]:
    return {
        "org_id": "demo",
        "org_name": "เทศบาลตำบลตัวอย่าง",
        "short_name": "ทต.ตัวอย่าง",
        "fiscal_year": 2566,
        "scores_file": "scores.csv",
    }


@pytest.mark.parametrize("org_id", ["../escaped", "../../escaped", "/tmp/escaped", "a/../../b"])
@pytest.mark.parametrize("suffix", [".html", ".ipynb", ".failed.log", ".docx"])
def test_output_paths_are_checked_even_for_unvalidated_params(
    tmp_path: Path, org_id: str, suffix: str
) -> None:
    with pytest.raises(InputError) as info:
        output_path(tmp_path / "out", built_in_code(org_id), suffix)
    assert "org_id" in str(info.value) and "outside" in str(info.value)


def test_output_paths_of_a_valid_org_id_stay_in_the_year_folder(tmp_path: Path) -> None:
    params = built_in_code("chaemae")
    assert output_path(tmp_path, params, ".html") == tmp_path / "2566" / "chaemae.html"
    assert output_path(Path("reports"), params, ".ipynb") == Path("reports/2566/chaemae.ipynb")


def test_run_report_never_writes_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Everything before the output paths is replaced, so the path check is all that stands
    # between an unvalidated org_id and a file written two folders up.
    import papermill

    started: list[object] = []
    monkeypatch.setattr(run, "load_params", lambda _: built_in_code("../../escaped"))
    monkeypatch.setattr(run, "build_document", lambda _: None)
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: started.append(a))
    out = tmp_path / "a" / "b" / "reports"
    with pytest.raises(InputError):
        run.run_report(tmp_path / "params.yaml", out)
    assert started == []
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []


# -- YAML ---------------------------------------------------------------------------------------

TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/apply:builtins.exec ['open(\"{marker}\", \"w\")']",
    "!!python/name:os.system",
]


@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_in_a_params_file_is_refused_and_never_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path, GOOD + f"limitations: {tag.format(marker=marker)}\n")
    with pytest.raises(InputError) as info:
        load_params(path)
    assert "YAML" in str(info.value) and "params.yaml" in str(info.value)
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_in_the_catalogue_is_refused_and_never_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path, f"themes: {tag.format(marker=marker)}\nlimitations: []\n", "themes.yaml")
    with pytest.raises(InputError) as info:
        load_catalogue(path)
    assert "YAML" in str(info.value)
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_in_a_framework_is_refused_and_never_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path, f"fiscal_year: {tag.format(marker=marker)}\n", "2599.yaml")
    with pytest.raises(FrameworkError):
        load_framework(2599, path)
    assert not marker.exists()


_UNSAFE_CALLS = frozenset({"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load"})
_UNSAFE_LOADERS = frozenset({"Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader"})


def test_the_package_only_ever_uses_yamls_safe_loader() -> None:
    found: list[str] = []
    for source in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            where = f"{source.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Attribute) and node.attr in _UNSAFE_LOADERS:
                found.append(f"{where} yaml.{node.attr}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _UNSAFE_CALLS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "yaml"
            ):
                found.append(f"{where} yaml.{node.func.attr}()")
    assert found == []
