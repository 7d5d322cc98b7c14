"""A plain `pip install .` (a wheel, not the editable checkout) holds everything the app
reads at run time: the prompts, the built-in guidance and its vectors, the sentence
classifier, the migrations. The CLI runs from the installed copy, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_runs_the_cli_from_an_installed_copy(tmp_path):
    wheels, target, home, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "home", tmp_path / "source"
    # Built from a copy: setuptools leaves build/ in the tree it builds, and a stale file
    # there (a prompt deleted since) would go into the wheel and hide a packaging mistake.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "eval", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("mentordesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # what pip puts in site-packages (the dependencies come from this venv)
    env = {**os.environ, "PYTHONPATH": str(target), "MENTORDESK_HOME": str(home), "MENTORDESK_LLM_PROVIDER": "fake",
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    where = subprocess.run([sys.executable, "-c", "import mentordesk, prompts, knowledge; print(mentordesk.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    assert where.stdout.startswith(str(target))  # not the checkout
    out = subprocess.run([sys.executable, "-m", "mentordesk", "ask", "How often should I meet my primary mentor?"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "[1]" in out.stdout and "cadence.md" in out.stdout
    status = subprocess.run([sys.executable, "-m", "mentordesk", "status"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert "guidance" in status.stdout and status.returncode == 0
