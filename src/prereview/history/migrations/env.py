"""Alembic environment: migrations always run on a connection the store opened
(``config.attributes["connection"]``), inside the store's own transaction."""

from __future__ import annotations

from alembic import context

from prereview.history.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
context.run_migrations()
