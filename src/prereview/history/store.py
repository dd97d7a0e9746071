"""Where the history lives and how it is opened: a SQLite file under
``PREREVIEW_HOME`` by default (WAL, busy timeout, every transaction ``BEGIN
IMMEDIATE`` so concurrent writers queue instead of failing), or any SQLAlchemy URL
from ``PREREVIEW_DATABASE_URL`` (PostgreSQL through psycopg 3 for a team).

The schema is migrated with the shipped Alembic revisions on first use, inside
one transaction (serialised by the SQLite write lock or a PostgreSQL advisory
lock); an older database is upgraded, never recreated, and a database written by
a newer prereview is refused.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from prereview.errors import PrereviewError
from prereview.home import prereview_home

DATABASE_ENV = "PREREVIEW_DATABASE_URL"
DB_FILE = "history.db"
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_REVISIONS = ("0001", "0002")
"""The shipped Alembic revisions in order (a test checks them against the
scripts): an up-to-date store is recognised without importing Alembic."""
_PG_LOCK = 0x70726576  # "prev": the advisory lock id migrations take on PostgreSQL

T = TypeVar("T")


class StoreError(PrereviewError):
    """The history store cannot be used (bad URL, newer schema, unreachable)."""


def database_url() -> str:
    """``$PREREVIEW_DATABASE_URL``, else ``sqlite:///$PREREVIEW_HOME/history.db``."""
    raw = os.environ.get(DATABASE_ENV, "").strip()
    if raw:
        if raw.startswith("postgresql://") or raw.startswith("postgres://"):
            raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
        return raw
    return f"sqlite:///{prereview_home() / DB_FILE}"


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparsable database URL>"


def _create_private_file(path: Path) -> None:
    """The SQLite file (and its folder) created readable by the owner only, before
    SQLite opens it; SQLite gives the -wal and -shm files the same mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        _create_private_file(Path(database))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Take the write lock up front: a deferred transaction that reads and then
        # writes can fail with "database is locked" without waiting. A read
        # (``read``) takes none: under WAL it sees the last commit and never
        # waits for a writer.
        reading = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


_ENGINES: dict[tuple[str, int], Engine] = {}
_LOCK = threading.Lock()


def build_engine(url: str) -> Engine:
    """An engine with the store's connection settings, not yet migrated."""
    try:
        if make_url(url).get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:
        raise StoreError(f"history store {describe(url)}: {exc}") from None


def get_engine(url: str | None = None) -> Engine:
    """One migrated engine per URL per process (a forked worker makes its own)."""
    url = url or database_url()
    key = (url, os.getpid())
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = build_engine(url)
            migrate(engine)
            _ENGINES[key] = engine
    return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests, and before a process exits)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema to ``target`` in one transaction; refuse a database whose
    revision this prereview does not know (written by a newer one)."""
    if target == "head" and _schema_is_current(engine):
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            config = _alembic_config(connection)
            current = current_revision(connection)
            known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
            if current is not None and current not in known:
                raise StoreError(
                    f"history store {describe(str(engine.url))}: schema revision {current} "
                    f"is from a newer prereview (this one knows up to {head_revision()}); "
                    "upgrade prereview or set PREREVIEW_DATABASE_URL to another store"
                )
            if target == "head" and current == head_revision():
                return
            command.upgrade(config, target)
    except StoreError:
        raise
    except (OperationalError, CommandError) as exc:
        raise StoreError(f"history store {describe(str(engine.url))}: "
                         f"{str(exc).splitlines()[0]}") from None


def _schema_is_current(engine: Engine) -> bool:
    """The cheap check every process makes: one SELECT, no Alembic import."""
    try:
        with engine.connect() as connection:
            version = connection.execute(
                text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
            connection.rollback()
    except Exception:
        return False
    return version == SCHEMA_REVISIONS[-1]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short transaction: committed on success, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


READ_ONLY = "prereview_read_only"
"""The execution option that marks a connection as reading only (``read``)."""


def read(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` on a connection that only reads: Core statements, no ORM
    session, no write lock (the batch board asks the store once per document,
    and most of that cost was the session and the lock, not the query)."""
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            try:
                return work(connection)
            finally:
                connection.rollback()
    except OperationalError as exc:
        raise StoreError(f"history store {describe(str(engine.url))}: "
                         f"{str(exc.orig).splitlines()[0]}") from None


def transact(engine: Engine, work: Callable[[Session], T], attempts: int = 8) -> T:
    """Run ``work`` in one transaction, retried when a concurrent writer inserted
    the same document/revision first (a unique constraint) or the database was
    busy: the retry then finds their row."""
    for attempt in range(attempts):
        try:
            with session_scope(engine) as session:
                return work(session)
        except (IntegrityError, OperationalError) as exc:
            retryable = isinstance(exc, IntegrityError) or "locked" in str(exc) or (
                "deadlock" in str(exc).lower() or "serializ" in str(exc).lower())
            if not retryable or attempt == attempts - 1:
                raise StoreError(f"history store {describe(str(engine.url))}: "
                                 f"{str(exc.orig).splitlines()[0]}") from None
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")
