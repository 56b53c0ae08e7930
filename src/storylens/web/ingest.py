"""Ingest over HTTP: bounded parsing in the request, analysis in one writer process.

The request only reads (at most `max_bytes`) and parses the body into `Article`s, then
queues them; one background process owns the only writing connection and runs the whole
pipeline (`Analyzer.run`), so pages keep answering from their own read-only connections
while an upload is analysed, and SQLite never sees two writers.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import logging
import multiprocessing as mp
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, StorylensError
from ..ingest.jsonlines import article_from_object, read_jsonl
from ..records import Article, Rejected
from ..settings import Settings
from .errors import Busy, PayloadTooLarge, UnsupportedMediaType

log = logging.getLogger(__name__)

JSON_TYPES = {"application/json"}
JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}
MAX_ARTICLES = 1000


@dataclass(slots=True)
class JobState:
    id: str
    received: int
    rejected: list[Rejected]
    status: str = "queued"  # queued | running | done | failed
    new: int | None = None
    known: int | None = None
    skipped: list[Rejected] = field(default_factory=list)
    events_touched: int | None = None
    error: str | None = None
    future: Future[dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        def skips(items: list[Rejected]) -> list[dict[str, str]]:
            return [{"source": r.source, "reason": r.reason} for r in items]

        if self.status == "queued" and self.future is not None and self.future.running():
            self.status = "running"
        return {
            "id": self.id,
            "status": self.status,
            "received": self.received,
            "rejected": skips(self.rejected),
            "new": self.new,
            "known": self.known,
            "skipped": skips(self.skipped),
            "events_touched": self.events_touched,
            "error": self.error,
        }


async def read_bounded(chunks: AsyncIterator[bytes], declared: str | None, limit: int) -> bytes:
    """The request body, refusing it as soon as it is known to be over `limit` bytes."""
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body is {int(declared):,} bytes; the limit is {limit:,}")
    buf = bytearray()
    async for chunk in chunks:
        buf += chunk
        if len(buf) > limit:
            raise PayloadTooLarge(f"the body is over the limit of {limit:,} bytes")
    return bytes(buf)


def parse_json(body: bytes) -> list[Article | Rejected]:
    """One article object, or an array of them, in the JSON Lines article shape."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(
            f"the body is not JSON: {exc}; send one article object or an array"
        ) from exc
    objects = data if isinstance(data, list) else [data]
    _check_count(len(objects))
    out: list[Article | Rejected] = []
    for i, obj in enumerate(objects, 1):
        source = f"api:{i}"
        if isinstance(obj, dict):
            out.append(article_from_object(source, obj))
        else:
            out.append(Rejected(source=source, reason="expected a JSON object for an article"))
    return out


def parse_jsonl(name: str, body: bytes, max_line_bytes: int) -> list[Article | Rejected]:
    items = list(
        itertools.islice(read_jsonl(name, io.BytesIO(body), max_line_bytes), MAX_ARTICLES + 1)
    )
    _check_count(len(items))
    return items


def _check_count(n: int) -> None:
    if n > MAX_ARTICLES:
        raise PayloadTooLarge(f"more than {MAX_ARTICLES} articles in one request; split it")
    if n == 0:
        raise InputError("no article in the body")


def media_type(content_type: str) -> str:
    base = content_type.split(";", 1)[0].strip().lower()
    if base in JSON_TYPES or base in JSONL_TYPES or base == "multipart/form-data":
        return base
    raise UnsupportedMediaType(
        f"cannot read a body of type {base or 'none'!r}; send application/json,"
        " application/x-ndjson (JSON Lines) or a multipart/form-data upload named 'file'"
    )


class IngestWorker:
    """One writer process, fed one job at a time: the server's only writer.

    A process rather than a thread, so the analysis (CPU-bound Python) never holds the
    interpreter lock the pages need: pages answer at full speed during an ingest. The
    process is started on the first job and keeps its `Analyzer` (models, event index)
    between jobs.
    """

    def __init__(self, db_path: str | Path, settings: Settings, *, max_queued: int = 8) -> None:
        self.db_path = str(db_path)
        self.settings = settings
        self.max_queued = max_queued
        self._jobs: OrderedDict[str, JobState] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, items: list[Article | Rejected]) -> JobState:
        articles = [i for i in items if isinstance(i, Article)]
        rejected = [i for i in items if isinstance(i, Rejected)]
        job = JobState(id=f"j{next(self._ids)}", received=len(articles), rejected=rejected)
        with self._lock:
            if not articles:
                job.status, job.new, job.known, job.events_touched = "done", 0, 0, 0
            else:
                pending = sum(1 for j in self._jobs.values() if j.status in {"queued", "running"})
                if pending >= self.max_queued:
                    raise Busy("the analysis queue is full; retry in a minute")
                if self._pool is None:
                    self._pool = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"))
                job.future = self._pool.submit(_analyse, self.db_path, self.settings, articles)
                job.future.add_done_callback(functools.partial(self._finished, job))
            self._jobs[job.id] = job
            while len(self._jobs) > 200:
                self._jobs.popitem(last=False)
        return job

    def job(self, job_id: str) -> JobState | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _finished(self, job: JobState, future: Future[dict[str, Any]]) -> None:
        try:
            result = future.result()
        except CancelledError:
            result = {"error": "the server stopped before this job ran; send it again"}
        except BrokenProcessPool:
            with self._lock:
                self._pool = None  # the writer died (killed?): the next job starts a new one
            result = {"error": "the analysis process stopped unexpectedly; send it again"}
        except Exception as exc:
            result = {"error": f"analysis failed: {type(exc).__name__}: {exc}"}
        if "error" in result:
            job.status, job.error = "failed", result["error"]
            return
        job.new, job.known = result["new"], result["known"]
        job.skipped = [Rejected(source=s, reason=r) for s, r in result["skipped"]]
        job.events_touched, job.status = result["events_touched"], "done"

    def close(self) -> None:
        """Finish the running job (its batches are transactions), drop queued ones, stop."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_ANALYZER: Any = None  # in the writer process: its Analyzer, built by the first job


def _analyse(db_path: str, settings: Settings, articles: list[Article]) -> dict[str, Any]:
    """Run in the writer process; answers plain data so nothing unpicklable crosses back."""
    global _ANALYZER
    try:
        if _ANALYZER is None:
            from ..analyze import Analyzer
            from ..store import open_store

            _ANALYZER = Analyzer(open_store(db_path), settings)
        report = _ANALYZER.run(articles)
    except StorylensError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # a bug in a stage must not take the writer down
        log.exception("ingest failed")
        return {"error": f"analysis failed: {type(exc).__name__}: {exc}"}
    return {
        "new": report.new,
        "known": report.known,
        "skipped": [(r.source, r.reason) for r in report.skipped],
        "events_touched": report.events_touched,
    }
