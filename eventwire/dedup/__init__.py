"""Deduplication: near-duplicate articles, canonical events (one per real-world event) and stories.

`update_canonical(store, article_ids)` runs after every stored batch; `rebuild(store)` recomputes
everything from the stored per-article events and gives the same result.
"""

from eventwire.dedup.update import DedupSummary, deduplicate_pending, rebuild, update_canonical

__all__ = ["DedupSummary", "deduplicate_pending", "rebuild", "update_canonical"]
