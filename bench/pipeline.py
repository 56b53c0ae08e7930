"""The whole `analyze` pipeline on ECB+: articles per second and peak memory.

Each run is a fresh subprocess with its own database, so peak RSS is the run's own; the
two-process run shows what `--workers 2` buys on this machine (compare the ratio, not the
absolute times, on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storylens.testing import shared_data


def _corpus(folder: Path, limit: int) -> Path:
    out = folder / "ecbplus.jsonl"
    with (
        (shared_data() / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as src,
        out.open("w", encoding="utf-8") as dst,
    ):
        for i, line in enumerate(src):
            if i >= limit:
                break
            doc = json.loads(line)
            dst.write(
                json.dumps({"id": doc["doc_id"], "text": doc["text"], "url": doc["url"]}) + "\n"
            )
    return out


def _run(corpus: Path, db: Path, workers: int) -> tuple[float, float]:
    code = (
        "import resource, sys, time\n"
        "from storylens.analyze import analyze\n"
        "from storylens.settings import Settings\n"
        "from storylens.store.sqlite import SQLiteStore\n"
        "t = time.perf_counter()\n"
        f"store = SQLiteStore({str(db)!r})\n"
        f"r = analyze([{str(corpus)!r}], store, Settings(workers={workers}))\n"
        "dt = time.perf_counter() - t\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(r.new, dt, max(own, kids))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    new, seconds, rss_kb = out.stdout.split()
    return int(new) / float(seconds), int(rss_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=772, help="ECB+ articles to analyse (max 772)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = _corpus(folder, args.n)
        started = time.perf_counter()
        rows = [(w, *_run(corpus, folder / f"w{w}.sqlite", w)) for w in (1, 2)]
        total = time.perf_counter() - started
    print(f"whole pipeline on {args.n} ECB+ articles (read, clean, nlp, events, comparison)")
    print(f"{'workers':>7} | {'articles/s':>10} | {'peak RSS MB':>11}")
    for workers, rate, rss in rows:
        print(f"{workers:>7} | {rate:>10.1f} | {rss:>11.0f}")
    print(f"2 workers vs 1: {rows[1][1] / rows[0][1]:.2f}x   (bench took {total:.0f}s)")


if __name__ == "__main__":
    main()
