"""The layers of ../shared/design.md hold: imports point down only (ui -> mentordesk ->
ingest -> vectorstore -> store), and only the UI imports Streamlit. The contracts live in
pyproject.toml; this runs them, and shows they catch an import that points up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*LINT, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(cwd)})


def test_the_project_keeps_its_layer_contracts():
    out = _lint(ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "2 kept, 0 broken" in out.stdout


def test_an_import_that_points_up_breaks_the_contract(tmp_path):
    for package in ("store", "ingest", "vectorstore", "mentordesk", "ui"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "store" / "tables.py").write_text("import mentordesk.settings\n")  # the store reaching up
    (tmp_path / "mentordesk" / "settings.py").write_text("")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    out = _lint(tmp_path)
    assert out.returncode != 0
    assert "store.tables -> mentordesk.settings" in out.stdout and "BROKEN" in out.stdout


def test_ruff_finds_nothing():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]


def test_the_lower_layers_type_check():
    """mypy on store/, ingest/ and vectorstore/ (pyproject.toml [tool.mypy])."""
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]
