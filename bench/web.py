"""Web latency at scale: home, event and search pages under 20 concurrent clients.

Fills a database with generated fictional articles (default 100,000, in events of 5-20
articles, each event a full storylens/v1 object with claims, quotes, figures and
framing whose offsets are right), starts `storylens serve` on it in its own process on
127.0.0.1, and drives it with a bounded asyncio client: a fixed number of requests per
page kind, a time limit, loopback only. Prints p50/p95/p99 per page kind, with the server's page cache and without it.
Target: p95 < 100 ms for the home and event pages.

    .venv/bin/python bench/web.py [--articles 100000] [--requests 2000] [--clients 20]
                                  [--db FILE (reused if it exists)] [--seconds 120]
                                  [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from storylens.records import Article, Removal
from storylens.store import open_store
from storylens.store.sqlite import SQLiteStore

OUTLETS = [
    "Harbor Wire",
    "The Meridian Post",
    "Valdoria State News Agency",
    "Coastline Daily",
    "Northgate Observer",
    "Pulse24 Now",
    "Ferrous Notes",
    "Brannock Ledger",
    "Salen Evening Star",
    "Kestrel Broadcasting",
    "Tarrow Island Gazette",
    None,
]
PEOPLE = [
    "Tomas Reyvik",
    "Adaeze Morlan",
    "Petra Ilsung",
    "Oren Vash",
    "Dario Menck",
    "Lisa Farrow",
    "Hana Obuya",
    "Anselm Bree",
    "Ines Korda",
    "Jonas Pell",
]
PLACES = ["Port Salen", "Brannock", "Tarrow", "Esk", "the coast road crossing"]
THINGS = [
    "a joint border commission",
    "new fishing quotas",
    "a harbour expansion",
    "a ferry safety review",
    "emergency repairs",
    "a wage agreement",
    "a trade corridor",
    "an inquiry into the fire",
    "a seismic survey",
    "a ceasefire monitoring team",
]
VERBS = ["announced", "agreed", "rejected", "proposed", "postponed", "confirmed", "denied"]
WHAT = ["killed", "injured", "arrested", "evacuated", "rescued"]
FILLER = [
    "Officials gave no further details.",
    "The talks lasted several hours.",
    "Residents described a tense atmosphere.",
    "Observers called the move significant.",
    "The statement was read out at a press conference.",
    "More meetings are planned.",
]


def _article(
    rng: random.Random, n: int, ev: dict[str, Any], day: str, outlet: str | None
) -> tuple[Article, dict[str, Any]]:
    """One generated report of `ev`, and where its claims, quote and figure are."""
    claims = [f"{ev['who']} {ev['verb']} {t} in {ev['place']}." for t in ev["things"]]
    mine = rng.sample(range(len(claims)), k=rng.randint(1, len(claims)))
    figure = f"{ev['count'] + rng.choice([0, 0, 0, 2])} people were {ev['what']}"
    quote = f'"We will not accept {rng.choice(THINGS)}," {ev["other"]} said.'
    parts = [f"PORT SALEN, story {n}. "]
    spans: dict[str, Any] = {"claims": {}, "figure": None, "quote": None}
    for i in mine:
        start = sum(len(p) for p in parts)
        parts.append(claims[i] + " ")
        spans["claims"][i] = (start, start + len(claims[i]))
    for _ in range(rng.randint(4, 9)):
        parts.append(rng.choice(FILLER) + " ")
    start = sum(len(p) for p in parts)
    parts.append(figure + ". ")
    spans["figure"] = (start, start + len(figure), figure.split()[0])
    start = sum(len(p) for p in parts)
    parts.append(quote + " ")
    spans["quote"] = (start + 1, start + quote.index('," '))
    for _ in range(rng.randint(3, 8)):
        parts.append(rng.choice(FILLER) + " ")
    text = "".join(parts).strip()
    art = Article(
        source=f"generated/{n}.txt",
        id=f"g{n:07d}",
        text=text,
        outlet=outlet,
        outlet_evidence="generated" if outlet else None,
        title=claims[mine[0]],
        published=day,
        published_basis="header",
        language="en",
        removed=[Removal(text="Share this story", reason="boilerplate")],
        sentences=[(0, len(text))],
    )
    return art, spans


def fill(db: Path | str, total: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = time.perf_counter()
    with open_store(db) as store:  # a SQLite file or a postgresql:// URL (bench/store.py)
        n = eid = 0
        while n < total:
            size = min(rng.randint(5, 20), total - n)
            eid += 1
            day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            who, other = rng.sample(PEOPLE, 2)
            ev = {
                "who": who,
                "other": other,
                "verb": rng.choice(VERBS),
                "place": rng.choice(PLACES),
                "things": rng.sample(THINGS, rng.randint(3, 6)),
                "count": rng.randint(2, 400),
                "what": rng.choice(WHAT),
            }
            arts, spans = [], []
            for _ in range(size):
                art, sp = _article(rng, n, ev, day, rng.choice(OUTLETS))
                arts.append(art)
                spans.append(sp)
                n += 1
            store.put_articles([(f"in-{a.id}", a) for a in arts])
            store.put_events([_event(eid, ev, day, arts, spans)])
            if eid % 500 == 0:
                print(
                    f"  {n:,} articles, {eid:,} events ({time.perf_counter() - start:.0f} s)",
                    file=sys.stderr,
                )
    print(
        f"filled {db} with {total:,} articles in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )


def _event(
    eid: int, ev: dict[str, Any], day: str, arts: list[Article], spans: list[dict[str, Any]]
) -> dict[str, Any]:
    claims = []
    for i, text in enumerate(
        f"{ev['who']} {ev['verb']} {t} in {ev['place']}." for t in ev["things"]
    ):
        ms = [
            {"article": a.id, "start": s["claims"][i][0], "end": s["claims"][i][1]}
            for a, s in zip(arts, spans, strict=True)
            if i in s["claims"]
        ]
        outlets = list(
            dict.fromkeys(a.outlet for a, s in zip(arts, spans, strict=True) if i in s["claims"])
        )
        claims.append(
            {
                "id": f"c{i + 1}",
                "text": text,
                "mentions": ms,
                "outlets": outlets,
                "independent_sources": len(outlets),
                "status": "corroborated" if len(outlets) > 1 else "single-source",
            }
        )
    values = sorted({s["figure"][2] for s in spans})
    figures = [
        {
            "what": ev["what"],
            "value": int(v),
            "qualifier": None,
            "unit": "people",
            "mentions": [
                {"article": a.id, "start": s["figure"][0], "end": s["figure"][1]}
                for a, s in zip(arts, spans, strict=True)
                if s["figure"][2] == v
            ],
            "conflict": len(values) > 1,
        }
        for v in values
    ]
    return {
        "id": f"ev{eid:06d}",
        "title": claims[0]["text"],
        "articles": [a.id for a in arts],
        "outlets": list(dict.fromkeys(a.outlet for a in arts)),
        "date": day,
        "date_evidence": [],
        "locations": [ev["place"]],
        "actors": [
            {"id": f"p{i}", "name": p, "type": "PERSON", "roles": [], "aliases": [p.split()[-1]]}
            for i, p in enumerate((ev["who"], ev["other"]))
        ],
        "claims": claims,
        "quotes": [
            {
                "speaker": "p1",
                "speaker_name": ev["other"],
                "kind": "direct",
                "text": arts[0].text[spans[0]["quote"][0] : spans[0]["quote"][1]],
                "mentions": [
                    {
                        "article": arts[0].id,
                        "start": spans[0]["quote"][0],
                        "end": spans[0]["quote"][1],
                    }
                ],
                "variants": False,
            }
        ],
        "figures": figures,
        "framing": [
            {
                "concept": "Kestrel government",
                "terms": {
                    o: [
                        "the Brannock regime"
                        if o == "Valdoria State News Agency"
                        else "the Kestrel government"
                    ]
                    for o in dict.fromkeys(a.outlet for a in arts)
                    if o
                },
            }
        ],
        "summary": [{"text": claims[0]["text"], "mentions": claims[0]["mentions"][:2]}],
        "related": [],
    }


def _unique(urls: list[str]) -> list[str]:
    return [f"{u}{'&' if '?' in u else '?'}nocache={i}" for i, u in enumerate(urls)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str
) -> int:
    """One keep-alive HTTP/1.1 GET; the status. Kept tiny so the client costs little CPU."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def _load(port: int, urls: list[str], clients: int, seconds: float) -> list[float]:
    """Send each URL once from `clients` concurrent connections; latencies in ms."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)
    times: list[float] = []
    deadline = time.monotonic() + seconds
    host = f"127.0.0.1:{port}"

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while not queue.empty() and time.monotonic() < deadline:
                url = queue.get_nowait()
                t0 = time.perf_counter()
                status = await asyncio.wait_for(_get(reader, writer, host, url), 30)
                times.append((time.perf_counter() - t0) * 1000)
                if status != 200:
                    raise SystemExit(f"{url}: HTTP {status}")
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return times


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=2000, help="per page kind")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120, help="time limit per page kind")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="storylens-bench-web-")
    db = args.db or Path(tmp.name) / "web.sqlite"
    if not db.exists():
        fill(db, args.articles)
    with SQLiteStore(db) as store:
        event_ids = [r[0] for r in store.query("SELECT id FROM events")]
        n_articles = store.count("articles")
    pages = max(1, len(event_ids) // 25)
    rng = random.Random(1)
    words = [
        *(p.split()[-1] for p in PEOPLE),
        "harbour",
        "ferry",
        "quotas",
        "commission",
        "Reyvik commission",
        "wage agreement",
        "seismic",
    ]
    home = [
        f"/?page={rng.randint(1, min(pages, 40))}" if rng.random() < 0.5 else "/"
        for _ in range(args.requests)
    ]
    event = [f"/events/{rng.choice(event_ids)}" for _ in range(args.requests)]
    search = [f"/search?q={quote_plus(rng.choice(words))}" for _ in range(args.requests)]
    # The server keeps rendered pages until the database changes; a unique dummy
    # parameter makes every request a miss, so the "uncached" rows measure the queries
    # and the rendering themselves.
    kinds = {
        "home": home,
        "home, uncached": _unique(home),
        "event": event,
        "event, uncached": _unique(event),
        "search": search,
        "search, uncached": _unique(search),
    }
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from storylens.cli.serve import command; command()",
            "--db",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        asyncio.run(_load(port, _unique(home[:50] + event[:50]), args.clients, 30))  # warm-up
        print(
            f"\n{n_articles:,} articles, {len(event_ids):,} events; {args.clients} concurrent"
            f" clients on 127.0.0.1; {args.requests} requests per page kind;"
            f" {args.workers} server process(es)\n"
        )
        print("| page | requests | req/s | p50 ms | p95 ms | p99 ms | target p95 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for kind, urls in kinds.items():
            t0 = time.perf_counter()
            times = asyncio.run(_load(port, urls, args.clients, args.seconds))
            rate = len(times) / (time.perf_counter() - t0)
            target = "< 100 ms" if kind.startswith(("home", "event")) else "—"
            print(
                f"| {kind} | {len(times)} | {rate:.0f} | {_pct(times, 50):.1f} |"
                f" {_pct(times, 95):.1f} | {_pct(times, 99):.1f} | {target} |"
            )
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()


if __name__ == "__main__":
    main()
