"""History-store fixtures: a store URL on SQLite (always) and on PostgreSQL (marker
``postgres``; needs ``PREREVIEW_TEST_POSTGRES_URL``, which ``.ci/run`` sets from a
throw-away cluster, else skipped with the reason). Each test gets a fresh
database, and ``PREREVIEW_DATABASE_URL`` points at it (subprocesses too)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from prereview.history.store import dispose_engines

PG_ENV = "PREREVIEW_TEST_POSTGRES_URL"


def _postgres_database(base: str) -> Iterator[str]:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"prereview_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty store on each backend."""
    dispose_engines()
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store' / 'history.db'}"
        monkeypatch.setenv("PREREVIEW_DATABASE_URL", url)
        yield url
        dispose_engines()
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} (.ci/run starts one)")
    for url in _postgres_database(base):
        monkeypatch.setenv("PREREVIEW_DATABASE_URL", url)
        yield url


TABLES = ("documents", "revisions", "reviews", "findings", "accepted_findings")


def count_rows(url: str) -> dict[str, int]:
    """Rows per table, read on a connection of its own."""
    engine: Engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in TABLES}
    finally:
        engine.dispose()


@pytest.fixture
def rows() -> Callable[[str], dict[str, int]]:
    return count_rows
