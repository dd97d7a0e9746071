"""Quality benchmark: prereview's rule-only review against the blind labels.

Reviews every document of ``../shared/eval/labels.yaml`` with the engine (no
Prefect, no LLM) and compares, per genre and overall: verdict agreement (with the
confusion matrix and the ready<->not-ready count), Spearman rank correlation of the
score, section-role recall and precision ("present" and "missing"), placeholder
recall, FAQ question-count error and findings per document. On the whole corpus it
also reports the share of proposals that passed their project's real review (KEPs,
CDK and Rust RFCs, Go proposals) that prereview calls not-ready.

The labels are for measuring, never for tuning: see ../shared/eval/README.md.

    .venv/bin/python benchmarks/quality.py            # tables on stdout
    .venv/bin/python benchmarks/quality.py --json     # everything, per file too
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prereview import __version__
from prereview.engine import run
from prereview.review import Finding, Review, Status

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VERDICTS = ("ready", "needs-work", "not-ready")

# --------------------------------------------------------------------------- mapping
# Which criterion stands for which label role. A role is read as "present" when its
# criterion passed, "missing" when it failed; a criterion not assessed or not
# applicable says neither. A role the chosen rubric has no criterion for is neither
# (it costs recall: prereview did not say the role is there).
ROLE_OF: dict[str, str] = {
    # PR/FAQ rubric
    "pr.headline": "headline",
    "pr.subheading": "subheading",
    "pr.dateline": "dateline",
    "pr.problem": "problem",
    "pr.solution": "solution",
    "pr.leader-quote": "leader_quote",
    "pr.customer-quote": "customer_quote",
    "pr.getting-started": "getting_started",
    "pr.call-to-action": "call_to_action",
    "faq.external": "external_faq",
    "faq.internal": "internal_faq",
    # design-doc rubric
    "design.context": "context",
    "design.problem": "problem_or_motivation",
    "design.goals": "goals",
    "design.non-goals": "non_goals",
    "design.proposal": "proposal",
    "design.alternatives": "alternatives",
    "design.risks": "risks_or_compatibility",
    "design.security": "security",
    "design.operations": "rollout_or_operations",
    "design.metrics": "metrics",
    "design.open-questions": "open_questions",
    # proposal rubric
    "proposal.summary": "context",
    "proposal.motivation": "problem_or_motivation",
    "proposal.design": "proposal",
    "proposal.alternatives": "alternatives",
    "proposal.compatibility": "risks_or_compatibility",
    "proposal.scope": "non_goals",
    "proposal.open-questions": "open_questions",
    "proposal.testing": "testing",
    "proposal.goals": "goals",
    "proposal.security": "security",
    "proposal.operations": "rollout_or_operations",
    "proposal.metrics": "metrics",
}

PLACEHOLDER_CRITERIA = re.compile(r"placeholder|answered|empty|unfinished", re.IGNORECASE)
PLACEHOLDER_MESSAGE = re.compile(
    r"placeholder|unfinished|empty|no answer|cut off|template|answered only", re.IGNORECASE
)
"""A finding reports a placeholder when its criterion is a placeholder/answer check
or its message says the text is unfinished (an empty section, a template prompt)."""

PASSED_REVIEW_DIRS = ("kep", "cdk-rfc", "rust-rfc", "go-proposal")
"""Corpus folders whose documents passed their project's real review (merged KEPs,
accepted CDK/Rust RFCs and Go proposals); a CDK RFC marked ``.expired`` did not."""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans("“”‘’", "\"\"''"))
    text = re.sub(r"^#+\s*", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" *_")


# --------------------------------------------------------------------------- per file


@dataclass
class FileResult:
    file: str
    genre: str
    rubric: str
    label_verdict: str
    verdict: str
    label_score: float
    score: float
    findings: int
    blockers_failed: list[str]
    present_tp: int = 0
    present_fp: int = 0
    present_fn: int = 0
    missing_tp: int = 0
    missing_fp: int = 0
    missing_fn: int = 0
    placeholders: int = 0
    placeholders_found: int = 0
    faq_label: int | None = None
    faq_found: int | None = None
    trap_hits: list[str] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)
    misread: list[str] = field(default_factory=list)
    seconds: float = 0.0


MISSING_NOTE = re.compile(
    r"\bmissing\b|\bnot found\b|\bno paragraph\b|^0 quote|\b0 FAQ entries\b", re.IGNORECASE
)
"""For the kinds that do not report ``found_at``: a failed criterion whose note
says the part was not found. Any other failure found the part and judged it
wanting (a thin section): the role is read as present."""


def role_reading(review: Review) -> dict[str, str]:
    """role -> "present" | "missing" as prereview read the document (the "how the
    document was read" map). A criterion that says whether it found its part
    (``found``, set whether or not the criterion is scored or judged: a
    not-assessed ``pr.solution`` says where its paragraph is) is read by that; for
    the others, passed, or failed with the part found, is present, and failed with
    the part not found is missing. A present wins over a missing."""
    read: dict[str, str] = {}
    for c in review.criteria:
        role = ROLE_OF.get(c.id)
        if role is None:
            continue
        if c.found is not None:
            # not applicable: the map says where the part is, never that it is missing
            found, said = c.found, c.status != Status.NOT_APPLICABLE
        else:
            found = c.status == Status.PASSED or (
                c.status == Status.FAILED and not MISSING_NOTE.search(c.note or ""))
            said = found or c.status == Status.FAILED
        if found:
            read[role] = "present"
        elif said and read.get(role) != "present":
            read[role] = "missing"
    return read


def placeholder_hits(labels: list[str], findings: list[Finding]) -> int:
    """How many label placeholder occurrences a placeholder-like finding quotes
    (each finding counts once; the quote contains the label text or the reverse)."""
    pool = [
        _norm(f.quote) for f in findings
        if f.quote and (PLACEHOLDER_CRITERIA.search(f.criterion)
                        or PLACEHOLDER_MESSAGE.search(f.message))
    ]
    used = [False] * len(pool)
    hits = 0
    for label in labels:
        want = _norm(label)
        for i, quote in enumerate(pool):
            if used[i] or not quote:
                continue
            if want in quote or (len(quote) >= 2 and quote in want):
                used[i] = True
                hits += 1
                break
    return hits


_TRAP_QUOTE = re.compile(
    r"(?<![\w'])'([^'\n]{2,120})'(?!\w)|`([^`\n]{2,120})`|\"([^\"\n]{2,120})\""
)
"""A quoted fragment of a label's trap: 'ACME Corp', `**kwargs`, "## Metrics"."""


def trap_hits(traps: list[str], findings: list[Finding]) -> list[str]:
    """Findings that flag text a trap names (the eval README's measure 7: lower is
    better; it shows recall gained by flagging everything). A finding counts when
    its quote is mostly a quoted fragment of a trap, or lies inside one (a product
    name a trap mentions inside a long quoted sentence is not that trap). Only
    placeholder-like findings count. Approximate: read the hits it lists."""
    fragments = sorted({
        _norm(next(g for g in m.groups() if g))
        for trap in traps for m in _TRAP_QUOTE.finditer(trap)
    } - {""})
    hits: list[str] = []
    for f in findings:
        if not (PLACEHOLDER_CRITERIA.search(f.criterion) or PLACEHOLDER_MESSAGE.search(f.message)):
            continue  # traps are text wrongly called unfinished; a style example is not that
        quote = _norm(f.quote or "")
        if len(quote) < 2:
            continue
        for frag in fragments:
            if (frag in quote and 2 * len(frag) >= len(quote)) or (
                    len(quote) >= 4 and quote in frag):
                hits.append(f"{f.criterion}: {f.quote[:60]!r} (trap {frag[:40]!r})")
                break
    return hits


_FAQ_NOTE = re.compile(r"^(\d+) FAQ entries")


def faq_count(review: Review) -> int | None:
    for c in review.criteria:
        if c.id in ("faq.answered", "proposal.faq-answered") and c.note:
            m = _FAQ_NOTE.match(c.note)
            if m:
                return int(m.group(1))
    return None


def review_labelled(entry: dict[str, Any], corpus: Path) -> FileResult:
    path = corpus / entry["file"]
    started = time.perf_counter()
    review = run(path).review
    seconds = time.perf_counter() - started
    result = FileResult(
        file=entry["file"], genre=entry["genre"], rubric=review.rubric.id,
        label_verdict=entry["verdict"], verdict=review.verdict.value,
        label_score=float(entry["score"]), score=review.score,
        findings=len(review.findings),
        blockers_failed=[c.id for c in review.failed_blockers], seconds=seconds,
    )
    present = set((entry.get("sections") or {}).keys())
    absent = set(entry.get("absent") or [])
    not_applicable = set(entry.get("not_applicable") or [])
    read = role_reading(review)
    result.read = read
    for role in sorted(present | absent | not_applicable | set(read)):
        said = read.get(role)
        if role in present:
            if said == "present":
                result.present_tp += 1
            else:
                result.present_fn += 1
                if said == "missing":
                    result.missing_fp += 1
                result.misread.append(f"{role}: present, read {said or 'not looked for'}")
        elif role in absent:
            if said == "missing":
                result.missing_tp += 1
            else:
                result.missing_fn += 1
                if said == "present":
                    result.present_fp += 1
                    result.misread.append(f"{role}: absent, read present")
        elif role in not_applicable and said == "missing":
            # the labels' README: a not-applicable role reported missing is a false
            # positive; whether it is there is not labelled, so "present" is neither
            result.missing_fp += 1
            result.misread.append(f"{role}: not applicable, read missing")
    labels = [str(p) for p in entry.get("placeholders") or []]
    result.placeholders = len(labels)
    result.placeholders_found = placeholder_hits(labels, review.findings)
    result.trap_hits = trap_hits([str(t) for t in entry.get("traps") or []], review.findings)
    if "faq_questions" in entry:
        result.faq_label = int(entry["faq_questions"])
        result.faq_found = faq_count(review)
    return result


# --------------------------------------------------------------------------- measures


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Pearson correlation of the ranks (ties get their mean rank)."""
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return round(sxy / (sxx * syy) ** 0.5, 3)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def measures(rows: list[FileResult]) -> dict[str, Any]:
    confusion = {lv: dict.fromkeys(VERDICTS, 0) for lv in VERDICTS}
    for r in rows:
        confusion[r.label_verdict][r.verdict] += 1
    agree = sum(r.label_verdict == r.verdict for r in rows)
    faq_rows = [r for r in rows if r.faq_label is not None]
    faq_errors = [abs((r.faq_found or 0) - (r.faq_label or 0)) for r in faq_rows]
    ptp = sum(r.present_tp for r in rows)
    mtp = sum(r.missing_tp for r in rows)
    return {
        "documents": len(rows),
        "verdict_agreement": _ratio(agree, len(rows)),
        "ready_called_not_ready": confusion["ready"]["not-ready"],
        "not_ready_called_ready": confusion["not-ready"]["ready"],
        "confusion": confusion,
        "spearman": spearman([r.score for r in rows], [r.label_score for r in rows]),
        "present_recall": _ratio(ptp, ptp + sum(r.present_fn for r in rows)),
        "present_precision": _ratio(ptp, ptp + sum(r.present_fp for r in rows)),
        "missing_recall": _ratio(mtp, mtp + sum(r.missing_fn for r in rows)),
        "missing_precision": _ratio(mtp, mtp + sum(r.missing_fp for r in rows)),
        "placeholder_recall": _ratio(sum(r.placeholders_found for r in rows),
                                     sum(r.placeholders for r in rows)),
        "faq_count_mean_abs_error": (round(statistics.fmean(faq_errors), 2)
                                     if faq_errors else None),
        "faq_count_within_1": _ratio(sum(e <= 1 for e in faq_errors), len(faq_errors)),
        "trap_hits": sum(len(r.trap_hits) for r in rows),
        "median_findings": statistics.median(r.findings for r in rows) if rows else None,
        "max_findings": max((r.findings for r in rows), default=None),
    }


def corpus_not_ready(corpus: Path) -> dict[str, Any]:
    """Share of the proposals that passed real review which are called not-ready."""
    per_dir: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[str] = []
    for name in PASSED_REVIEW_DIRS:
        for path in sorted((corpus / "design" / name).glob("*.md")):
            if ".expired" in path.name:
                continue
            try:
                verdict = run(path).review.verdict.value
            except Exception as exc:  # a benchmark reports, it does not stop
                errors.append(f"{path.name}: {exc}")
                continue
            per_dir[name][verdict] += 1
    total = sum(sum(c.values()) for c in per_dir.values())
    not_ready = sum(c["not-ready"] for c in per_dir.values())
    return {
        "documents": total,
        "not_ready": not_ready,
        "not_ready_share": _ratio(not_ready, total),
        "per_folder": {k: dict(v) for k, v in per_dir.items()},
        "errors": errors,
    }


# --------------------------------------------------------------------------- output


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


COLUMNS = [
    ("documents", "docs"), ("verdict_agreement", "verdict"),
    ("ready_called_not_ready", "ready->NR"), ("spearman", "spearman"),
    ("present_recall", "pres.R"), ("present_precision", "pres.P"),
    ("missing_recall", "miss.R"), ("missing_precision", "miss.P"),
    ("placeholder_recall", "ph.R"), ("faq_count_mean_abs_error", "faq.err"),
    ("trap_hits", "traps"), ("median_findings", "med.find"),
]


def print_tables(report: dict[str, Any]) -> None:
    groups = report["groups"]
    print("| group | " + " | ".join(h for _, h in COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for name, m in groups.items():
        print(f"| {name} | " + " | ".join(_fmt(m[k]) for k, _ in COLUMNS) + " |")
    overall = groups["overall"]["confusion"]
    print("\nconfusion (rows: label, columns: prereview)")
    print("| label \\ prereview | " + " | ".join(VERDICTS) + " |")
    print("|---|---:|---:|---:|")
    for lv in VERDICTS:
        print(f"| {lv} | " + " | ".join(str(overall[lv][v]) for v in VERDICTS) + " |")
    c = report.get("corpus")
    if c:
        print(f"\ncorpus: {c['not_ready']} of {c['documents']} proposals that passed real "
              f"review called not-ready ({_fmt(c['not_ready_share'])}); {c['per_folder']}")
    print("\nper file: label verdict/score -> prereview verdict/score, findings, misread roles")
    for r in report["files"]:
        print(f"- {r['file']} [{r['rubric']}] {r['label_verdict']}/{r['label_score']:.0f} -> "
              f"{r['verdict']}/{r['score']:.0f}, {r['findings']} findings, "
              f"placeholders {r['placeholders_found']}/{r['placeholders']}, "
              f"faq {r['faq_found']}/{r['faq_label']}; blockers {r['blockers_failed']}")
        for m in r["misread"]:
            print(f"    {m}")
        for t in r["trap_hits"]:
            print(f"    trap flagged: {t}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=SHARED / "eval" / "labels.yaml")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--json", action="store_true", help="JSON on stdout")
    parser.add_argument("--skip-corpus", action="store_true",
                        help="labels only (no not-ready share over the corpus)")
    args = parser.parse_args(argv)
    entries = yaml.safe_load(args.labels.read_text(encoding="utf-8"))
    rows = [review_labelled(e, args.corpus) for e in entries]
    groups: dict[str, Any] = {"overall": measures(rows)}
    for genre in sorted({r.genre for r in rows}):
        groups[genre] = measures([r for r in rows if r.genre == genre])
    report: dict[str, Any] = {
        "prereview": __version__,
        "configuration": "engine, rules only (no LLM), rubric detected",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "groups": groups,
        "files": [r.__dict__ for r in rows],
    }
    if not args.skip_corpus:
        report["corpus"] = corpus_not_ready(args.corpus)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(f"prereview {report['prereview']}, {report['configuration']}, {report['date']}")
        print_tables(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
