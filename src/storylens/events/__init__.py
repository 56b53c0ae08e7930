"""Which articles report the same real-world event (batch and incremental).

- `features(article)`: per-article event features (JSON-serializable).
- `cluster(features, settings)`: batch grouping, article ids per event.
- `EventIndex(store, settings).add(articles)`: incremental placement persisted in the store.
- `describe(groups, settings)`: storylens/v1 event objects with `related` links.
"""

from .describe import describe, event_id, inherit_dates
from .features import EventFeatures, features
from .grouping import Clusterer, cluster
from .index import EventIndex

__all__ = [
    "Clusterer",
    "EventFeatures",
    "EventIndex",
    "cluster",
    "describe",
    "event_id",
    "features",
    "inherit_dates",
]
