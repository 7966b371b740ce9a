"""Landmarks: named structures and natural features the gazetteer lacks, and borders.

"The Simón Bolívar bridge", "the Black Sea", "Kenyatta Avenue", "the Venezuelan border": each is
kept as a place of feature "landmark", placed at the town the sentence ties it to ("the bridge
between Cúcuta and ...", "the Kabul airport") or left without coordinates, never at a country's
or province's centre, which could be far from it. A town or state named inside a street's name
("Montana Ave.") or a natural feature's ("Indian Ocean") is the landmark's, not a place of its own.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Token

from eventwire.geo.names import DASHES, DETERMINERS, LANDMARK_HEADS, PHYSICAL_HEADS, STREET_HEADS
from eventwire.records import Place

POINT_FEATURES = frozenset({"city", "admin2"})
BORDER_WORDS = frozenset({"border", "frontier"})
# Words that tie a landmark to the town it is in or between: "the bridge between A and B".
TIE_WORDS = frozenset("between in near at outside of linking connecting from to into on".split())
# The confidence of a place mention that has no coordinates.
UNRESOLVED_SCORE = 0.3


class TokenView(Protocol):
    """What the landmark finders read of a parsed article."""

    text: str
    tokens: list[Token]
    folded: list[str]  # each token's text as `fold` gives it
    capital: list[bool]  # whether each token starts with a capital


def find_landmarks(
    view: TokenView, places: list[Place], strong: set[tuple[int, int]]
) -> tuple[list[Place], set[tuple[int, int]]]:
    """Named structures and features: '(the) <Capitalised words> <bridge|camp|Sea|...>'.

    Returns the landmarks and the spans of place readings they replace: every name inside a
    natural feature ("Indian" in "Indian Ocean"), and the weak town readings inside a structure
    ("Simón Bolívar", a small town, in "the Simón Bolívar bridge").
    """
    found: list[Place] = []
    replaced: set[tuple[int, int]] = set()
    tokens = view.tokens
    for head in range(1, len(tokens)):
        word = view.folded[head]
        if word not in LANDMARK_HEADS or tokens[head].is_sent_start:
            continue
        street = word in STREET_HEADS
        # "St. Louis": before a name, "St." is a saint.
        if not (tokens[head].is_alpha or street) or (word == "st." and view.capital[min(head + 1, len(tokens) - 1)]):
            continue
        start = head
        while (
            start > 0
            and view.capital[start - 1]
            and tokens[start - 1].pos_ == "PROPN"
            and not tokens[start].is_sent_start
        ):
            start -= 1
        if start < head and view.folded[start] in DETERMINERS:
            start += 1
        if start == head:
            continue
        begin, end = tokens[start].idx, tokens[head].idx + len(tokens[head].text)
        inner = [p for p in places if begin <= p.start and p.end <= end]
        if any((p.start, p.end) == (begin, end) for p in inner):
            continue  # the whole is a known place: "Rhode Island", "Long Island"
        physical = view.folded[head] in PHYSICAL_HEADS and view.capital[head]
        if not physical and not view.capital[head] and any((p.start, p.end) in strong for p in inner):
            # "the Cúcuta airport", "the Venezuelan border": the place carries the meaning.
            continue
        if any(p.start < begin < p.end or p.start < end < p.end for p in places):
            continue
        replaced |= {(p.start, p.end) for p in inner if physical or street or (p.start, p.end) not in strong}
        tie = None if physical else _tied_place(view, head, places, begin, end, strong)
        found.append(
            Place(
                text=view.text[begin:end],
                start=begin,
                end=end,
                name=view.text[begin:end],
                lat=tie.lat if tie else None,
                lon=tie.lon if tie else None,
                country_code=tie.country_code if tie else None,
                feature="landmark",
                score=round(0.6 * tie.score, 3) if tie else UNRESOLVED_SCORE,
            )
        )
    return found, replaced


def _tied_place(
    view: TokenView, head: int, places: list[Place], begin: int, end: int, strong: set[tuple[int, int]]
) -> Place | None:
    """The town a landmark is in: named inside it ("Kabul airport") or by 'between/in/near ...'."""
    for place in places:
        if begin <= place.start and place.end <= end and (place.start, place.end) in strong:
            return place if place.feature in POINT_FEATURES else None
    tokens = view.tokens
    sentence_end = tokens[head].sent.end
    for i in range(head + 1, min(sentence_end, head + 4)):
        if view.folded[i] in TIE_WORDS:
            after = tokens[i].idx
            limit = tokens[min(sentence_end, i + 6) - 1].idx + 1
            # Only a town places a landmark; a country's or province's centre could be far from it.
            return next((p for p in places if after <= p.start < limit and p.feature in POINT_FEATURES), None)
    return None


def find_borders(view: TokenView, places: list[Place]) -> list[Place]:
    """'the border', 'the Venezuelan border', 'the border with Brazil near Pacaraima'.

    A border is kept as a landmark only when the sentence ties it to a place; it takes a town's
    point when a town names where along it ("near Cúcuta"), and no point when only countries do.
    """
    found: list[Place] = []
    tokens = view.tokens
    for head, token in enumerate(tokens):
        if view.folded[head] not in BORDER_WORDS or view.capital[head]:
            continue
        start = head
        while start > 0 and (
            tokens[start - 1].text in DASHES
            or any(p.end == tokens[start - 1].idx + len(tokens[start - 1]) for p in places)
        ):
            start -= 1
        if start == 0 or view.folded[start - 1] != "the":
            continue
        begin, end = tokens[start].idx, token.idx + len(token)
        after = tokens[min(tokens[head].sent.end, head + 8) - 1].idx + 1
        tied = [p for p in places if begin <= p.start < after and p.feature != "landmark"]
        if not tied:
            continue
        town = next((p for p in tied if p.feature in POINT_FEATURES), None)
        found.append(
            Place(
                text=token.text,
                start=token.idx,
                end=end,
                name=view.text[begin:end],
                lat=town.lat if town else None,
                lon=town.lon if town else None,
                country_code=(town or tied[0]).country_code,
                feature="landmark",
                score=round(0.5 * town.score, 3) if town else UNRESOLVED_SCORE,
            )
        )
    return found
