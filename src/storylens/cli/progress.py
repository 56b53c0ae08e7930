"""A Rich progress bar (count, rate, ETA) on stderr, and one line per skipped input."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..analyze import Progress as ProgressFn
from ..records import Rejected

if TYPE_CHECKING:
    from ..spark.session import StageProgress

STREAM_SUFFIXES = {".jsonl", ".ndjson"}


def estimate_inputs(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold, roughly, without parsing them (None for stdin)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = (
            (Path(root) / f for root, _, names in os.walk(path) for f in names)
            if path.is_dir()
            else [path]
        )
        for f in files:
            if f.suffix.lower() in STREAM_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        total += sum(
                            chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")
                        )
                except OSError:
                    total += 1
            else:
                total += 1
    return total


class RunDisplay:
    def __init__(self, quiet: bool) -> None:
        self.console = Console(stderr=True)
        self.quiet = quiet
        self._progress: Progress | None = None
        self._task: int | None = None

    def skip(self, rejected: Rejected) -> None:
        self.console.print(
            f"[yellow]skipped[/] {rejected}", markup=True, highlight=False, soft_wrap=True
        )

    @contextmanager
    def bar(self, total: int | None) -> Iterator[ProgressFn | None]:
        if self.quiet:
            yield None
            return
        columns = (
            TextColumn("[bold]analyzing"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[stored]} new"),
        )
        with Progress(*columns, console=self.console, transient=False) as progress:
            task = progress.add_task("analyze", total=total, rate="", stored=0)

            def update(read: int, stored: int) -> None:
                t = progress.tasks[0]
                rate = f"{read / t.elapsed:.1f} art/s" if t.elapsed else ""
                new_total = max(total or 0, read) if total is not None else None
                progress.update(task, completed=read, total=new_total, rate=rate, stored=stored)

            yield update

    @contextmanager
    def stages(self) -> Iterator[StageProgress | None]:
        """One bar per Spark stage, counting finished partitions (tasks) on the driver."""
        if self.quiet:
            yield None
            return
        columns = (
            TextColumn("[bold]{task.description:>8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("partitions"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=self.console, transient=False) as progress:
            tasks: dict[str, TaskID] = {}

            def update(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total)
                progress.update(tasks[stage], completed=done, total=total)

            yield update
