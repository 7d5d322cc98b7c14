"""The evaluation and benchmark entry points run end to end at tiny scale.

They run ``python -m eval`` as a user would (a subprocess from the repository root) with
the real MiniLM model and the fake chat model, and check the shape of what comes out:
the JSON keys other tools read, the markdown tables, the report and the charts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_eval(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    return subprocess.run(
        [sys.executable, "-m", "eval", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_quick_eval_writes_json_report_charts_and_tables(tmp_path):
    done = run_eval("--quick", "--json", "--datasets", "guidance,notes", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)  # stdout is JSON only; progress goes to stderr
    assert {"machine", "datasets", "library", "retrieval", "answers"} <= set(results)
    assert {"cpu", "cores", "ram_gib", "python", "date"} <= set(results["machine"])

    rows = results["retrieval"]["rows"]
    assert {r["mode"] for r in rows} == {"dense", "keyword", "hybrid", "hybrid+mentor"}
    assert {r["split"] for r in rows} == {"dev", "test", "all"}
    assert {r["dataset"] for r in rows} == {"guidance", "notes", "notes·names mentor"}
    for row in rows:
        assert {"hit@1", "hit@5", "mrr", "ndcg@10", "n"} <= set(row)
        assert all(0.0 <= row[k] <= 1.0 for k in ("hit@1", "hit@5", "mrr", "ndcg@10"))
    # hybrid+mentor is reported only on the questions that name a mentor
    assert {r["dataset"] for r in rows if r["mode"] == "hybrid+mentor"} == {"notes·names mentor"}

    answers = results["answers"][0]
    assert answers["llm"] == "fake"
    overall = next(r for r in answers["rows"] if r["dataset"] == "all" and r["split"] == "all")
    assert {"answer_rate", "refusal_rate", "citation_precision", "cites_expected_source"} <= set(overall)
    assert overall["unanswerable"] >= 1 and overall["refusal_rate"] is not None
    assert overall["citation_precision"] == 1.0  # the fake model quotes passage [1] and cites it

    drafts = {r["kind"]: r for r in results["drafts"]["rows"]}
    assert {"outreach", "intro", "prep", "followup", "update", "thanks", "all"} == set(drafts)
    assert all(r["drafts"] > 0 and 0.0 <= r["pass_rate"] <= 1.0 for r in drafts.values())  # every kind generated

    report = (tmp_path / "report.md").read_text()
    for heading in ("## Machine", "### Held-out test split", "## Answers", "## Drafts", "CPU:", "RAM:", "Python"):
        assert heading in report
    assert "| dataset | split | mode | n | hit@1 | hit@5 | MRR | nDCG@10 |" in report
    for chart in ("retrieval.png", "answers.png"):
        assert (tmp_path / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    from eval.__main__ import eval_tables  # what the command prints without --json

    printed = eval_tables(results)
    assert "## Retrieval (test split, held out)" in printed and "## Answers (fake)" in printed


def test_unknown_dataset_is_a_one_line_error(tmp_path):
    done = run_eval("--quick", "--datasets", "nonsense", "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "eval: error: unknown dataset 'nonsense': choose from guidance, notes, docs"


def test_quick_bench_reports_throughput_and_latency(tmp_path):
    done = run_eval("bench", "--quick", "--no-llm", "--rounds", "1", "--datasets", "notes", "--json", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    ingestion = results["ingestion"]
    assert ingestion["chunks"] > 0 and ingestion["chunks_per_second"] > 0
    assert ingestion["reingest_chunks_embedded"] == 0  # unchanged files embed nothing
    modes = results["search"]["modes"]
    assert set(modes) == {"dense", "keyword", "hybrid", "hybrid+mentor filter"}
    assert all(m["p50_ms"] > 0 and m["p95_ms"] >= m["p50_ms"] for m in modes.values())
    assert results["local_model"] is None
    # side by side with the LangChain tutorial pipeline on one generated corpus (tiny scale here)
    scale = results["compare"]["scales"][0]
    assert scale["mentordesk"]["notes"] == scale["tutorial"]["notes"] > 0
    assert scale["mentordesk"]["reingest_chunks_embedded"] == 0
    assert scale["tutorial"]["count_after_reingest"] == 2 * scale["tutorial"]["count"]  # the tutorial duplicates
    assert set(scale["search_ms"]) == {"hybrid", "hybrid+mentor filter", "hybrid, dense via Chroma query",
                                       "hybrid+mentor filter, dense via Chroma query", "similarity_search"}
    setups = results["compare"]["embedding_setups"]
    assert [(r["precision"], r["batch_size"]) for r in setups][:2] == [("fp32", 64), ("fp32", 16)]
    assert setups[0]["cosine_to_fp32_min"] > 0.9999  # the reference row against itself
    assert all(r["texts_per_second"] > 0 and r["cosine_to_fp32_min"] > 0.99 for r in setups)
    scaled = results["compare"]["scaled"]
    assert scaled["chunks"] == 2 * scale["mentordesk"]["chunks"]
    # built once per library index (one keeps vectors in memory, one asks Chroma), not per query
    assert scaled["keyword"]["keyword_index_builds"] == scaled["keyword"]["library_indexes"] == 2
    bench_md = (tmp_path / "bench.md").read_text()
    assert "## Search latency" in bench_md and "## MentorDesk vs the LangChain tutorial pipeline" in bench_md
    assert (tmp_path / "bench.png").exists()
