"""Cross-source comparison: which claims, quotes and figures several outlets confirm.

`compare_event` is the entry point. Its claims come from `claims.build_claims`: sentence
claims (`cluster_sentences`, exposed here for tests and tools) plus happening claims, so a
sentence can back several claims; the ECB+ benchmark runs the nlp stage and calls
`build_claims` itself, so it measures exactly what the product runs.
"""

from __future__ import annotations

from .event import compare_event
from .similarity import cluster_sentences

__all__ = ["cluster_sentences", "compare_event"]
