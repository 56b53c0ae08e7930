"""How fast the readers are, and whether their memory stays flat as the corpus grows.

Prints one table: articles/s and peak memory for plain text, JSON Lines and HTML, read
alone and read + `clean.v1`, on ECB+ (written out in a temp dir as .txt files, one .jsonl
and HTML pages with navigation, ads and comments around the text) and on a generated
corpus of N articles (ECB+ sentences recombined with random dates and outlets). For HTML
it also times trafilatura alone on the same pages: our reading should stay within 1.25x.

Each measurement runs in its own single-threaded subprocess, so peak RSS (ru_maxrss)
belongs to that phase alone, and rates are per CPU second of that process (the machine is
shared, so wall time would measure the neighbours); "growth" is peak RSS minus RSS after imports. Reading the
first N/10 and then all N articles of the same corpus shows whether memory is flat.

    .venv/bin/python bench/ingest.py --n 20000        # the figures in the report
    .venv/bin/python bench/ingest.py --quick          # a smoke run (N=2000)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storylens.testing import shared_data

OUTLETS = ("The Valley Courier", "Harbor Daily", "Northern Ledger", "Metro Wire", "Coastal Times",
           "The Evening Sentinel", "Plains Gazette", "Capital Observer")  # fmt: skip
TARGET_ARTICLES_PER_S = 1000
TARGET_HTML_RATIO = 1.25

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}T09:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad advertisement">Sponsored: the best deals of the week, click here</div>
<main><article><h1>{title}</h1>
{paragraphs}
</article></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story</a></li>
<li><a href="/b">A third story</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Interesting read, thanks. posted by a reader</p></div></section>
<footer><p>Copyright {year} {outlet}. All rights reserved.</p></footer>
</body></html>
"""


# -- corpora -------------------------------------------------------------------------


def ecb_documents() -> list[dict[str, Any]]:
    path = shared_data() / "ecbplus" / "documents.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def generated(docs: list[dict[str, Any]], n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """N fictional articles: ECB+ sentences recombined, with random dates and outlets."""
    sentences = [s for d in docs for s in d["text"].split("\n") if len(s) > 30]
    rng = random.Random(seed)
    for i in range(n):
        picked = rng.sample(sentences, rng.randint(8, 25))
        yield {
            "id": f"gen-{i:06d}",
            "title": picked[0][:80],
            "text": "\n\n".join(picked),
            "published": f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "outlet": rng.choice(OUTLETS),
        }


def from_ecb(docs: list[dict[str, Any]], seed: int = 11) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for doc in docs:
        lines = doc["text"].split("\n")
        yield {
            "id": doc["doc_id"],
            "title": lines[0][:80],
            "text": "\n\n".join(lines),
            "published": f"{rng.randint(2000, 2014)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "outlet": rng.choice(OUTLETS),
        }


def write_corpus(root: Path, articles: Iterator[dict[str, str]], html_limit: int) -> None:
    """The same articles as .txt files (with a date token), one .jsonl, and HTML pages."""
    (root / "txt").mkdir(parents=True)
    (root / "html").mkdir()
    with (root / "all.jsonl").open("w", encoding="utf-8") as jsonl:
        for i, art in enumerate(articles):
            name = f"{i // 1000:03d}/{i:06d}"
            txt = root / "txt" / f"{name}.txt"
            txt.parent.mkdir(exist_ok=True)
            txt.write_text(f"date {art['published']} {art['text']}\n", encoding="utf-8")
            jsonl.write(json.dumps(art) + "\n")
            if i < html_limit:
                page = root / "html" / f"{name}.html"
                page.parent.mkdir(exist_ok=True)
                paragraphs = "\n".join(f"<p>{p}</p>" for p in art["text"].split("\n\n"))
                page.write_text(
                    PAGE.format(title=art["title"], outlet=art["outlet"], date=art["published"],
                                year=art["published"][:4], paragraphs=paragraphs),
                    encoding="utf-8",
                )  # fmt: skip


# -- one measured phase, in a subprocess --------------------------------------------


def phase(kind: str, path: str, limit: int) -> dict[str, Any]:
    """Run one measurement in this process and return its figures."""
    from storylens.ingest import read_paths
    from storylens.ingest.webpage import parse_html
    from storylens.settings import Settings

    pipeline = None
    if kind == "clean":
        try:
            import storylens.clean  # noqa: F401  (registers clean.v1)
            from storylens.pipeline import Pipeline

            pipeline = Pipeline(["clean.v1"])
        except Exception as exc:
            return {"unavailable": f"clean.v1 not available ({type(exc).__name__})"}
    # warm up: trafilatura loads its fallback extractors on the first short page
    for words in (40, 3):
        parse_html("warm-up", PAGE.format(title="t", outlet="o", date="2020-01-01", year="2020",
                                          paragraphs="<p>" + "warm up words " * words + "</p>"))  # fmt: skip
    if pipeline is not None:  # models and tables a stage loads once are not per-article cost
        from storylens.records import Article

        warm = "On Monday the council said the bridge would reopen. " * 20
        list(pipeline.run([Article(source="warm-up.txt", raw=warm)]))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    count = rejected = 0
    if kind == "bare":
        count = bare_extract(path, limit)
    else:
        items = itertools.islice(read_paths([path], Settings()), limit)
        stream = pipeline.run(items) if pipeline is not None else items
        for item in stream:
            count += 1
            rejected += type(item).__name__ == "Rejected"
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "count": count,
        "rejected": rejected,
        "seconds": seconds,
        "base_kb": base,
        "peak_kb": peak,
    }


def bare_extract(directory: str, limit: int) -> int:
    """trafilatura alone, with the options our reader uses, on the same files."""
    from trafilatura import bare_extraction

    count = 0
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if count >= limit:
                return count
            data = Path(root, name).read_bytes()
            bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False,
                            favor_precision=True,
                            date_extraction_params={"extensive_search": False, "original_date": True})  # fmt: skip
            count += 1
    return count


def measure(kind: str, path: Path, limit: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    cmd = [sys.executable, __file__, "--phase", kind, "--path", str(path), "--limit", str(limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"unavailable": f"failed: {done.stderr.strip().splitlines()[-1:]}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the table -----------------------------------------------------------------------


def rate(r: dict[str, Any]) -> str:
    if "unavailable" in r:
        return str(r["unavailable"])
    return f"{r['count'] / r['seconds']:,.0f}/s" if r["seconds"] else "-"


def memory(r: dict[str, Any]) -> str:
    if "unavailable" in r:
        return "-"
    return f"{r['peak_kb'] / 1024:.0f} MB (+{(r['peak_kb'] - r['base_kb']) / 1024:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="size of the generated corpus")
    parser.add_argument("--html-n", type=int, default=None,
                        help="HTML pages in the generated corpus (default min(N, 5000): extraction is slow)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="a smoke run: N=2000")
    parser.add_argument(
        "--formats", default="text,jsonl,html", help="comma-separated subset to measure"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.path, args.limit)))
        return
    n = 2000 if args.quick else args.n
    html_n = args.html_n or min(n, 500 if args.quick else 5000)
    docs = ecb_documents()
    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as tmp:
        t0 = time.perf_counter()
        write_corpus(Path(tmp, "ecb"), from_ecb(docs), len(docs))
        write_corpus(Path(tmp, "gen"), generated(docs, n), html_n)
        print(f"corpora written in {time.perf_counter() - t0:.0f}s "
              f"(ECB+: {len(docs)} articles; generated: N={n:,}, HTML {html_n:,})\n")  # fmt: skip
        rows = []
        for corpus, size_html in (("ecb", len(docs)), ("gen", html_n)):
            size = len(docs) if corpus == "ecb" else n
            for fmt, sub, count in (("text", "txt", size), ("jsonl", "all.jsonl", size),
                                    ("html", "html", size_html)):  # fmt: skip
                if fmt not in args.formats.split(","):
                    continue
                path = Path(tmp, corpus, sub)
                sizes = [count] if corpus == "ecb" else [max(1, count // 10), count]
                for k in sizes:
                    read = measure("read", path, k)
                    clean = measure("clean", path, k)
                    bare = measure("bare", path, k) if fmt == "html" else None
                    ratio = (f"{read['seconds'] / bare['seconds']:.2f}x"
                             if bare and "unavailable" not in bare and "unavailable" not in read else "")  # fmt: skip
                    rows.append((corpus, fmt, f"{k:,}", rate(read), memory(read), rate(clean),
                                 memory(clean), rate(bare) if bare else "", ratio,
                                 str(read.get("rejected", "-"))))  # fmt: skip
                    print_row(rows[-1], header=len(rows) == 1)
        print(f"\ntargets: text and jsonl read+clean >= {TARGET_ARTICLES_PER_S:,}/s on one core; "
              f"html read within {TARGET_HTML_RATIO}x of trafilatura alone; peak memory flat from N/10 to N")  # fmt: skip


COLUMNS = ("corpus", "format", "articles", "read", "read peak RSS", "read+clean.v1",
           "read+clean peak RSS", "trafilatura alone", "ours/alone", "rejected")  # fmt: skip
WIDTHS = (6, 6, 8, 10, 15, 30, 19, 17, 10, 8)


def print_row(row: tuple[str, ...], header: bool) -> None:
    if header:
        print(" | ".join(c.ljust(w) for c, w in zip(COLUMNS, WIDTHS, strict=True)))
        print("-|-".join("-" * w for w in WIDTHS))
    print(" | ".join(c.ljust(w) for c, w in zip(row, WIDTHS, strict=True)), flush=True)


if __name__ == "__main__":
    main()
