"""The two storage engines side by side: write throughput and web query latency.

Fills a fresh SQLite file and a fresh PostgreSQL database with the same generated
fictional articles and events (bench/web.py's generator: one transaction per event of
5-20 articles, as `analyze` writes one per batch), then asks the web app for the pages
people use most, in process, with the page cache off so every request runs its queries:
the home page, a filtered home page, an event page, a search page and a JSON search.

    .venv/bin/python bench/store.py [--articles 2000] [--requests 200] [--pg URL]

Without --pg the throwaway server of tools/pg-test-server.sh is started (or reused).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from fastapi.testclient import TestClient
from psycopg import sql

from storylens.store import open_store
from storylens.web.app import close, create_app
from web import PEOPLE, fill  # bench/web.py: the generated corpus

ROOT = Path(__file__).resolve().parents[1]


def _server(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("STORYLENS_TEST_PG"):
        return os.environ["STORYLENS_TEST_PG"]
    script = ROOT / "tools" / "pg-test-server.sh"
    return subprocess.run([str(script)], check=True, capture_output=True, text=True).stdout.strip()


def _fresh_database(server: str) -> tuple[str, str]:
    name = f"storylens_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name, urlunsplit(urlsplit(server)._replace(path="/" + name))


def _drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _latencies(db: str, requests: int) -> dict[str, list[float]]:
    with open_store(db) as store:
        event_ids = [r[0] for r in store.query("SELECT id FROM events ORDER BY id")]
    rng = random.Random(3)
    names = [p.split()[-1] for p in PEOPLE]
    kinds = {
        "home": lambda: "/",
        "home, filtered": lambda: f"/?actor={rng.choice(names)}&q=ferry",
        "event": lambda: f"/events/{rng.choice(event_ids)}",
        "search page": lambda: f"/search?q={rng.choice(names)}+{rng.choice(['ferry', 'said'])}",
        "api search": lambda: f"/api/search?q={rng.choice(names)}",
    }
    app = create_app(db, page_cache=0)
    out: dict[str, list[float]] = {}
    with TestClient(app) as client:
        for kind, url in kinds.items():
            client.get(url())  # warm the connection of this thread
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                answer = client.get(url())
                times.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    raise SystemExit(f"{kind}: HTTP {answer.status_code}: {answer.text[:200]}")
            out[kind] = times
    close(app)
    return out


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=200, help="per page kind")
    ap.add_argument("--pg", default=None, help="a server URL we may create databases on")
    args = ap.parse_args()
    server = _server(args.pg)
    tmp = tempfile.TemporaryDirectory(prefix="storylens-bench-store-")
    name, pg_url = _fresh_database(server)
    engines = {"sqlite": str(Path(tmp.name) / "bench.sqlite"), "postgresql": pg_url}
    rows: dict[str, tuple[float, dict[str, list[float]]]] = {}
    try:
        for engine, db in engines.items():
            started = time.perf_counter()
            fill(db, args.articles)
            rate = args.articles / (time.perf_counter() - started)
            rows[engine] = (rate, _latencies(db, args.requests))
    finally:
        _drop_database(server, name)
        tmp.cleanup()

    print(
        f"\n{args.articles:,} generated articles; {args.requests} requests per page, page cache off\n"
    )
    print("| engine | articles/s stored |")
    print("| --- | --- |")
    for engine, (rate, _) in rows.items():
        print(f"| {engine} | {rate:,.0f} |")
    print("\n| page | sqlite p50 / p95 ms | postgresql p50 / p95 ms |")
    print("| --- | --- | --- |")
    for kind in rows["sqlite"][1]:
        cells = [
            f"{_pct(rows[e][1][kind], 50):.1f} / {_pct(rows[e][1][kind], 95):.1f}" for e in engines
        ]
        print(f"| {kind} | {' | '.join(cells)} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
