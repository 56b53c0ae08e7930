"""Per-article stages, registered with what they need and what they fill in.

A stage is a pure function `(Article, Context) -> Article`. Registering it with
`requires`/`assigns` lets `Pipeline` check the order when it is built (a stage that reads
a field nobody fills is a bug found before any article is read), and the versioned name
(`clean.v1`) is stored on each article so a re-run knows what is stale.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import PipelineError, StorylensError
from .records import Article, Rejected
from .settings import Settings

# Fields the ingest readers fill; every pipeline starts from these.
INGEST_FIELDS = frozenset(
    {
        "source",
        "raw",
        "format",
        "title",
        "url",
        "published",
        "published_basis",
        "outlet",
        "outlet_evidence",
        "site_name",
        "language",
        "input_id",
    }
)

StageFn = Callable[[Article, "Context"], Article]
# A batch stage sees many articles at once (a model is faster over a batch) and returns
# one result per input, in order, a Rejected for any it could not handle.
BatchFn = Callable[[list[Article], "Context"], list["Article | Rejected"]]


@dataclass(slots=True)
class Context:
    """What stages share inside one process: settings and lazily built resources."""

    settings: Settings = field(default_factory=Settings)
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, build: Callable[[], Any]) -> Any:
        if name not in self.resources:
            self.resources[name] = build()
        return self.resources[name]


@dataclass(slots=True, frozen=True)
class Stage:
    name: str  # "clean.v1"
    fn: StageFn
    requires: frozenset[str]
    assigns: frozenset[str]
    on_error: str = "skip"  # skip: record a Rejected and go on | raise: stop the run
    batch_fn: BatchFn | None = None

    @property
    def base(self) -> str:
        return self.name.rsplit(".", 1)[0]


REGISTRY: dict[str, Stage] = {}


def stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    on_error: str = "skip",
) -> Callable[[StageFn], StageFn]:
    """Register a per-article stage under a versioned name such as `clean.v1`."""
    if "." not in name:
        raise PipelineError(f"stage name {name!r} needs a version suffix, e.g. {name}.v1")

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, frozenset(requires), frozenset(assigns), on_error)
        return fn

    return register


def batch_stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    on_error: str = "skip",
) -> Callable[[BatchFn], BatchFn]:
    """Register a stage that runs over a list of articles; one article at a time still works."""

    def register(fn: BatchFn) -> BatchFn:
        def one(article: Article, ctx: Context) -> Article:
            (result,) = fn([article], ctx)
            if isinstance(result, Rejected):
                raise StorylensError(result.reason)
            return result

        stage(name, requires=requires, assigns=assigns, on_error=on_error)(one)
        st = REGISTRY[name]
        REGISTRY[name] = Stage(st.name, one, st.requires, st.assigns, on_error, fn)
        return fn

    return register


class Pipeline:
    """An ordered, checked list of stages applied to one article at a time."""

    def __init__(
        self, names: Iterable[str], context: Context | None = None, *, after: Iterable[str] = ()
    ) -> None:
        """`after` names the stages that ran before this pipeline (in another pipeline or
        process), so their fields count as filled."""
        self.context = context or Context()
        self.stages: list[Stage] = []
        available = set(INGEST_FIELDS)
        for name in after:
            if name not in REGISTRY:
                raise PipelineError(f"unknown stage {name!r} in after=")
            available |= REGISTRY[name].assigns
        for name in names:
            if name not in REGISTRY:
                known = ", ".join(sorted(REGISTRY)) or "none"
                raise PipelineError(f"unknown stage {name!r}; registered stages: {known}")
            st = REGISTRY[name]
            missing = st.requires - available
            if missing:
                raise PipelineError(
                    f"stage {name} requires {sorted(missing)}, which no earlier stage assigns"
                )
            available |= st.assigns | {"stages"}
            self.stages.append(st)

    @property
    def versions(self) -> dict[str, str]:
        return {st.base: st.name for st in self.stages}

    def _one(self, st: Stage, article: Article) -> Article | Rejected:
        try:
            result = st.fn(article, self.context)
        except Exception as exc:
            if st.on_error == "raise":
                raise
            return _rejection(st, article, exc)
        result.stages[st.base] = st.name
        return result

    def __call__(self, article: Article) -> Article | Rejected:
        result: Article | Rejected = article
        for st in self.stages:
            if isinstance(result, Rejected):
                break
            result = self._one(st, result)
        return result

    def run_batch(self, items: list[Article | Rejected]) -> list[Article | Rejected]:
        """Run every stage over a batch; batch stages see all surviving articles at once."""
        results = list(items)
        for st in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Article)]
            if not live:
                break
            if st.batch_fn is None:
                for i in live:
                    art = results[i]
                    assert isinstance(art, Article)
                    results[i] = self._one(st, art)
                continue
            batch = [results[i] for i in live]
            try:
                out = st.batch_fn(batch, self.context)  # type: ignore[arg-type]
            except Exception:
                if st.on_error == "raise":
                    raise
                out = [self._one(st, a) for a in batch]  # type: ignore[arg-type]
            for i, r in zip(live, out, strict=True):
                if isinstance(r, Article):
                    r.stages[st.base] = st.name
                results[i] = r
        return results

    def run(
        self, articles: Iterable[Article | Rejected], batch_size: int = 64
    ) -> Iterator[Article | Rejected]:
        chunk: list[Article | Rejected] = []
        for item in articles:
            chunk.append(item)
            if len(chunk) >= batch_size:
                yield from self.run_batch(chunk)
                chunk = []
        if chunk:
            yield from self.run_batch(chunk)


def _rejection(st: Stage, article: Article, exc: Exception) -> Rejected:
    if isinstance(exc, StorylensError):
        return Rejected(source=article.source, reason=f"{st.name}: {exc.message}")
    # a bug in a stage: keep the run going, but say exactly where it happened
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Rejected(
        source=article.source,
        reason=f"{st.name} failed ({type(exc).__name__}: {exc} at "
        f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno})",
    )
