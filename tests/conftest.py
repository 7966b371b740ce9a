"""Shared fixtures: real databases (SQLite file and a PostgreSQL server) and the gold folder."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
PG_ENV = "EVENTWIRE_TEST_PG_URL"
# Date ranges over the synthetic events (eventwire.store.synthetic): open ends, whole and cut weeks
# and months, a few days, a year end.
DATE_RANGES = [
    (None, None),
    (dt.date(2021, 3, 17), dt.date(2022, 2, 2)),
    (dt.date(2021, 3, 1), dt.date(2021, 3, 31)),
    (dt.date(2022, 5, 3), dt.date(2022, 5, 5)),
    (dt.date(2020, 1, 6), dt.date(2020, 2, 2)),
    (None, dt.date(2021, 7, 14)),
    (dt.date(2023, 11, 15), None),
]


def gold_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_GOLD") or REPO.parent / "shared" / "gold")


def ref_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_REF") or REPO.parent / "shared" / "ref")


def _require_shared(path: Path, variable: str) -> Path:
    """A file of the read-only shared folder beside the checkout (gold data, the PLOVER manual).

    It is not part of the project and may be absent where the project is cloned alone; then the test
    is skipped with its reason, which `scripts/run-tests` prints (pytest -rs), never silently.
    """
    if not path.exists():
        pytest.skip(f"{path} not found: the shared folder is not beside this checkout (set {variable})")
    return path


def require_gold(*parts: str) -> Path:
    return _require_shared(gold_dir().joinpath(*parts), "EVENTWIRE_GOLD")


def require_ref(*parts: str) -> Path:
    return _require_shared(ref_dir().joinpath(*parts), "EVENTWIRE_REF")


def _postgres_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"no PostgreSQL server: set {PG_ENV} (scripts/pg-test-server start prints one)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards."""
    server = _postgres_server_url()
    base, _, _ = server.rpartition("/")
    name = f"eventwire_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs against a SQLite file and a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")
