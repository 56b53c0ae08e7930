"""A run killed with SIGKILL mid-way loses nothing and, run again, stores nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from storylens.store import is_postgres, open_store

PLACES = ["Port Salen", "Brannock", "Kessa", "Orvel", "Tamsin Bay", "Lorne"]
THINGS = ["bridge", "ferry terminal", "school", "clinic", "water plant", "rail depot"]


def _write_corpus(folder: Path, n: int) -> None:
    """n small, distinct fictional articles (our own words)."""
    folder.mkdir()
    for i in range(n):
        place, thing = PLACES[i % len(PLACES)], THINGS[(i // len(PLACES)) % len(THINGS)]
        (folder / f"a{i:03d}.txt").write_text(
            f"date 2025-0{1 + i % 9}-1{i % 10} The new {thing} in {place} opened on Monday, "
            f"officials said, after work that cost {100 + i} million crowns.\n\n"
            f"Mayor Ilse Varn{i} told reporters the {thing} would serve {1000 + 7 * i} residents.\n",
            encoding="utf-8",
        )


def _count(db: str) -> int:
    """Articles committed so far, read beside the running writer as any reader would."""
    if is_postgres(db):
        try:
            with psycopg.connect(db, autocommit=True) as pg:
                return int(pg.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
        except psycopg.errors.UndefinedTable:  # tables not created yet
            return 0
    if not Path(db).exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _analyze(corpus: Path, db: str, *, quiet_output: bool = False) -> subprocess.Popen[bytes]:
    out = subprocess.DEVNULL if quiet_output else subprocess.PIPE
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storylens",
            "analyze",
            str(corpus),
            "--db",
            db,
            "--quiet",
            "--batch-size",
            "4",
        ],
        stdout=out,
        stderr=out,
    )


@pytest.mark.slow
def test_a_run_killed_mid_way_resumes_without_losing_or_duplicating_anything(
    tmp_path: Path, db_url: str
) -> None:
    corpus, db = tmp_path / "corpus", db_url
    _write_corpus(corpus, 240)
    proc = _analyze(corpus, db, quiet_output=True)
    deadline = time.monotonic() + 120
    while _count(db) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _count(db)
    assert 8 <= stored_before < 240

    with open_store(db) as store:
        ids_before = {r[0] for r in store.query("SELECT id FROM articles")}

    rerun = _analyze(corpus, db)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    with open_store(db) as store:
        ids_after = [r[0] for r in store.query("SELECT id FROM articles")]
        inputs = store.count("inputs")
        dirty = store.get_state("dirty_events")
        grouped = store.count("event_articles")
    assert len(ids_after) == len(set(ids_after)) == 240
    assert ids_before <= set(ids_after)
    assert inputs == 240
    assert dirty is None or dirty == "[]"
    assert grouped == 240  # every article was placed in an event, none twice
