"""Canonical events from per-article events.

Each per-article event currently stands as its own canonical event (one source); cross-article
merging replaces this with the dedup issue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from eventwire.records import CanonicalEvent, Event, Source
from eventwire.store import Store, schema


def canonical_id_for(event_ids: Sequence[str]) -> str:
    return "c" + hashlib.sha256("|".join(sorted(event_ids)).encode()).hexdigest()[:23]


def single_source(event: Event, meta: dict[str, tuple[dt.date | None, str | None]]) -> CanonicalEvent:
    published, url = meta.get(event.article_id, (None, None))
    return CanonicalEvent(
        **event.model_dump(exclude={"id"}),
        id=canonical_id_for([event.id]),
        n_sources=1,
        sources=[Source(article_id=event.article_id, url=url, event_id=event.id, published=published)],
        first_reported=published,
        last_reported=published,
    )


def update_canonical(store: Store, article_ids: Sequence[str]) -> None:
    if not article_ids:
        return
    where = schema.events.c.article_id.in_(list(article_ids))
    events = list(store.iter_mentions(where))
    meta = store.article_meta(article_ids)
    store.replace_canonical([single_source(e, meta) for e in events])
