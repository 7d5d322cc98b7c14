"""Turning results into markdown tables, PNG charts and machine information."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

RETRIEVAL_METRICS = (("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("ndcg@10", "nDCG@10"))
ANSWER_METRICS = (
    ("answer_rate", "answer rate"),
    ("refusal_rate", "refusal rate"),
    ("citation_precision", "citation precision"),
    ("cites_expected_source", "cites expected source"),
)
PACKAGES = ("torch", "sentence-transformers", "chromadb", "llama_cpp_python", "langchain-core")


# ----- machine ------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    load = load_average()
    return {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "cpu": _cpu_model(),
        "flags": cpu_flags(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "load_average_at_start": load,
        "packages": {name: _version(name) for name in PACKAGES},
    }


def cpu_flags() -> str:
    """The CPU's vector and matrix extensions (avx2, fma, avx512*, amx*): what decides speed."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = line.split(":", 1)[1].split()
                return " ".join(f for f in flags if f.startswith(("avx", "amx", "fma")))
    except OSError:
        pass
    return "unknown"


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_markdown(info: dict) -> str:
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items() if v)
    load = info.get("load_average_at_start")
    return "\n".join([
        f"- Date (UTC): {info['date']}",
        f"- CPU: {info['cpu']}, {info['cores']} logical cores ({info['usable_cores']} usable)",
        f"- RAM: {info['ram_gib']} GiB",
        f"- OS: {info['os']}; Python {info['python']}",
        f"- Load average when the run started (1, 5, 15 min): {load}" if load else "- Load average: n/a",
        *([f"- Load average when it ended: {info['load_average_at_end']}"] if info.get("load_average_at_end") else []),
        "- Figures are wall-clock times on this machine as it was: other work on it slows them "
        "(a load average above the core count means the CPUs were shared).",
        f"- Packages: {packages}",
    ])


# ----- tables -------------------------------------------------------------------------
def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(fmt(cell) for cell in row) + " |")
    return "\n".join(lines)


def retrieval_table(rows: Sequence[dict], split: str | None = None, dataset: str | None = None) -> str:
    chosen = [r for r in rows if (split is None or r["split"] == split) and (dataset is None or r["dataset"] == dataset)]
    headers = ["dataset", "split", "mode", "n", *(label for _, label in RETRIEVAL_METRICS), "passage hit@5"]
    return table(headers, ([r["dataset"], r["split"], r["mode"], r["n"], *(r[k] for k, _ in RETRIEVAL_METRICS),
                            r["passage_hit@5"]] for r in chosen))


def answers_table(rows: Sequence[dict]) -> str:
    headers = ["dataset", "split", "model", "answerable", "answer rate", "unanswerable", "refusal rate",
               "citations", "citation precision", "cites expected source", "context term recall", "answer term recall",
               "answer recall"]
    return table(headers, ([r["dataset"], r["split"], r["llm"], r["answerable"], r["answer_rate"], r["unanswerable"],
                            r["refusal_rate"], r["citations"], r["citation_precision"], r["cites_expected_source"],
                            r["context_term_recall"], r["answer_term_recall"], r.get("answer_recall")] for r in rows))


def latency_table(latency: dict) -> str:
    return table(["mode", "queries", "p50 ms", "p95 ms", "mean ms", "max ms"],
                 ([mode, s["n"], s["p50_ms"], s["p95_ms"], s["mean_ms"], s["max_ms"]] for mode, s in latency.items()))


# ----- charts -------------------------------------------------------------------------
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def grouped_bars(path: Path, title: str, panels: Sequence[tuple[str, list[str], dict[str, list[float | None]]]],
                 ylim: tuple[float, float] | None = (0, 1.05), ylabel: str = "") -> Path:
    """One subplot per panel; each panel is (title, group labels, {series: values})."""
    plt = _pyplot()
    columns = min(len(panels), 2)
    rows = (len(panels) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(6.5 * columns, 3.6 * rows), squeeze=False)
    for ax, (panel_title, groups, series) in zip(axes.flat, panels):
        width = 0.8 / max(len(series), 1)
        for i, (name, values) in enumerate(series.items()):
            xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
            ax.bar(xs, [v if v is not None else 0 for v in values], width, label=name)
            for x, v in zip(xs, values):
                if v is None or v == 0:  # "no questions of this kind" and a real zero look alike
                    ax.text(x, 0.02, "n/a" if v is None else "0", ha="center", va="bottom", fontsize=7,
                            rotation=90 if v is None else 0)
        ax.set_xticks(range(len(groups)), groups, fontsize=8)
        ax.set_title(panel_title)
        if ylim:
            ax.set_ylim(*ylim)
        if ylabel:
            ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8)
    fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.06, 1, 0.95))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def retrieval_chart(rows: Sequence[dict], path: Path, split: str = "all") -> Path:
    chosen = [r for r in rows if r["split"] == split]
    datasets = list(dict.fromkeys(r["dataset"] for r in chosen))
    modes = list(dict.fromkeys(r["mode"] for r in chosen))
    panels = []
    for key, label in RETRIEVAL_METRICS:
        series = {
            mode: [next((r[key] for r in chosen if r["dataset"] == d and r["mode"] == mode), None) for d in datasets]
            for mode in modes
        }
        panels.append((label, datasets, series))
    return grouped_bars(path, f"Retrieval by dataset and mode ({split} questions)", panels)


def answers_chart(rows: Sequence[dict], path: Path) -> Path:
    chosen = [r for r in rows if r["split"] == "all"]
    datasets = list(dict.fromkeys(r["dataset"] for r in chosen))
    models = list(dict.fromkeys(r["llm"] for r in chosen))
    panels = []
    for key, label in ANSWER_METRICS:
        series = {
            model: [next((r[key] for r in chosen if r["dataset"] == d and r["llm"] == model), None) for d in datasets]
            for model in models
        }
        panels.append((label, datasets, series))
    return grouped_bars(path, "Answers by dataset (all questions)", panels)


def latency_chart(latency: dict, path: Path, title: str) -> Path:
    modes = list(latency)
    panels = [("search latency", modes, {"p50": [latency[m]["p50_ms"] for m in modes],
                                          "p95": [latency[m]["p95_ms"] for m in modes]})]
    return grouped_bars(path, title, panels, ylim=None, ylabel="ms")


def publish(text: str, path: Path, write: bool = True) -> None:
    """Print a small eval script's Markdown report and, unless told not to, save it."""
    print(text)
    if write:
        path.write_text(text, encoding="utf-8")
