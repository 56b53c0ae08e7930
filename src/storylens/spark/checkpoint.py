"""Finished partitions on disk, so a Spark run killed at any moment resumes where it was.

A run is named by a hash of what it will compute (its input keys, in order, and the
settings that change results), so a restart over the same inputs finds the same folder
and an edited input starts a new one. Every partition's output is one pickle written by
the task that computed it: first to a temporary name, then renamed, so the final name
exists only when the whole output does (rename is atomic on a POSIX filesystem, and the
file is its own done marker). Each computed partition also appends one line to a run log,
which is how a restart (and its test) can tell that nothing finished was computed again.

The folder must be on a filesystem every executor and the driver share; on one machine
that is any local folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

RUN_LOG = "runs.log"


def run_id(parts: Iterable[str]) -> str:
    """A stable name for a run from the strings that decide its results."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


class Checkpoint:
    """One run's folder of finished partition outputs, by stage and partition number."""

    def __init__(self, root: str | Path, run: str) -> None:
        self.root = Path(root)
        self.run = run
        self.folder = self.root / f"run-{run}"

    def path(self, stage: str, part: int) -> Path:
        return self.folder / stage / f"part-{part:05d}.pkl"

    def done(self, stage: str, part: int) -> bool:
        return self.path(stage, part).exists()

    def write(self, stage: str, part: int, value: Any) -> None:
        """Write one partition's output atomically and log that it was computed."""
        final = self.path(stage, part)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        self.log("computed", stage, part)

    def read(self, stage: str, part: int) -> Any:
        with self.path(stage, part).open("rb") as fh:
            return pickle.load(fh)

    def log(self, what: str, stage: str, part: int) -> None:
        """Append one JSON line to the run log (one short write: whole lines, even in parallel)."""
        self.root.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {
                "run": self.run,
                "event": what,
                "stage": stage,
                "part": part,
                "pid": os.getpid(),
                "time": round(time.time(), 3),
            }
        )
        fd = os.open(self.root / RUN_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)

    def remove(self) -> None:
        """Drop the run's outputs once everything is in the store (the log stays)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def read_log(root: str | Path) -> list[dict[str, Any]]:
    """Every line of a checkpoint folder's run log (empty when there is none)."""
    path = Path(root) / RUN_LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
