"""Alembic environment: migrations run on the connection the Store hands over."""

from __future__ import annotations

from alembic import context

from eventwire.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("eventwire migrations run through Store.migrate(), which provides the connection")

# SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
