"""The prereview CLI: output streams, exit codes, --out, --fail-on, rubrics.

Most tests use Typer's CliRunner with --fast (stdout and stderr are separate in
Click >= 8.2); a few run the installed console script in a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from prereview.cli import app

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("prereview")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# ------------------------------------------------------------------ review, in-process


def test_review_markdown_on_stdout(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    code, out, err = invoke("review", str(docs["very"]), "--rubric", str(tiny_rubric), "--fast")
    assert code == 0 and err == ""
    assert out.startswith("# Pre-review: Launch notes\n")
    assert "**line 3, col 30**" in out


def test_review_json_on_stdout_parses(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    code, out, err = invoke("review", str(docs["tbd"]), "-r", str(tiny_rubric), "--fast",
                            "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == "prereview.review/1"
    assert data["verdict"] == "not-ready"


def test_fast_from_environment(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    code, out, _ = invoke("review", str(docs["clean"]), "-r", str(tiny_rubric), "-f", "json",
                          env={"PREREVIEW_FAST": "1"})
    assert code == 0 and json.loads(out)["verdict"] == "ready"


@pytest.mark.parametrize(
    ("doc", "fail_on", "code"),
    [
        ("clean", "needs-work", 0),
        ("clean", "not-ready", 0),
        ("very", "needs-work", 1),
        ("very", "not-ready", 0),
        ("tbd", "needs-work", 1),
        ("tbd", "not-ready", 1),
        ("tbd", None, 0),
    ],
)
def test_fail_on_gate(
    tiny_rubric: Path, docs: dict[str, Path], doc: str, fail_on: str | None, code: int
) -> None:
    args = ["review", str(docs[doc]), "-r", str(tiny_rubric), "--fast", "-f", "json"]
    if fail_on:
        args += ["--fail-on", fail_on]
    got, out, _ = invoke(*args)
    assert got == code
    assert json.loads(out)["rubric"]["id"] == "tiny"  # the report is printed either way


def test_out_writes_files_and_prints_only_their_paths(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    out_dir = tmp_path / "new" / "reports"
    code, out, err = invoke("review", str(docs["very"]), "-r", str(tiny_rubric), "--fast",
                            "--out", str(out_dir), "--fail-on", "needs-work")
    assert code == 1 and err == ""
    assert out.splitlines() == [str(out_dir / "report.md"), str(out_dir / "review.json")]
    assert json.loads((out_dir / "review.json").read_text(encoding="utf-8"))["score"] == 66.7
    assert (out_dir / "report.md").read_text(encoding="utf-8").startswith("# Pre-review")


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    code, out, err = invoke("review", str(missing), "--fast")
    assert code == 2 and out == ""
    assert err == f"prereview: error: {missing}: no such file\n"


def test_unknown_rubric_is_one_line_exit_2(docs: dict[str, Path]) -> None:
    code, out, err = invoke("review", str(docs["clean"]), "--rubric", "no-such-rubric", "--fast")
    assert code == 2 and out == ""
    assert err.startswith("prereview: error: unknown rubric 'no-such-rubric'")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["review"],
        ["review", "x.md", "--format", "pdf"],
        ["review", "x.md", "--format", "md,json"],
        ["review", "x.md", "--fail-on", "ready"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    code, out, err = invoke(*args)
    assert code == 2 and out == ""
    assert "Usage:" in err and "Traceback" not in err


def test_version_and_help() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("prereview ")
    code, out, _ = invoke("review", "--help")
    assert code == 0 and "--fail-on" in out and "--fast" in out


# ------------------------------------------------------------------ rubrics


def test_rubrics_list_shows_ids_titles_counts(
    tmp_path: Path, tiny_rubric: Path
) -> None:
    code, out, _ = invoke("rubrics", "list", env={"PREREVIEW_RUBRIC_PATH": str(tmp_path)})
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "CRITERIA", "TITLE"]
    tiny = next(line for line in lines if line.startswith("tiny "))
    assert re.fullmatch(r"tiny +3 \(2 rule\) +Tiny test rubric", tiny)


def test_rubrics_show_every_criterion(tiny_rubric: Path) -> None:
    code, out, _ = invoke("rubrics", "show", str(tiny_rubric))
    assert code == 0
    assert out.startswith("tiny: Tiny test rubric\n")
    assert "tiny.no-very  No \"very\"\n  severity: minor   weight: 1   kind: rule\n" in out
    assert '  check: test-needle (needle="very")\n' in out
    assert "  guidance: Say how much.\n" in out
    assert "tiny.judgment  Needs judgment\n  severity: major   weight: 1   kind: judgment\n" in out


def test_rubrics_show_examples(tmp_path: Path, needle_kind: str) -> None:
    path = tmp_path / "ex.yaml"
    path.write_text(textwrap.dedent("""\
        id: ex
        criteria:
          - id: ex.tbd
            title: No TBD
            severity: blocker
            check: {kind: test-needle, needle: TBD}
            examples:
              pass: "All done."
              fail: |
                # Plan

                Dates TBD.
        """), encoding="utf-8")
    code, out, _ = invoke("rubrics", "show", str(path))
    assert code == 0
    assert ("  pass example:\n    | All done.\n"
            "  fail example:\n    | # Plan\n    |\n    | Dates TBD.\n") in out


def test_rubrics_validate_ok(tiny_rubric: Path) -> None:
    code, out, err = invoke("rubrics", "validate", str(tiny_rubric))
    assert code == 0 and err == ""
    assert out.startswith("OK tiny version ") and out.endswith("(3 criteria)\n")


def test_rubrics_validate_error_names_file_line_field(tmp_path: Path, needle_kind: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ncriteria:\n  - id: bad.x\n    title: X\n    severity: urgent\n",
                   encoding="utf-8")
    code, out, err = invoke("rubrics", "validate", str(bad))
    assert code == 2 and out == ""
    assert err.startswith(f"prereview: error: {bad}:5: criteria[0].severity: ")
    assert err.count("\n") == 1


CRASHES = {
    "section": ("criteria:\n  - id: x.s\n    title: S\n    severity: major\n"
                "    check: {kind: section, section: security}\n",
                ":6: criteria[0] (x.s).check.section: unknown section 'security' "
                "(sections of this rubric: none defined)\n"),
    "pattern": ("criteria:\n  - id: x.w\n    title: W\n    severity: minor\n"
                "    check: {kind: word-list, patterns: ['(unclosed']}\n",
                ":6: criteria[0] (x.w).check.patterns[0].regex: invalid regular expression "
                "'(unclosed': missing ), unterminated subpattern at position 0\n"),
}


@pytest.mark.parametrize("case", sorted(CRASHES))
def test_validate_and_review_reject_what_used_to_crash(
    tmp_path: Path, docs: dict[str, Path], case: str
) -> None:
    body, reason = CRASHES[case]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n" + body, encoding="utf-8")
    code, out, err = invoke("rubrics", "validate", str(bad))
    assert (code, out, err) == (2, "", f"prereview: error: {bad}{reason}")
    code, out, err = invoke("review", str(docs["very"]), "--rubric", str(bad), "--fast")
    assert (code, out, err) == (2, "", f"prereview: error: {bad}{reason}")


def test_kinds_lists_every_kind_and_one_in_full() -> None:
    from prereview.checks.registry import kinds

    code, out, err = invoke("kinds")
    assert code == 0 and err == ""
    built_in = sorted(k for k, v in kinds().items() if v.fn.__module__.startswith("prereview."))
    assert sorted(line for line in out.splitlines() if line and not line[0].isspace()) == built_in
    code, out, err = invoke("kinds", "dateline")
    assert code == 0 and err == ""
    assert out.startswith("dateline\n  The first paragraph opens with a location and a launch")
    assert "    within (int; default 2)\n      How many body paragraphs" in out
    code, out, err = invoke("kinds", "nope")
    assert (code, out) == (2, "")
    assert err.startswith("prereview: error: unknown check kind 'nope' (known: acronyms, ")
    assert err.count("\n") == 1


def test_kinds_markdown_and_schema_are_the_docs() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    code, out, _ = invoke("kinds", "--markdown")
    assert code == 0 and out == (docs / "check-kinds.md").read_text(encoding="utf-8")
    code, out, _ = invoke("kinds", "--schema")
    assert code == 0 and json.loads(out) == json.loads(
        (docs / "rubric.schema.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the installed script


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PREREVIEW_"))}
    env.update(extra)
    return env


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


WEASEL_DOC = ("# Notes\n\nLatency dropped significantly, very much, for many and several "
              "users last week.\n")  # a habit: four weasel words fail the criterion


def test_script_fast_json_parses(tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(WEASEL_DOC, encoding="utf-8")
    proc = _run("review", str(doc), "--rubric", "style", "--fast", "--format", "json",
                env=_env(PREREVIEW_HOME=str(tmp_path / "home")))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    weasel = [f for f in data["findings"] if f["criterion"] == "style.weasel-words"]
    assert [(f["quote"], f["location"]["line"]) for f in weasel] == [
        ("significantly", 3), ("very", 3), ("many", 3), ("several", 3)]


def test_script_bad_input_one_line_no_traceback(tmp_path: Path) -> None:
    doc = tmp_path / "missing.md"
    proc = _run("review", str(doc), "--fast", env=_env())
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(doc) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_fast_path_never_imports_prefect(tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(WEASEL_DOC, encoding="utf-8")
    code = (
        "import sys\nfrom prereview.cli import main\n"
        f"try:\n    main(['review', {str(doc)!r}, '--rubric', 'style', '--fast'])\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print('PREFECT' if any(m.split('.')[0] == 'prefect' for m in sys.modules) else 'NONE',"
        " file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_env(), timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "NONE"


def test_script_through_the_flow(prefect_harness: str, tmp_path: Path) -> None:
    """The default path: the review_document flow against a Prefect server; stdout is
    only the JSON, Prefect's output goes to stderr; a bad file is still one line."""
    doc = tmp_path / "notes.md"
    doc.write_text(WEASEL_DOC, encoding="utf-8")
    env = _env(PREFECT_API_URL=prefect_harness, PREREVIEW_HOME=str(tmp_path / "home"),
               PREFECT_HOME=str(tmp_path / "prefect"))
    proc = _run("review", str(doc), "--rubric", "style", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "prereview.review/1"

    missing = tmp_path / "missing.md"
    proc = _run("review", str(missing), env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"prereview: error: {missing}: no such file\n"


# ------------------------------------------------------------------ the LLM reviewer

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "prfaq-strong.md"
JUDGMENT_ONLY = ("pr.summary", "pr.solution", "faq.market-size", "faq.economics")
fakes = sys.modules["prereview_test_fakes_openai_server"]
API_KEY: str = fakes.TEST_API_KEY


def _llm_env(tmp_path: Path, base_url: str, **extra: str) -> dict[str, str]:
    return _env(OPENAI_API_KEY=API_KEY, OPENAI_BASE_URL=base_url,
                PREREVIEW_HOME=str(tmp_path / "home"), PREREVIEW_LLM_TIMEOUT="5",
                PREREVIEW_LLM_BACKOFF="0.01", **extra)


def test_script_llm_assesses_judgment_criteria(tmp_path: Path, fake_openai: Any) -> None:
    out = tmp_path / "out"
    proc = _run("review", str(SAMPLE), "--llm", "--fast", "--format", "json,md,html,sarif",
                "--out", str(out), env=_llm_env(tmp_path, fake_openai.url))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    requests = fake_openai.chat_requests
    assert data["llm"]["used"] is True
    assert data["llm"]["calls"] == len(requests) >= 1
    assert data["llm"]["input_tokens"] > 0 and data["llm"]["error"] is None
    status = {c["id"]: (c["status"], c["source"]) for c in data["criteria"]}
    for cid in JUDGMENT_ONLY:
        assert status[cid] in (("passed", "llm"), ("failed", "llm")), cid
    # every request carried the bearer key, and no output anywhere repeats it
    auth = [{k.lower(): v for k, v in r.headers.items()}.get("authorization") for r in requests]
    assert auth == [f"Bearer {API_KEY}"] * len(requests)
    outputs = [proc.stdout, proc.stderr] + [p.read_text(encoding="utf-8") for p in out.iterdir()]
    assert not any(API_KEY in text for text in outputs)


def test_script_llm_dead_server_gives_rule_only_review(tmp_path: Path) -> None:
    dead = fakes.closed_url()
    proc = _run("review", str(SAMPLE), "--llm", "--fast", "--format", "json",
                env=_llm_env(tmp_path, dead, PREREVIEW_LLM_MAX_RETRIES="0"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["llm"]["used"] is True and data["llm"]["calls"] == 0
    assert f"connection refused at {dead}" in data["llm"]["error"]
    notes = {c["id"]: (c["status"], c["note"]) for c in data["criteria"]}
    for cid in JUDGMENT_ONLY:
        assert notes[cid][0] == "not-assessed"
        assert notes[cid][1].startswith("LLM reviewer failed"), notes[cid]
    rule_only = json.loads(_run("review", str(SAMPLE), "--fast", "--format", "json",
                                env=_env()).stdout)
    assert data["score"] == rule_only["score"] and data["verdict"] == rule_only["verdict"]
    assert proc.stderr.count("\n") == 1 and "judgment criteria not assessed" in proc.stderr
    assert API_KEY not in proc.stdout + proc.stderr


def test_bad_llm_setting_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = invoke("review", str(SAMPLE), "--llm", "--fast",
                            env={"PREREVIEW_LLM_TIMEOUT": "soon"})
    assert code == 2 and out == ""
    assert err.startswith("prereview: error: LLM reviewer settings: ")
    assert err.count("\n") == 1


def test_unanchored_findings_are_a_warning_on_stderr(
    monkeypatch: pytest.MonkeyPatch, tiny_rubric: Path, docs: dict[str, Path],
    stale_quotes: Callable[[Any], Any],
) -> None:
    """A finding the annotated .docx cannot anchor on its text: the file is still
    written (the comment falls back to the heading) and stderr says so in one line."""
    from prereview import engine

    steps = engine.Steps

    def stale_score(*args: Any) -> Any:
        return stale_quotes(engine.score(*args))

    monkeypatch.setattr(engine, "Steps", lambda: steps(score=stale_score))
    code, out, err = invoke("review", str(docs["very"]), "--rubric", str(tiny_rubric),
                            "--fast", "--format", "docx")
    written = docs["very"].with_name("very.reviewed.docx")
    assert code == 0 and out == f"{written}\n" and written.exists()
    assert err.count("\n") == 1
    assert err.startswith(f"prereview: warning: {written}: 1 finding(s) not anchored on their "
                          "text (")
