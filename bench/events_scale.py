"""Event-stage cost at 10k, 30k and 100k articles: seconds and peak memory per size.

Corpora are built from the ECB+ event features (bench/events.py caches the parsed
articles): each copy of the corpus is re-dated to another year (the years
its text names shift with it), its words lightly perturbed, its people renamed and its
sums changed, so copies are look-alike events years apart, as in a
long-running news archive. ECB+ texts carry no publication dates, and neither do the
copies (30% have no event day either): the clusterer's publication window never bounds
them, so blocking alone keeps the candidates few and copies of one story years apart can
merge into large events, the hard case for a long incremental run. Each size runs in a
fresh process so peak RSS is its own.

    .venv/bin/python bench/events_scale.py [--sizes 10000,30000,100000] [--incremental]

`--incremental` places the articles as `storylens analyze` does, in publication order,
batch by batch (64 articles, each batch counted and then placed with
`Clusterer.place_batch`), instead of one batch clustering.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import load
from storylens.events import EventFeatures, cluster, features
from storylens.events.grouping import Clusterer
from storylens.nlp.temporal import annotate
from storylens.settings import Settings

BASE = date(2000, 1, 1).toordinal()


def corpus(size: int, seed: int = 0) -> list[EventFeatures]:
    arts, gold, _ = load(Path("/tmp/storylens-ecb"))
    for a in arts:
        annotate(a)
    base = [features(a) for a in arts]
    rng = random.Random(seed)
    out: list[EventFeatures] = []
    copy = 0
    while len(out) < size:
        offset = {g: rng.randrange(0, 25 * 365) for g in sorted(set(gold.values()))}
        for f in base:
            if len(out) >= size:
                break
            day = BASE + offset[gold[f.article]] + rng.randrange(0, 3)
            year = date.fromordinal(day).year
            tag = f"{copy}x"
            terms = {t: w * rng.uniform(0.8, 1.2) for t, w in f.terms.items() if rng.random() > 0.1}
            names = {t + tag if t in f.persons else t: w for t, w in f.names.items()}
            lead = {t + tag if t in f.persons else t: w for t, w in f.lead.items()}
            caps = {t + tag if t in f.persons else t: w for t, w in f.caps.items()}
            shift = year - (f.latest_year or max(f.years, default=year))
            out.append(
                EventFeatures.from_dict(
                    {
                        **f.to_dict(),
                        "article": f"{f.article}#{copy}",
                        "terms": terms,
                        "names": names,
                        "lead": lead,
                        "persons": [p + tag for p in f.persons],
                        "caps": caps,
                        "numbers": [n + tag for n in f.numbers],  # another event's sums
                        "years": sorted({y + shift for y in f.years}),
                        "day": day if rng.random() < 0.7 else None,  # some stay undated
                        "date": None,
                        "anchor_year": year,
                        "latest_year": year,
                    }
                )
            )
        copy += 1
    return out


def incremental(feats: list[EventFeatures], batch: int = 64) -> list[list[str]]:
    """Articles placed as `analyze` places them: by publication, one batch at a time."""
    ordered = sorted(feats, key=lambda f: (f.day is None, f.day or 0, f.article))
    c = Clusterer(Settings())
    for i in range(0, len(ordered), batch):
        part = ordered[i : i + batch]
        c.count(part)
        c.place_batch(part)
    return c.groups()


def one(size: int, step_by_step: bool) -> None:
    feats = corpus(size)
    t0 = time.perf_counter()
    groups = incremental(feats) if step_by_step else cluster(feats, Settings())
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"size": size, "seconds": secs, "peak_mb": peak_mb, "events": len(groups)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--incremental", action="store_true", help="batch by batch, as analyze")
    ap.add_argument("--one", type=int)
    args = ap.parse_args()
    if args.one:
        one(args.one, args.incremental)
        return
    print("incremental, batches of 64" if args.incremental else "batch clustering")
    print("| articles | seconds | ms/article | peak MB | events |")
    print("|---------:|--------:|-----------:|--------:|-------:|")
    first = None
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                *(["--incremental"] if args.incremental else []),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        per = 1000 * r["seconds"] / size
        first = first or per
        print(
            f"| {size:>8} | {r['seconds']:7.1f} | {per:10.2f} | {r['peak_mb']:7.0f} | {r['events']:>6} |"
        )
    print(f"time per article, largest vs smallest: {per / first:.2f}x")


if __name__ == "__main__":
    main()
