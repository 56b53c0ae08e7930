"""Shared fixtures: where the development data lives, and small corpora we write ourselves."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from storylens.testing import shared_data


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = shared_data() / "seeds"
    if not path.is_dir():
        pytest.fail(f"the seed articles are missing: expected {path} (../shared/data/seeds)")
    return path


@pytest.fixture(scope="session")
def ecbplus_dir() -> Path:
    path = shared_data() / "ecbplus"
    if not (path / "documents.jsonl").is_file():
        pytest.fail(f"ECB+ is missing: expected {path}/documents.jsonl")
    return path


# -- PostgreSQL ----------------------------------------------------------------------
# `make test` starts a throwaway server (tools/pg-test-server.sh) and passes its DSN in
# STORYLENS_TEST_PG; every test that needs one gets a database of its own, dropped after.
PG_ENV = "STORYLENS_TEST_PG"


def pytest_report_header() -> str:
    dsn = os.environ.get(PG_ENV)
    if dsn:
        return f"postgresql: {PG_ENV}={dsn} (tests marked postgresql run on it)"
    return f"postgresql: {PG_ENV} is not set, so tests marked postgresql are SKIPPED"


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs on PostgreSQL, so `-m postgresql` selects (or drops) them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_db_url = callspec is not None and callspec.params.get("db_url") == "postgresql"
        if on_db_url or "pg_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The DSN of a server we may create databases on; PG tests fail without one in CI."""
    dsn = os.environ.get(PG_ENV)
    if not dsn:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL: set {PG_ENV} (tools/pg-test-server.sh prints it)")
        pytest.skip(f"no PostgreSQL: set {PG_ENV} to run this test (make test does)")
    try:
        psycopg.connect(dsn, connect_timeout=10).close()
    except psycopg.Error as exc:
        pytest.fail(f"{PG_ENV}={dsn} is unusable: {exc}")
    return dsn


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, as a postgresql:// URL."""
    name = f"storylens_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield urlunsplit(urlsplit(pg_server)._replace(path="/" + name))
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What `--db` is given: a SQLite file, then a PostgreSQL URL (same test, both engines)."""
    if request.param == "sqlite":
        return str(tmp_path / "test.sqlite")
    url: str = request.getfixturevalue("pg_url")
    return url
