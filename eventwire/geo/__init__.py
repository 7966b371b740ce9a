"""Offline toponym resolution: the gazetteer, candidate ranking, and picking an event's location.

- `load_gazetteer()`: the production GeoNames gazetteer (built once, cached on disk, loaded lazily);
- `Gazetteer` / `TableGazetteer.from_rows`: the injectable interface and a hand-built gazetteer;
- `resolve_mentions(mentions, gazetteer)`: the article-wide ranking of candidates;
- `locate_event(doc, sentence_span, places, trigger_token_index)`: where an event happened;
- `article_city(places, gazetteer, text, dateline_end)`: the town an article is about;
- `dateline_end(text)`: where an article's dateline ("CUCUTA, Colombia —") ends.

Recognition (which spans are toponyms) lives in `eventwire.extract.places`, whose
`find_places(doc, gazetteer)` takes any `Gazetteer`, so tests and users can run the whole chain on
a small hand-built place list. The index is cached under `$EVENTWIRE_CACHE` (else
`~/.cache/eventwire`) in a file named by the source packages' versions.
"""

from eventwire.geo.city import article_city
from eventwire.geo.gazetteer import Candidate, Entry, Gazetteer, PlaceRow, TableGazetteer
from eventwire.geo.index import load_gazetteer
from eventwire.geo.locate import dateline_end, locate_event
from eventwire.geo.resolve import Mention, Resolution, resolve_mentions

__all__ = [
    "Candidate",
    "Entry",
    "Gazetteer",
    "Mention",
    "PlaceRow",
    "Resolution",
    "TableGazetteer",
    "article_city",
    "dateline_end",
    "load_gazetteer",
    "locate_event",
    "resolve_mentions",
]
