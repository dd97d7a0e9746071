#!/usr/bin/env python3
"""Big and odd inputs answered within a bound: time and peak memory (issue 9, item 3).

Each case is a file generated here and reviewed by a fresh
``prereview review FILE --format json`` process (the default, in-process path);
the script reports its exit code, wall and CPU time, peak RSS (of that process,
by ``/usr/bin/time``) and the first line of stderr (a refusal says
why). The bound (issue 9): reviewed in under 10 s and 500 MB, or refused in
under 2 s with one line.

- .docx whose ``word/document.xml`` is 5, 20 and 60 MiB (zip written here around
  the parts python-docx makes), in three shapes: ``text`` (paragraphs of words
  from the corpus, in one run each), ``runs`` (every word its own formatted run,
  as Word writes heavily edited text) and ``markup`` (a few words per paragraph
  among bookmarks and proofing marks: megabytes of XML, few words);
- .md of 5 MB in the pathological shapes of tests/md_shapes.py (one token of
  5 MB of ``!``, of capitals, ``a.`` repeated, ``www.`` repeated, one 5 MB line
  of words, 5 MB of short lines, a table of 5 MB, nested lists, emphasis markers),
  the shapes tests/test_growth.py times at 10 and 40 kB.

    .venv/bin/python benchmarks/big_inputs.py                # everything (~minutes)
    .venv/bin/python benchmarks/big_inputs.py --only docx    # or: --only md
    .venv/bin/python benchmarks/big_inputs.py --sizes 5 20   # MiB of document.xml

JSON on stdout, one line per case on stderr. Exit 1 if any case is outside the bound.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from md_shapes import SHAPES  # noqa: E402  (the shapes the growth test times small)

CORPUS = ROOT.parent / "shared" / "corpus"
SCRIPT = Path(sys.executable).with_name("prereview")
MIB = 1024 * 1024
REVIEW_BOUND_S, REFUSE_BOUND_S, MEMORY_BOUND_MB = 10.0, 2.0, 500.0
_RSS_TAG = "prereview-peak-rss-kb="
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted(CORPUS.rglob("*.md"))[:40]:
        words += [w for w in path.read_text(encoding="utf-8").split()
                  if w.isalpha() and len(w) < 15]
    return words or ["plain", "words", "for", "the", "review"]


def _paragraphs(shape: str, size: int, rng: random.Random, vocab: list[str]) -> bytes:
    """A document.xml body of about ``size`` bytes in one shape."""
    out = io.BytesIO()
    out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f"<w:document {_W}><w:body>".encode())
    n = 0
    while out.tell() < size:
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 40))]
        if shape == "text":
            para = f'<w:p><w:r><w:t xml:space="preserve">{" ".join(words)}.</w:t></w:r></w:p>'
        elif shape == "runs":
            runs = "".join(
                f'<w:r><w:rPr>{"<w:b/>" if i % 2 else "<w:i/>"}<w:color w:val="'
                f'{rng.randrange(16 ** 6):06X}"/><w:sz w:val="{rng.choice((20, 22, 24))}"/>'
                f'</w:rPr><w:t xml:space="preserve">{w} </w:t></w:r>'
                for i, w in enumerate(words))
            para = f"<w:p>{runs}</w:p>"
        else:  # markup: three words among bookmarks and proofing marks
            marks = "".join(
                f'<w:bookmarkStart w:id="{n + i}" w:name="_Ref{rng.randrange(10 ** 9)}"/>'
                f'<w:proofErr w:type="spellStart"/><w:bookmarkEnd w:id="{n + i}"/>'
                for i in range(30))
            para = (f'<w:p>{marks}<w:r><w:t xml:space="preserve">{" ".join(words[:3])}'
                    f"</w:t></w:r></w:p>")
        n += 30
        out.write(para.encode())
    out.write(b"<w:sectPr/></w:body></w:document>")
    return out.getvalue()


def write_docx(path: Path, document_xml: bytes) -> None:
    """A .docx made by python-docx with its main part replaced."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item.filename, data)




def run_case(path: Path, timeout: float) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "OPENAI_"))}
    with tempfile.TemporaryDirectory() as home:
        env["PREREVIEW_HOME"] = home
        started = time.perf_counter()
        # /usr/bin/time reports the peak RSS of the review alone (a child forked
        # from this script would count this script's memory at the fork too)
        proc = subprocess.Popen(["/usr/bin/time", "-f", f"{_RSS_TAG}%M", str(SCRIPT), "review",
                                 str(path), "--format", "json", "--no-history"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        killed = False
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.stderr.close() if proc.stderr else None
    code = os.waitstatus_to_exitcode(status)
    lines = stderr.strip().splitlines()
    peaks = [int(line[len(_RSS_TAG):]) for line in lines if line.startswith(_RSS_TAG)]
    lines = [line for line in lines if not line.startswith(_RSS_TAG)
             and not line.startswith("Command exited with non-zero status")]
    reviewed = code in (0, 1) and not killed
    refused = code == 2 and len(lines) == 1 and lines[0].startswith("prereview: error:")
    rss_mb = (peaks[0] if peaks else usage.ru_maxrss) / 1024
    within = ((reviewed and wall < REVIEW_BOUND_S) or (refused and wall < REFUSE_BOUND_S)) \
        and rss_mb < MEMORY_BOUND_MB
    return {"exit": None if killed else code, "wall_s": round(wall, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_rss_mb": round(rss_mb),
            "outcome": "killed" if killed else "reviewed" if reviewed else
            "refused" if refused else "error",
            "stderr": lines[0][:160] if lines else "", "stderr_lines": len(lines),
            "within_bound": within}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", choices=("docx", "md"))
    parser.add_argument("--sizes", type=int, nargs="*", default=[5, 20, 60],
                        help="MiB of document.xml (default 5 20 60)")
    parser.add_argument("--md-bytes", type=int, default=5_000_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    rng = random.Random(9)
    vocab = _vocabulary()
    cases: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="prereview-big-") as tmp:
        todo: list[tuple[str, Path, int]] = []
        if args.only != "md":
            for shape in ("text", "runs", "markup"):
                for mib in args.sizes:
                    path = Path(tmp) / f"{shape}-{mib}.docx"
                    write_docx(path, _paragraphs(shape, mib * MIB, rng, vocab))
                    todo.append((f".docx {shape}, {mib} MiB document.xml", path, mib))
        if args.only != "docx":
            for name, make in SHAPES.items():
                path = Path(tmp) / f"{len(todo)}.md"
                path.write_text("# Shape\n\n" + make(args.md_bytes) + "\n", encoding="utf-8")
                todo.append((f".md {name}", path, 0))
        for name, path, _ in todo:
            result = {"case": name, "file_mb": round(path.stat().st_size / MIB, 2),
                      **run_case(path, args.timeout)}
            print(json.dumps(result), file=sys.stderr, flush=True)
            cases.append(result)
    print(json.dumps({"bound": {"review_s": REVIEW_BOUND_S, "refuse_s": REFUSE_BOUND_S,
                                "memory_mb": MEMORY_BOUND_MB},
                      "load_average": os.getloadavg(), "cases": cases}, indent=2))
    return 0 if all(c["within_bound"] for c in cases) else 1


if __name__ == "__main__":
    raise SystemExit(main())
