"""Alembic environment: runs on the connection the service hands over (``db.upgrade``), or on
``sqlalchemy.url`` when Alembic's own command line is used (``alembic -c service/editorial/alembic.ini``)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.editorial.schema import metadata

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
