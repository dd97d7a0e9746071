"""The schema is versioned: a revision-1 database with rows is upgraded and keeps
them, a newer one is refused in one line, the models match the head revision,
and the SQLite file is private."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from prereview import engine
from prereview.history import Tracking
from prereview.history.models import Base
from prereview.history.queries import document_history
from prereview.history.store import (
    StoreError,
    build_engine,
    current_revision,
    dispose_engines,
    get_engine,
    head_revision,
    migrate,
)

REVISION_1_ROWS = [
    "INSERT INTO documents (id, doc_key, key_source, created_at) "
    "VALUES (1, 'old-doc', 'front-matter', '2026-01-02 03:04:05')",
    "INSERT INTO revisions (id, document_id, number, sha256, path, title, author, words, "
    "blocks, created_at) VALUES (1, 1, 1, 'aa', '/old/doc.md', 'Old doc', 'Ada', 12, "
    "'[]', '2026-01-02 03:04:05')",
    "INSERT INTO reviews (id, revision_id, created_at, rubric_id, rubric_version, "
    "prereview_version, model, score, verdict, criteria, previous_review_id, resolved, new, "
    "persisting, delta) VALUES (1, 1, '2026-01-02 03:04:05', 'tiny', 'v0', '0.0.9', '', 50.0, "
    "'not-ready', :criteria, NULL, 0, 0, 0, '{}')",
    "INSERT INTO findings (id, review_id, position, criterion, severity, source, message, "
    "quote, anchor, fingerprint, change, settled) VALUES (1, 1, 0, 'tiny.no-tbd', 'blocker', "
    "'rule', 'TBD found', 'TBD', NULL, 'f00d', NULL, NULL)",
]


def test_revision_1_database_is_upgraded_and_keeps_its_rows(
    store_url: str, rows: Callable[[str], dict[str, int]], tiny_rubric: Path,
    write_doc: Callable[[str, str], Path],
) -> None:
    old = build_engine(store_url)
    migrate(old, target="0001")
    with old.begin() as conn:
        assert current_revision(conn) == "0001"
        for sql in REVISION_1_ROWS:
            conn.execute(text(sql), {"criteria": json.dumps({"tiny.no-tbd": "failed"})})
    old.dispose()

    upgraded = get_engine(store_url)  # first use migrates
    with upgraded.connect() as conn:
        assert current_revision(conn) == head_revision() == "0002"
    assert rows(store_url) == {"documents": 1, "revisions": 1, "reviews": 1, "findings": 1,
                               "accepted_findings": 0}
    history = document_history("old-doc")
    assert [(e.revision, e.score, e.author, e.criteria) for e in history.reviews] == [
        (1, 50.0, "Ada", {"tiny.no-tbd": "failed"})]
    # and it goes on recording: the next draft of the same doc_id is revision 2
    path = write_doc("---\ndoc_id: old-doc\n---\n# Old doc\n\nPricing is TBD.\n", "doc.md")
    review = engine.run(path, tiny_rubric, tracking=Tracking()).review
    assert review.history is not None and review.history.revision == 2
    assert review.history.previous_score == 50.0 and review.history.rubric_changed


def test_shipped_revisions_are_listed_in_the_store() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from prereview.history.store import MIGRATIONS, SCHEMA_REVISIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    walked = [s.revision for s in ScriptDirectory.from_config(config).walk_revisions()]
    assert tuple(reversed(walked)) == SCHEMA_REVISIONS


def test_models_match_the_head_migration(store_url: str) -> None:
    engine_ = get_engine(store_url)
    with engine_.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_newer_schema_is_refused_in_one_line(
    tmp_path: Path, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    get_engine(url)
    dispose_engines()
    raw = build_engine(url)
    with raw.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    raw.dispose()
    try:
        get_engine(url)
    except StoreError as exc:
        assert "schema revision 0099 is from a newer prereview" in str(exc)
    else:
        raise AssertionError("a newer schema was accepted")
    doc = write_doc("# Notes\n\nAll good.\n", "doc.md")
    proc = subprocess.run(
        [sys.executable, "-m", "prereview.cli", "review", "--fast", str(doc)],
        capture_output=True, text=True, env={**_env(), "PREREVIEW_DATABASE_URL": url},
        check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("prereview: error: ")
    assert "newer prereview" in proc.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def test_sqlite_file_is_private(tmp_path: Path) -> None:
    db = tmp_path / "home" / "history.db"
    get_engine(f"sqlite:///{db}")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    with get_engine(f"sqlite:///{db}").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
