"""Cleaning and metadata: page furniture out, outlet, date, language and id in.

Importing this package registers the `clean.v1` stage. The cross-article steps (learned
furniture, near-duplicates) keep state in the store and run over batches.
"""

from __future__ import annotations

from .dedupe import NearDuplicates
from .furniture import REASONS, Furniture
from .identity import article_id
from .outlets import Outlet, Registry, load_registry
from .repeats import RepeatedLines
from .stage import clean_article, clean_stage, registry_for

__all__ = [
    "REASONS",
    "Furniture",
    "NearDuplicates",
    "Outlet",
    "Registry",
    "RepeatedLines",
    "article_id",
    "clean_article",
    "clean_stage",
    "load_registry",
    "registry_for",
]
