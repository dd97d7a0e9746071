#!/usr/bin/env python3
"""Reproducible timings for prereview (see benchmarks/README.md).

1. Engine only: ``prereview.engine.review_path`` (ingest, rubric choice, rule
   checks, scoring: rules only, no Prefect) on every .md/.docx file under the
   corpus directory, one run per file after a warm-up; in the same run, the
   floor (markdown-it-py parsing the same files and nothing else) and two prose
   linters on the same files (proselint from PyPI and write-good from npm,
   installed on first use under benchmarks/.tools/), per word.
2. Growth: one corpus document repeated 1x, 4x, 16x and 64x, reviewed by the
   engine: time should grow like the words. And one ~6,000-word document as
   Markdown and as .docx: ingest, review and the annotated .docx of each.
3. CLI wall time for one file, each a fresh process: the default (the engine
   in-process, no Prefect), ``--fast``, ``--flow`` with no Prefect server
   configured (Prefect starts a temporary local server), and, with
   ``--api-url``, the flow against a running ``prefect server start``. Uses
   ``hyperfine`` when installed, else repeated runs.

Usage: python benchmarks/bench.py [--corpus DIR] [--file FILE] [--runs N]
       [--growth-file FILE] [--api-url http://127.0.0.1:4200/api]
       [--skip-engine] [--skip-linters] [--skip-growth] [--skip-cli]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_FILE = ROOT / "samples" / "prfaq-strong.md"
DEFAULT_GROWTH = DEFAULT_CORPUS / "design" / "kep" / "kep-5040-remove-gitrepo-driver.md"
DEFAULT_DOCX = DEFAULT_CORPUS / "design" / "kep" / "kep-960-conformance-behaviors.md"
"""About 6,000 words (the issue's 6,000-word .docx)."""
TOOLS = ROOT / "benchmarks" / ".tools"
GROWTH_FACTORS = (1, 4, 16, 64)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".md", ".docx"))
    if not files:
        raise SystemExit(f"no .md/.docx files under {corpus}")
    return files


def bench_parse(files: list[Path], runs: int = 3) -> dict[str, object]:
    """The floor: markdown-it-py (the parser ingest uses) parsing the same Markdown
    files, nothing else; best of ``runs`` passes."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    texts = [p.read_text(encoding="utf-8") for p in files if p.suffix == ".md"]
    parser.parse(texts[0])
    best = best_cpu = float("inf")
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            parser.parse(text)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return {"files": len(texts), "total_s": round(best, 3), "cpu_s": round(best_cpu, 3)}


def bench_engine(corpus: Path) -> dict[str, object]:
    from prereview.engine import review_path

    files = corpus_files(corpus)
    review_path(files[0])  # warm-up: imports, regex compilation, dictionaries
    rows: list[tuple[float, int, str]] = []
    errors: list[str] = []
    cpu = time.process_time()
    for path in files:
        started = time.perf_counter()
        try:
            review = review_path(path)
        except Exception as exc:  # a benchmark reports failures, it does not stop
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        rows.append((time.perf_counter() - started, review.document.words, str(path)))
    cpu = time.process_time() - cpu
    seconds = [r[0] for r in rows]
    words = sum(r[1] for r in rows)
    return {
        "files": len(files),
        "errors": errors,
        "total_s": round(sum(seconds), 3),
        "cpu_s": round(cpu, 3),
        "mean_ms": round(1000 * statistics.mean(seconds), 1),
        "p50_ms": round(1000 * _pct(seconds, 0.5), 1),
        "p95_ms": round(1000 * _pct(seconds, 0.95), 1),
        "max_ms": round(1000 * max(seconds), 1),
        "slowest": Path(max(rows)[2]).name,
        "words": words,
        "words_per_s": round(words / sum(seconds)),
    }


def _install_tools() -> dict[str, list[str]]:
    """proselint (PyPI, in its own venv) and write-good (npm) under benchmarks/.tools,
    installed on first use; the command prefix of each."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    venv = TOOLS / "proselint"
    proselint = venv / "bin" / "proselint"
    if not proselint.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=True)
    write_good = TOOLS / "write-good" / "node_modules" / "write-good" / "bin" / "write-good.js"
    if not write_good.exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(TOOLS / "write-good"), "write-good"], check=True)
    return {
        "proselint": [str(proselint), "check"],
        "write-good": ["node", str(write_good)],
    }


def _wall(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_linters(files: list[Path], words: int) -> dict[str, object]:
    """Each linter once over every file in one process (the way it is meant to be
    run), and once on a one-line file for its start-up; words per second both with
    and without the start-up."""
    tools = _install_tools()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.md"
        tiny.write_text("One short sentence.\n")
        for name, prefix in tools.items():
            startup, startup_cpu = min(_wall([*prefix, str(tiny)]) for _ in range(3))
            total, cpu = _wall([*prefix, *(str(p) for p in files)])
            out[name] = {
                "total_s": round(total, 3), "cpu_s": round(cpu, 3),
                "startup_s": round(startup, 3), "startup_cpu_s": round(startup_cpu, 3),
                "words_per_s": round(words / total),
                "words_per_cpu_s": round(words / max(cpu, 1e-9)),
                "words_per_cpu_s_without_startup": round(
                    words / max(cpu - startup_cpu, 1e-9)),
            }
    return out


def bench_growth(path: Path, factors: tuple[int, ...] = GROWTH_FACTORS) -> dict[str, object]:
    """One document repeated: engine time against words (the word limit is lifted
    for the run)."""
    from prereview.engine import review_path

    os.environ["PREREVIEW_MAX_WORDS"] = "0"
    text = path.read_text(encoding="utf-8")
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base: tuple[float, int] | None = None
        for factor in factors:
            copy = Path(tmp) / f"x{factor}.md"
            copy.write_text("\n\n".join([text] * factor), encoding="utf-8")
            if factor == factors[0]:
                review_path(copy)  # warm-up
            started, cpu = time.perf_counter(), time.process_time()
            review = review_path(copy)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
            words = review.document.words
            if base is None:
                base = (cpu, words)
            growth = (cpu / base[0]) / (words / base[1])
            rows.append({"factor": factor, "words": words, "seconds": round(seconds, 3),
                         "cpu_s": round(cpu, 3),
                         "cpu_growth_over_word_growth": round(growth, 2)})
    return {"file": path.name, "rows": rows}


def bench_docx(path: Path, runs: int = 3) -> dict[str, object]:
    """The same text as Markdown and as .docx (rendered by prereview, one run per
    three words with alternating formatting, as Word splits runs): ingest, and the
    annotated .docx (``-f docx``) written from each; best of ``runs``."""
    import docx as python_docx

    from prereview.engine import run
    from prereview.ingest import load_document
    from prereview.reports.annotate import write_reviewed_docx
    from prereview.reports.render_docx import build_docx

    def best(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        return min(times)

    out: dict[str, object] = {"file": path.name}
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "doc.md"
        md.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        rendered, _ = build_docx(load_document(md))
        for i, p in enumerate(rendered.paragraphs):
            text = p.text
            if not text or p.style is None or not p.style.name.startswith("Normal"):
                continue
            for r in list(p.runs):
                r._r.getparent().remove(r._r)
            words = text.split(" ")
            for k in range(0, len(words), 3):
                piece = " ".join(words[k:k + 3]) + (" " if k + 3 < len(words) else "")
                r = p.add_run(piece)
                r.bold = (i + k) % 5 == 0
                r.italic = (i + k) % 7 == 0
        docx_path = Path(tmp) / "doc.docx"
        rendered.save(str(docx_path))
        python_docx.Document(str(docx_path))  # warm-up: python-docx, lxml
        for name, source in (("md", md), ("docx", docx_path)):
            result = run(source)
            target = Path(tmp) / f"{name}.reviewed.docx"
            out[name] = {
                "words": result.document.words,
                "findings": len(result.review.findings),
                "ingest_s": round(best(lambda s=source: load_document(s)), 3),
                "review_s": round(best(lambda s=source: run(s)), 3),
                "annotate_s": round(best(lambda r=result, t=target: write_reviewed_docx(
                    r.document, r.review, t, r.document.path)), 3),
            }
    md_row, docx_row = out["md"], out["docx"]
    assert isinstance(md_row, dict) and isinstance(docx_row, dict)
    out["docx_over_md"] = {k: round(docx_row[k] / max(md_row[k], 1e-9), 2)
                           for k in ("ingest_s", "review_s", "annotate_s")}
    return out


def _time_runs(
    cmd: list[str], env: dict[str, str], runs: int, warmup: int
) -> dict[str, object]:
    """Wall time of a fresh process, with hyperfine when available."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                [hyperfine, "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                 "--export-json", out.name, "--", shlex.join(cmd)],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )
            result = json.loads(Path(out.name).read_text())["results"][0]
        return {"mean_s": round(result["mean"], 3), "min_s": round(result["min"], 3),
                "max_s": round(result["max"], 3), "runs": runs, "tool": "hyperfine"}
    for _ in range(warmup):
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"mean_s": round(statistics.mean(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs, "tool": "repeat"}


def bench_cli(file: Path, runs: int, api_url: str | None) -> dict[str, object]:
    script = Path(sys.executable).with_name("prereview")
    base = [str(script) if script.exists() else "prereview", "review", str(file),
            "--format", "json"]
    home = Path(tempfile.mkdtemp(prefix="prereview-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PREREVIEW_"))}
    env.update(PREREVIEW_HOME=str(home), PREFECT_HOME=str(home / "prefect"))
    out: dict[str, object] = {}
    out["default"] = _time_runs(base, env, runs * 2, warmup=1)  # in-process: no Prefect API
    out["fast"] = _time_runs([*base, "--fast"], env, runs * 2, warmup=1)
    flow = [*base, "--flow"]
    # the first flow run in a new PREFECT_HOME also creates the database
    started = time.perf_counter()
    subprocess.run(flow, env=env, check=True, capture_output=True)
    out["flow_ephemeral_first_run_s"] = round(time.perf_counter() - started, 3)
    out["flow_ephemeral"] = _time_runs(flow, env, runs, warmup=0)
    if api_url:
        out["flow_server"] = _time_runs(base, {**env, "PREFECT_API_URL": api_url}, runs, warmup=1)
    shutil.rmtree(home, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--api-url", default=None,
                        help="a running Prefect server's API URL, to time the flow against it")
    parser.add_argument("--growth-file", type=Path, default=DEFAULT_GROWTH)
    parser.add_argument("--skip-engine", action="store_true")
    parser.add_argument("--skip-linters", action="store_true")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--docx-file", type=Path, default=DEFAULT_DOCX)
    parser.add_argument("--skip-docx", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()

    result: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                   f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}",
    }
    if not args.skip_engine:
        if args.corpus.is_dir():
            engine = bench_engine(args.corpus)
            result["engine"] = engine
            files = corpus_files(args.corpus)
            parse = bench_parse(files)
            parse["engine_over_parse"] = round(float(str(engine["total_s"]))
                                               / float(str(parse["total_s"])), 2)
            parse["engine_over_parse_cpu"] = round(float(str(engine["cpu_s"]))
                                                   / float(str(parse["cpu_s"])), 2)
            result["markdown_it_parse"] = parse
            if not args.skip_linters:
                linters = bench_linters(files, int(str(engine["words"])))
                linters["engine_words_per_s"] = engine["words_per_s"]
                linters["engine_words_per_cpu_s"] = round(
                    int(str(engine["words"])) / float(str(engine["cpu_s"])))
                result["linters"] = linters
        else:
            result["engine"] = f"skipped: no corpus at {args.corpus}"
    if not args.skip_growth and args.growth_file.is_file():
        result["growth"] = bench_growth(args.growth_file)
    if not args.skip_docx and args.docx_file.is_file():
        result["docx_vs_markdown"] = bench_docx(args.docx_file)
    if not args.skip_cli:
        result["cli"] = bench_cli(args.file.resolve(), args.runs, args.api_url)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
