"""environment.yml (conda) lists exactly what pyproject.toml declares, extras included."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return set(project["dependencies"]).union(*extras.values())


def _environment_requirements() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    found: set[str] = set()
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            found |= {e for e in entry["pip"] if not e.startswith("-e")}
        elif not entry.startswith(("python", "pip")) or entry.startswith("python-docx"):
            found.add(entry)
    return found


def test_environment_yml_matches_pyproject() -> None:
    assert _environment_requirements() == _pyproject_requirements()


def test_environment_yml_python_matches_requires_python() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert f"python{project['requires-python']}" in env["dependencies"]


# -- lean installs (issue 14) -------------------------------------------------------------------
def _pip_installs(target: str, tmp_path: Path) -> list[str]:
    """The pip install lines ``make TARGET`` runs in a fresh clone (dry run: nothing installed)."""
    import shutil
    import subprocess

    clone = tmp_path / "clone"
    clone.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, clone / name)
    done = subprocess.run(["make", "-n", target], cwd=clone, capture_output=True, text=True,
                          check=True)
    return [line for line in done.stdout.splitlines() if "pip install" in line]


def test_officers_install_has_no_test_lint_or_batch_tools(tmp_path: Path) -> None:
    for target in ("report", "lab", "install"):
        installs = _pip_installs(target, tmp_path / target)
        assert any(line.rstrip().endswith("-e .") for line in installs), installs
        assert not any("dev" in line or "batch" in line for line in installs), installs
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    for tool in ("pytest", "ruff", "mypy", "dask", "pyarrow"):
        assert tool not in core, tool
    # The PDF officers post is theirs to make: playwright (driving the machine's Chromium) is
    # an officer's dependency, never a download of a browser.
    assert "playwright" in core


def test_the_readmes_say_how_to_add_the_extras() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    thai = (ROOT / "README.th.md").read_text(encoding="utf-8")
    for readme in (english, thai):
        assert "pip install -e '.[batch]'" in readme and "make dev" in readme
    assert "pip install -e '.[dev]'" in english and 'pip install "ita-report[batch]"' in english
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]
    assert set(extras) == {"batch", "dev"}  # the README names every extra there is


def test_make_test_installs_everything(tmp_path: Path) -> None:
    installs = _pip_installs("test", tmp_path)
    assert any("'.[batch,dev]'" in line for line in installs), installs


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from ita_report.extras import MissingExtra, require

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    with pytest.raises(MissingExtra) as info:
        require("pyarrow", purpose_th="อ่านไฟล์ Parquet", purpose_en="Reading a Parquet file")
    message = str(info.value)
    assert 'ita-report[batch]' in message and "อ่านไฟล์ Parquet" in message
    assert "pyarrow" in message


def test_reading_parquet_without_pyarrow_says_which_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from ita_report.explore.tables import load_scores_any
    from ita_report.extras import MissingExtra

    file = tmp_path / "scores-2569.parquet"
    file.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"ita-report\[batch\]"):
        load_scores_any(file)


@pytest.mark.xdist_group("environment")
def test_tests_marked_with_a_group_run_together(request: pytest.FixtureRequest) -> None:
    """make test runs pytest -n 2 --dist loadgroup: each xdist_group's tests on one worker, so
    a module's batch, browser or Lab is set up once. pytest-xdist tells the scheduler the group
    through the test's id; pytest 9.2 drops that silently (pytest-xdist#1386) and every
    module-wide fixture is built on both workers. Without xdist there is nothing to check."""
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@environment"), (
            f"{request.node.nodeid}: this pytest and pytest-xdist do not keep a group's tests "
            "together (pytest-xdist#1386); keep pytest below the version pyproject.toml names")
