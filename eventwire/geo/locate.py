"""Pick the place an event happened at from the article's resolved places.

`locate_event` looks outwards from the event's trigger word and stops at the first level that
holds a usable place:

1. a place attached to the trigger by a locative preposition ("clashes *in* Cúcuta", "protest
   *outside* the embassy") or modifying it directly ("the Cúcuta attack");
2. a place in the trigger's clause;
3. a place in the sentence;
4. a place in the paragraph, the nearest one before the sentence first;
5. the dateline ("CUCUTA, Colombia —"), which says where the story was filed and so is not used
   at the levels above;
6. the article's dominant place (the most, and most confidently, mentioned).

Within a level the most specific place wins (town or landmark over admin area over country), then
the one nearest the trigger. Country adjectives ("Venezuelan troops") say whose forces, not where,
so they are never an event location. A country can be returned, but only as what it is: its
`feature` is "country", so a consumer that needs a point can tell a centroid from a town.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from eventwire.records import Place

# Prepositions that put an event at a place; "from", "to" and "into" describe movement and so
# name the place only of the arrival or departure, which the clause level still catches.
LOCATIVE_PREPOSITIONS = frozenset(
    "in at near outside inside across around throughout within on along beside between off".split()
)
SPECIFICITY = {"landmark": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 4, "country": 3}
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][^\n]{0,80}?(?:\s[—–-]{1,2}\s|\s?\((?:AP|Reuters|AFP|UPI|CNN)\)|:)"
    # or a shouted place name opening the text, its dash lost: "DETROIT The U.S. ..."
    r"|[A-Z]{3,}(?:[ .'-]+[A-Z]{2,}){0,2}\.?(?=,?\s+[A-Z][a-z]))"
)
DATELINE_SEARCH_CHARS = 160


def dateline_end(text: str) -> int:
    """Character offset where the article's dateline ("CUCUTA, Colombia —") ends; 0 if none."""
    match = _DATELINE.match(text[:DATELINE_SEARCH_CHARS])
    return match.end() if match else 0


def locate_event(
    doc: Doc,
    sentence_span: Span,
    places: list[Place],
    trigger_token_index: int | None,
    text: str | None = None,
) -> Place | None:
    """The place most tied to the event whose trigger is `doc[trigger_token_index]`, or None.

    `places` are the article's places (`ctx.places`); only those with coordinates are used.
    Without a trigger index the search starts at the sentence level. `text` is `doc.text`, which
    callers that locate many events should pass: spaCy rebuilds it from the tokens on every access.
    """
    text = doc.text if text is None else text
    with_point = [p for p in places if p.lat is not None]
    if not with_point:
        return None
    limit = dateline_end(text)

    def usable(candidates: list[Place]) -> list[Place]:
        # Checked on the few places in reach only: resolving a place's tokens is the costly part.
        return [p for p in candidates if p.start >= limit and not _is_adjective(doc, p)]

    trigger = doc[trigger_token_index] if trigger_token_index is not None else None
    anchor = trigger.idx if trigger is not None else sentence_span.start_char
    in_sentence = usable(
        [p for p in with_point if sentence_span.start_char <= p.start and p.end <= sentence_span.end_char]
    )
    if trigger is not None:
        attached = [p for p in in_sentence if _attached(doc, p, trigger)]
        if attached:
            return _best(attached, anchor)
        clause = _clause(trigger)
        in_clause = [p for p in in_sentence if clause.start_char <= p.start and p.end <= clause.end_char]
        if in_clause:
            return _best(in_clause, anchor)
    if in_sentence:
        return _best(in_sentence, anchor)
    start, end = _paragraph(text, sentence_span.start_char, sentence_span.end_char)
    in_paragraph = usable([p for p in with_point if start <= p.start and p.end <= end])
    if in_paragraph:
        before = [p for p in in_paragraph if p.end <= sentence_span.start_char]
        return _best(before or in_paragraph, sentence_span.start_char)
    # The dateline says where the story was filed, which is weaker than any place in the text.
    in_dateline = [p for p in with_point if p.end <= limit and not _is_adjective(doc, p)]
    if in_dateline:
        return _best(in_dateline, 0)
    everywhere = usable(with_point)
    return _dominant(everywhere) if everywhere else None


def _is_adjective(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return all(t.tag_ in ("JJ", "NNPS") or t.ent_type_ == "NORP" for t in span)


def _attached(doc: Doc, place: Place, trigger: Token) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root
    if head.head.i == trigger.i and head.dep_ in ("compound", "nmod", "npadvmod", "amod"):
        return True
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    # The preposition hangs on the trigger, or on the trigger's object ("attacked a base in X").
    return prep.head.i == trigger.i or prep.head.head.i == trigger.i


def _clause(trigger: Token) -> Span:
    head = trigger
    while head.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp") and head.head.i != head.i:
        head = head.head
    return trigger.doc[head.left_edge.i : head.right_edge.i + 1]


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    finish = text.find("\n", end)
    return begin, len(text) if finish < 0 else finish


def _best(places: list[Place], anchor: int) -> Place:
    return min(places, key=lambda p: (SPECIFICITY.get(p.feature or "", 5), abs(p.start - anchor)))


def _dominant(places: list[Place]) -> Place:
    """The place the article is mostly about: summed confidence of its mentions, earliest first."""
    weight: dict[tuple[float | None, float | None, str | None], float] = defaultdict(float)
    first: dict[tuple[float | None, float | None, str | None], Place] = {}
    for place in places:
        key = (place.lat, place.lon, place.name)
        weight[key] += place.score
        first.setdefault(key, place)
    best = max(weight, key=lambda k: (weight[k], -first[k].start))
    return first[best]
