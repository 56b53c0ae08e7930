"""Cross-source comparison: which claims, quotes and figures several outlets confirm.

`compare_event` is the entry point; `cluster_sentences` is the claim clustering it uses,
exposed so the ECB+ benchmark measures exactly what the product runs.
"""

from __future__ import annotations

from .event import compare_event
from .similarity import cluster_sentences

__all__ = ["cluster_sentences", "compare_event"]
