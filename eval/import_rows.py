"""Seconds to import a tracking table of N generated rows into an empty library.

    python -m eval.import_rows [--rows 2000 10000] [--baseline CHECKOUT]

Each run is a fresh process on a fresh data folder (the hashing embedder: importing
embeds nothing). With --baseline, the same rows are imported by another checkout of the
project in turn, for a side-by-side figure. Prints the CPU with the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUN = """
import json, sys, tempfile, time, pathlib
sys.path.insert(0, sys.argv[1])
from mentordesk.container import MentorDesk
from mentordesk.settings import Settings
from vectorstore.embeddings import HashingEmbedder
home = pathlib.Path(sys.argv[2])
desk = MentorDesk(Settings(home=home, llm_provider="fake", index_builtin_guidance=False), embedder=HashingEmbedder())
desk.relationships.people.list()  # the store is made before the clock starts
start = time.perf_counter()
report = desk.relationships.table.import_file(pathlib.Path(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - start, "added": len(report.added)}))
"""


def cpu() -> str:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")),
                 platform.processor())
    flags = next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), [])
    keep = [f for f in flags if f in ("avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16", "avx_vnni")]
    return f"{model} ({' '.join(keep)})"


def run(checkout: Path, rows: int) -> dict:
    with tempfile.TemporaryDirectory() as work:
        table = Path(work) / "targets.csv"
        table.write_text("Name,Company,Role,Contact\n" + "".join(
            f"Person {i} Example{i % 97},Company {i % 300},Engineer,p{i}@example.org\n" for i in range(rows)),
            encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", _RUN, str(checkout), str(Path(work) / "home"), str(table)],
                              cwd=checkout, capture_output=True, text=True, timeout=3600)
        if done.returncode:
            return {"error": done.stderr.strip().splitlines()[-1]}
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--baseline", type=Path, help="another checkout to time side by side")
    args = parser.parse_args()
    print(f"CPU: {cpu()}")
    print("| rows | this code (s) |" + (" baseline (s) |" if args.baseline else ""))
    print("|---|---|" + ("---|" if args.baseline else ""))
    for rows in args.rows:
        ours = run(ROOT, rows)
        line = f"| {rows} | {ours.get('seconds', 0):.2f} |"
        if args.baseline:
            base = run(args.baseline, rows)
            line += f" {base['seconds']:.2f} |" if "seconds" in base else f" {base['error']} |"
        print(line, flush=True)


if __name__ == "__main__":
    main()
