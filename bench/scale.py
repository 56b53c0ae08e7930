"""The whole `analyze` on 20,000+ generated articles: single process vs Spark.

The corpus is ECB+ and the bundled sample corpus, copied across 25 years: each copy of
an event gets another date (its reports are published within three days of it), years
named in the text move with it, every name mid-sentence (people, places, organisations;
not weekdays or months) gets a copy-specific suffix, and a few common words are swapped,
so copies are look-alike events years apart, as in a long archive: the same kind of
thing happening again, to other people, elsewhere. Articles are cut to their first ~600 characters so a run takes minutes. The file
is in publication order, as an archive is usually ingested.

Each engine runs in a fresh subprocess with its own database; peak memory is the
largest sum of RSS over that process and all its descendants (the JVM and the Python
workers for Spark), sampled from /proc every 0.2 s. B-cubed compares each run's events
with the single-process `--workers 1` run's, by article id.

    .venv/bin/python bench/scale.py [--n 20000] [--runs single1,single2,spark1,spark2]
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from storylens.evaluate.metrics import bcubed, groups
from storylens.ingest import read_paths
from storylens.records import Article
from storylens.settings import Settings
from storylens.testing import shared_data

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "storylens" / "sample" / "corpus"
SWAPS = {
    "said": "stated",
    "police": "officers",
    "killed": "left dead",
    "people": "residents",
    "announced": "declared",
    "Tuesday": "Wednesday",
    "reported": "noted",
}
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,})\b")  # a capitalised word mid-sentence
_CALENDAR = {*calendar.day_name, *calendar.month_name[1:]}  # English in the C locale


def _short(text: str, limit: int = 600) -> str:
    out = ""
    for line in text.splitlines():
        if len(out) + len(line) > limit and out:
            break
        out += line + "\n"
    return out.strip()


def _base() -> list[tuple[str, str, str | None, str | None, int | None]]:
    """(event, text, title, outlet, year) of every source article."""
    docs = []
    with (shared_data() / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append((f"ecb{d['subtopic']}", _short(d["text"]), None, None, None))
    for art in read_paths([str(SAMPLE)], Settings()):
        if isinstance(art, Article) and art.raw.strip():
            year = int(art.published[:4]) if art.published else None
            docs.append(
                (
                    f"sample{art.published or art.source}",
                    _short(art.raw, 900),
                    art.title,
                    art.outlet,
                    year,
                )
            )
    return docs


def _rewrite(text: str, rng: random.Random, years: int, tag: str) -> str:
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    if tag:  # another year's look-alike event happens to other people in other places
        text = _NAME.sub(
            lambda m: m.group(1) if m.group(1) in _CALENDAR else m.group(1) + tag, text
        )
    words = text.split(" ")
    for i, w in enumerate(words):
        if w in SWAPS and rng.random() < 0.5:
            words[i] = SWAPS[w]
    return " ".join(words)


def generate(n: int, path: Path, seed: int = 0) -> int:
    """Write n articles as JSON Lines in publication order; return the number of events."""
    rng = random.Random(seed)
    base = _base()
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, (ev, *_rest) in enumerate(base):
        by_event[ev].append(i)
    rows: list[tuple[str, dict[str, str | None]]] = []
    copy, events = 0, 0
    while len(rows) < n:
        for ev in sorted(by_event):
            if len(rows) >= n:
                break
            events += 1
            day = date(2000, 1, 1) + timedelta(days=rng.randrange(0, 25 * 365))
            tag = "" if copy == 0 else "abcdefghijklmnopqrstuvwxyz"[copy % 26] * (1 + copy // 26)
            for i in by_event[ev]:
                if len(rows) >= n:
                    break
                _, text, title, outlet, year = base[i]
                shift = day.year - (year or 2008)
                published = day + timedelta(days=rng.randrange(0, 3))
                body = _rewrite(text, rng, shift, tag)
                if outlet:
                    body = f"{body}\n\n{outlet} staff"
                rows.append(
                    (
                        published.isoformat(),
                        {
                            "id": f"g{len(rows)}",
                            "title": title,
                            "text": body,
                            "published": published.isoformat(),
                        },
                    )
                )
        copy += 1
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[0])
    with path.open("w", encoding="utf-8") as fh:
        for _, row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return events


def _tree_rss(pid: int) -> int:
    """Summed RSS (bytes) of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        children[int(fields[1])].append(p)
        rss[p] = int(fields[21]) * 4096
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def _run(corpus: Path, db: Path, engine: str, cores: int, partition: int) -> tuple[float, float]:
    """Articles per second and peak tree RSS (MB) of one `storylens analyze` run."""
    cmd = [sys.executable, "-m", "storylens", "analyze", str(corpus), "--db", str(db), "--quiet"]
    if engine == "spark":
        cmd += [
            "--engine",
            "spark",
            "--spark-master",
            f"local[{cores}]",
            "--partition-size",
            str(partition),
        ]
    else:
        cmd += ["--workers", str(cores)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            peak = max(peak, _tree_rss(proc.pid))

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    stop.set()
    watcher.join()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return stored / seconds, peak / 1e6


def _events(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT article_id, event_id FROM event_articles"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--n", type=int, default=20_000, help="articles to generate (default 20000)"
    )
    parser.add_argument("--runs", default="single1,single2,spark1,spark2")
    parser.add_argument("--partition-size", type=int, default=128)
    parser.add_argument("--keep", default=None, help="keep the corpus and databases in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / f"scale-{args.n}.jsonl"
        events = generate(args.n, corpus)
        print(
            f"{args.n} generated articles, {events} source events, {corpus.stat().st_size / 1e6:.1f} MB"
        )
        rows = []
        started = time.perf_counter()
        for run in args.runs.split(","):
            engine, cores = run[:-1], int(run[-1])
            db = folder / f"{run}.sqlite"
            db.unlink(missing_ok=True)
            for extra in ("-wal", "-shm"):
                Path(f"{db}{extra}").unlink(missing_ok=True)
            rate, peak = _run(corpus, db, engine, cores, args.partition_size)
            rows.append((run, rate, peak, db))
            print(f"  {run}: {rate:.1f} articles/s, peak {peak:.0f} MB", flush=True)
        total = time.perf_counter() - started
        _table(rows, total)


def _table(rows: list[tuple[str, float, float, Path]], total: float) -> None:
    by = {r[0]: r for r in rows}
    reference = _events(by["single1"][3]) if "single1" in by else None
    names = {
        "single1": "single process, --workers 1",
        "single2": "single process, --workers 2",
        "spark1": "spark local[1]",
        "spark2": "spark local[2]",
    }
    print()
    print("| engine | articles/s | peak RSS MB (tree) | B-cubed F1 vs single --workers 1 |")
    print("| --- | --- | --- | --- |")
    for run, rate, peak, db in rows:
        b3 = f"{100 * bcubed(groups(reference), groups(_events(db))).f1:.2f}" if reference else "-"
        print(f"| {names.get(run, run)} | {rate:.1f} | {peak:.0f} | {b3} |")
    if "spark1" in by and "spark2" in by:
        print(f"spark local[2] vs local[1]: {by['spark2'][1] / by['spark1'][1]:.2f}x")
    if "single1" in by and "single2" in by:
        print(f"single --workers 2 vs 1: {by['single2'][1] / by['single1'][1]:.2f}x")
    print(f"(bench took {total:.0f} s)")


if __name__ == "__main__":
    main()
