"""Shared fixtures: a Prefect test server (started only by tests that ask for it),
a throw-away check kind and a tiny rubric, so report/CLI/flow tests do not
depend on the built-in rubrics' contents."""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from prereview.checks.context import CheckContext
from prereview.checks.params import Params
from prereview.checks.registry import Outcome, check_kind
from prereview.rubrics import Criterion


@pytest.fixture(scope="session")
def _history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated history store, made once and copied for each test."""
    from prereview.history.store import dispose_engines, get_engine

    db = tmp_path_factory.mktemp("history-template") / "history.db"
    get_engine(f"sqlite:///{db}")
    dispose_engines()
    return db


@pytest.fixture(autouse=True)
def _history_store(tmp_path_factory: pytest.TempPathFactory, _history_template: Path,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test records reviews into its own throw-away history store, never
    into the user's ~/.prereview (subprocesses inherit the variable)."""
    import shutil

    db = tmp_path_factory.mktemp("history") / "history.db"
    shutil.copyfile(_history_template, db)
    db.chmod(0o600)
    monkeypatch.setenv("PREREVIEW_DATABASE_URL", f"sqlite:///{db}")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[str]:
    """A temporary Prefect server and database for the whole session (lazy: only
    tests requesting it pay the start-up). Yields the API URL, which subprocesses
    can use as ``PREFECT_API_URL``."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield str(PREFECT_API_URL.value())


TESTS = Path(__file__).resolve().parent


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on right now: bound, noted, closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def isolated_env(tmp_path: Path) -> Callable[..., dict[str, str]]:
    """For the installed script: this environment without any PREFECT_/PREREVIEW_
    setting, homes under ``tmp_path``, plus the given settings."""
    def build(**extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PREFECT_", "PREREVIEW_"))}
        env.update(PREREVIEW_HOME=str(tmp_path / "home"), PREFECT_HOME=str(tmp_path / "prefect"))
        env.update(extra)
        return env
    return build


CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium (.ci/run installs it): never a browser build downloaded by Playwright."""
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _no_browser() -> str | None:
    """Why the page tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python package) not installed"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for the HTML page tests (one per test module); they skip
    with the reason when it is missing."""
    reason = _no_browser()
    if reason is not None:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


CheckRun = Callable[[subprocess.CompletedProcess[str]], None]


@pytest.fixture
def unreachable_prefect(closed_port: int) -> tuple[str, CheckRun]:
    """A PREFECT_API_URL nothing answers, and the check of what the CLI says then
    (review and batch alike): exit 3, nothing on stdout, one stderr line naming the
    URL and the log of Prefect's output, which is kept for the user (and removed here)."""
    from prereview.cli_flow import EXIT_PREFECT

    api = f"http://127.0.0.1:{closed_port}/api"

    def check(proc: subprocess.CompletedProcess[str]) -> None:
        assert proc.returncode == EXIT_PREFECT and proc.stdout == "", proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert proc.stderr.startswith(
            f"prereview: error: cannot reach the Prefect API at {api}: start it ('prefect server "
            "start') or unset PREFECT_API_URL to review without Prefect (Prefect's output: ")
        log = Path(proc.stderr.rsplit("(Prefect's output: ", 1)[1].rstrip(")\n"))
        assert log.is_file()
        log.unlink()
    return api, check


def load_by_path(name: str, relative: str) -> ModuleType:
    """A helper module under tests/, loaded by path (tests are not a package) and
    registered as ``name``, so test modules import it by that name."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TESTS / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_fakes() -> ModuleType:
    """tests/fakes/openai_server.py (== fakes.MODULE; tests import it by that name)."""
    return load_by_path("prereview_test_fakes_openai_server", "fakes/openai_server.py")


fakes = load_fakes()
load_by_path("prereview_test_md_shapes", "md_shapes.py")


@pytest.fixture
def fake_openai() -> Iterator[Any]:
    """A fresh scripted fake OpenAI-compatible server on 127.0.0.1."""
    yield from fakes.serve()


NEEDLE_KIND = "test-needle"


class NeedleParams(Params):
    needle: str


def _needle(ctx: CheckContext, criterion: Criterion, params: NeedleParams) -> Outcome:
    """Fails with one finding per occurrence of ``needle`` in the document's prose."""
    findings = [
        ctx.finding(criterion, block, m.start(), m.end(), f'"{params.needle}" found')
        for block in ctx.prose("document")
        for m in re.finditer(re.escape(params.needle), block.text)
    ]
    return Outcome(passed=not findings, findings=findings,
                   note=f"{len(findings)} occurrence(s) of {params.needle!r} (limit 0)")


@pytest.fixture
def needle_kind() -> Iterator[str]:
    """Register the ``test-needle`` check kind for one test only."""
    from prereview.checks import registry

    registry.kinds()  # make sure the real kinds are registered first
    check_kind(NEEDLE_KIND, NeedleParams)(_needle)
    try:
        yield NEEDLE_KIND
    finally:
        registry._KINDS.pop(NEEDLE_KIND, None)


TINY_RUBRIC = """\
id: tiny
title: Tiny test rubric
threshold: 80
criteria:
  - id: tiny.no-tbd
    title: No TBD
    severity: blocker
    weight: 2
    check: {kind: test-needle, needle: TBD}
    guidance: Finish the text.
  - id: tiny.no-very
    title: No "very"
    severity: minor
    weight: 1
    check: {kind: test-needle, needle: very}
    guidance: Say how much.
    suggestion: Replace "very" with a number.
  - id: tiny.judgment
    title: Needs judgment
    severity: major
    weight: 1
    guidance: A reviewer reads this.
"""
"""Scores: clean 100 (ready); "very" only 66.7 (needs-work); "TBD" not-ready."""


@pytest.fixture
def tiny_rubric(tmp_path: Path, needle_kind: str) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_RUBRIC, encoding="utf-8")
    return path


@pytest.fixture
def write_doc(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a Markdown document (dedented) into tmp_path."""

    def write(text: str, name: str = "doc.md") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


CLEAN_DOC = """\
# Launch notes

Clinics fill 38 of 40 cancelled slots within an hour.
"""
VERY_DOC = """\
# Launch notes

Clinics fill cancelled slots very quickly.

Patients like it.
"""
TBD_DOC = """\
# Launch notes

Pricing is TBD and the rollout is very soon.
"""


@pytest.fixture
def docs(write_doc: Callable[[str, str], Path]) -> dict[str, Path]:
    """Three documents for the tiny rubric: ``clean`` (ready), ``very``
    (needs-work: "very" on line 3, col 30) and ``tbd`` (not-ready)."""
    return {
        "clean": write_doc(CLEAN_DOC, "clean.md"),
        "very": write_doc(VERY_DOC, "very.md"),
        "tbd": write_doc(TBD_DOC, "tbd.md"),
    }


@pytest.fixture
def stale_quotes() -> Callable[[Any], Any]:
    """Make every quoted finding of a Review quote text the document does not
    have (an edited draft, a stale finding): what no report can anchor."""

    def stale(review: Any) -> Any:
        for criterion in review.criteria:
            for finding in criterion.findings:
                if finding.quote:
                    finding.quote = "not in the document at all"
        return review

    return stale
