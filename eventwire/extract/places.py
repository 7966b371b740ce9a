"""Toponyms: find every place mention in a parsed article and resolve it against the gazetteer.

Recognition joins two sources, because the small spaCy model mislabels many places ("Cúcuta" as
ORG, "Bogotá" as PERSON): spaCy's GPE/LOC/FAC entities, and a gazetteer matcher that looks up
token n-grams starting at capitalised tokens (dictionary lookups only, no per-pattern scans).
Gazetteer matches that are part of a person's or an organisation's name ("Paris Hilton", "The
Washington Post") are dropped; country adjectives ("Venezuelan") become country mentions; named
structures the gazetteer lacks ("the Simón Bolívar bridge") become landmarks, placed at the town
they are tied to in the sentence or left without coordinates. Resolution is `eventwire.geo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.geo import Gazetteer, Mention, Resolution, load_gazetteer, resolve_mentions
from eventwire.geo.locate import dateline_end
from eventwire.geo.names import HONORIFICS, LANDMARK_HEADS, NAME_JOINERS, fold
from eventwire.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entities whose longer names may start with a place name: "Paris Hilton", "Washington Post".
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "FAC"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
DASHES = frozenset({"-", "–", "—"})
# A place name followed by one of these is still a place: "Cúcuta Mayor", "Idlib province".
PLACE_FOLLOWERS = (
    LANDMARK_HEADS
    | HONORIFICS
    | frozenset("county province state city region district government governor police army forces".split())
)
# Words that tie a landmark to the town it is in or between: "the bridge between A and B".
TIE_WORDS = frozenset("between in near at outside of linking connecting from to into on".split())
STRONG_POPULATION = 100_000
MAX_NAME_TOKENS = 6


def extract_places(doc: Doc, ctx: ExtractionContext) -> list[Place]:
    return find_places(doc, load_gazetteer())


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym mention in the document, resolved, in text order."""
    view = _DocView(doc)
    mentions = _recognise(view, gazetteer)
    resolutions = resolve_mentions(mentions, gazetteer)
    places = [_to_place(m, r, gazetteer) for m, r in zip(mentions, resolutions, strict=True)]
    strong = {(m.start, m.end) for m, r in zip(mentions, resolutions, strict=True) if r and _strong_entry(r)}
    landmarks = _landmarks(view, places, strong)
    # A landmark replaces the readings of the words inside it ("Simón Bolívar" the town).
    places = [p for p in places if not any(lm.start <= p.start and p.end <= lm.end for lm in landmarks)]
    return sorted(places + landmarks, key=lambda p: (p.start, p.end))


def _strong_entry(resolution: Resolution) -> bool:
    entry = resolution.entry
    return entry.feature != "city" or entry.capital or entry.population >= STRONG_POPULATION


@dataclass
class _Match:
    start: int  # token indices
    end: int
    key: str
    kind: str  # "name" | "demonym" | "abbreviation" | "unresolved"
    ner: bool = False


class _DocView:
    """Per-token facts computed once per document: folds, capitals, entity spans."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)
        cache: dict[str, str] = {}
        self.folded = [cache.get(t.text) or cache.setdefault(t.text, fold(t.text)) for t in self.tokens]
        self.capital = [t.text[:1].isupper() for t in self.tokens]
        self.entity: list[tuple[int, int, str] | None] = [None] * len(self.tokens)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity[i] = (ent.start, ent.end, ent.label_)
        words = [t.text for t in self.tokens if t.is_alpha and len(t.text) > 1]
        # In shouted text capitals say nothing, so gazetteer-only matches need stronger evidence.
        self.shouting = bool(words) and sum(w.isupper() for w in words) > 0.6 * len(words)
        self.dateline_end = dateline_end(doc.text)

    def key(self, start: int, end: int) -> str:
        parts: list[str] = []
        for i in range(start, end):
            token = self.tokens[i]
            if token.text in DASHES:
                parts.append(" ")
                continue
            parts.append(self.folded[i])
            if token.whitespace_ and i < end - 1:
                parts.append(" ")
        key = "".join(parts)
        return " ".join(key.split()) if "  " in key else key

    def can_extend(self, i: int) -> bool:
        """Whether token i may continue a multi-token name."""
        token = self.tokens[i]
        if token.is_sent_start or "\n" in self.tokens[i - 1].whitespace_:
            return False
        return self.capital[i] or self.folded[i] in NAME_JOINERS or token.text in DASHES or token.text == ","

    def sentence_initial(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.tokens[j].is_punct and not self.tokens[j].is_sent_start:
            j -= 1
        return self.tokens[i].is_sent_start or j < 0 or (self.tokens[j].is_sent_start and self.tokens[j].is_punct)


def _recognise(view: _DocView, gazetteer: Gazetteer) -> list[Mention]:
    matches = _scan(view, gazetteer)
    matches = [m for m in matches if _accept(view, gazetteer, m)]
    abbreviations = _abbreviations_after_commas(view, gazetteer, matches)
    # "Red Deer, Alta.": after "Town," the abbreviation reading beats a town called "Alta".
    replaced = {i for a in abbreviations for i in range(a.start, a.end)}
    matches = [m for m in matches if m.start not in replaced] + abbreviations
    matches += _unmatched_entities(view, matches)
    matches.sort(key=lambda m: m.start)
    return _to_mentions(view, matches)


def _scan(view: _DocView, gazetteer: Gazetteer) -> list[_Match]:
    """Longest gazetteer names and demonyms starting at capitalised tokens, left to right."""
    matches: list[_Match] = []
    tokens = view.tokens
    limit = min(MAX_NAME_TOKENS, gazetteer.max_name_tokens)
    i = 0
    while i < len(tokens):
        if not view.capital[i] or not tokens[i].text[0].isalpha():
            i += 1
            continue
        found: _Match | None = None
        end = i + 1
        while True:
            key = view.key(i, end)
            last = tokens[end - 1].text
            if (len(key) > 2 or tokens[i].text.isupper()) and last not in DASHES and last != ",":
                if gazetteer.knows(key):
                    found = _Match(i, end, key, "name")
                elif gazetteer.demonym(key) is not None and (found is None or found.kind != "name"):
                    found = _Match(i, end, key, "demonym")
            if end - i >= limit or end >= len(tokens) or not view.can_extend(end):
                break
            end += 1
        if found is None:
            i += 1
            continue
        label = view.entity[found.start][2] if view.entity[found.start] else None
        found.ner = label in PLACE_LABELS or (found.kind == "demonym" and label == "NORP")
        matches.append(found)
        i = found.end
    return matches


def _strong(gazetteer: Gazetteer, key: str) -> bool:
    """A name whose best reading is a country, region, admin1 area, capital or large city."""
    for candidate in gazetteer.candidates(key):
        entry = candidate.entry
        if entry.feature in ("country", "region", "admin1") or entry.capital:
            return True
        if entry.population >= STRONG_POPULATION and not candidate.alternate:
            return True
    return False


def _accept(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool:
    """Drop gazetteer matches that are numbers, parts of other names, or capitalised words."""
    tokens = view.tokens
    entity = view.entity[match.start]
    if entity is not None and entity[2] in NUMERIC_LABELS:
        return False
    if match.kind == "demonym":
        return entity is None or entity[2] != "PERSON"
    in_dateline = tokens[match.start].idx < view.dateline_end
    if entity is not None and entity[2] in NAME_LABELS:
        longer = entity[0] < match.start or entity[1] > match.end
        if longer:
            return False
        if entity[2] == "PERSON" and not _strong(gazetteer, match.key):
            return False
    if match.start > 0 and view.folded[match.start - 1] in HONORIFICS:
        return False
    if _followed_by_name(view, gazetteer, match):
        return False
    if match.ner or in_dateline:
        return True
    if view.shouting or view.sentence_initial(match.start):
        return _strong(gazetteer, match.key)
    return True


def _followed_by_name(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool:
    """'Paris Hilton', 'Jordan Henderson': a capitalised non-place word right after the name."""
    nxt = match.end
    if nxt >= len(view.tokens) or not view.capital[nxt] or view.tokens[nxt].is_sent_start:
        return False
    token = view.tokens[nxt]
    if token.pos_ != "PROPN" or view.folded[nxt] in PLACE_FOLLOWERS or view.shouting:
        return False
    entity = view.entity[nxt]
    if entity is not None and entity[2] in PLACE_LABELS:
        return False
    return not gazetteer.knows(view.folded[nxt]) and gazetteer.demonym(view.folded[nxt]) is None


def _abbreviations_after_commas(view: _DocView, gazetteer: Gazetteer, matches: list[_Match]) -> list[_Match]:
    """'Lexington, Ky.', 'Brandon, Man.': region abbreviations count only right after 'Town,'."""
    found: list[_Match] = []
    for match in matches:
        comma = match.end
        if comma + 1 >= len(view.tokens) or view.tokens[comma].text != ",":
            continue
        for width in (3, 2, 1):
            end = comma + 1 + width
            if end <= len(view.tokens) and gazetteer.abbreviation(view.key(comma + 1, end)):
                found.append(_Match(comma + 1, end, view.key(comma + 1, end), "abbreviation", ner=True))
                break
    return found


def _unmatched_entities(view: _DocView, matches: list[_Match]) -> list[_Match]:
    """spaCy GPE/LOC entities the gazetteer did not match: kept as unresolved place mentions."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    found: list[_Match] = []
    for ent in view.doc.ents:
        if ent.label_ not in PLACE_LABELS or any(i in covered for i in range(ent.start, ent.end)):
            continue
        start, end = ent.start, ent.end
        if view.folded[start] == "the":
            start += 1
        if end - start > 0 and view.tokens[end - 1].text in ("'s", "’s"):
            end -= 1
        if end > start and any(view.capital[i] for i in range(start, end)):
            found.append(_Match(start, end, view.key(start, end), "name", ner=True))
    return found


def _to_mentions(view: _DocView, matches: list[_Match]) -> list[Mention]:
    mentions: list[Mention] = []
    for match in matches:
        first, last = view.tokens[match.start], view.tokens[match.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        recognition = 1.0 if match.ner else 0.85
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=view.doc.text[start:end],
                key=match.key,
                kind="abbreviation" if match.kind == "abbreviation" else match.kind,  # type: ignore[arg-type]
                in_dateline=start < view.dateline_end,
                recognition=recognition,
            )
        )
    # "Cairns, Queensland": the name after a comma is the container of the one before it.
    for i in range(len(matches) - 1):
        comma = matches[i].end
        if comma < len(view.tokens) and view.tokens[comma].text == "," and matches[i + 1].start == comma + 1:
            mentions[i].container = i + 1
    return mentions


def _to_place(mention: Mention, resolution: Resolution | None, gazetteer: Gazetteer) -> Place:
    if resolution is None:
        return Place(text=mention.text, start=mention.start, end=mention.end, score=round(0.3 * mention.recognition, 3))
    entry = resolution.entry
    admin1 = gazetteer.admin1(entry.admin1) if entry.admin1 and entry.feature in ("city", "admin2") else None
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        geonames_id=entry.geonames_id,
        country_code=gazetteer.alpha3(entry.country) if entry.country else None,
        feature=entry.feature,
        score=round(resolution.score * mention.recognition, 3),
        admin1=admin1.name if admin1 else None,
    )


def _landmarks(view: _DocView, places: list[Place], strong: set[tuple[int, int]]) -> list[Place]:
    """Named structures and sites: '(the) <Capitalised words> <bridge|camp|airport|...>'."""
    found: list[Place] = []
    taken = [(p.start, p.end) for p in places]
    tokens = view.tokens
    for head in range(1, len(tokens)):
        if view.folded[head] not in LANDMARK_HEADS or not tokens[head].is_alpha:
            continue
        start = head
        while start > 0 and view.capital[start - 1] and not tokens[start].is_sent_start:
            start -= 1
        if start == head or (view.capital[head] and start == head - 1 and tokens[start].is_sent_start):
            continue
        begin, end = tokens[start].idx, tokens[head].idx + len(tokens[head].text)
        inner = [p for p in places if begin <= p.start and p.end <= end and p.lat is not None]
        if not view.capital[head] and any((p.start, p.end) in strong for p in inner):
            # "the Cúcuta airport", "the Venezuelan border": the place carries the meaning.
            continue
        if any(s < end and begin < e and not (begin <= s and e <= end) for s, e in taken):
            continue
        tie = _tied_place(view, head, places) or next((p for p in inner if (p.start, p.end) in strong), None)
        found.append(
            Place(
                text=view.doc.text[begin:end],
                start=begin,
                end=end,
                name=view.doc.text[begin:end],
                lat=tie.lat if tie else None,
                lon=tie.lon if tie else None,
                country_code=tie.country_code if tie else None,
                feature="landmark",
                score=round(0.6 * tie.score, 3) if tie else 0.3,
            )
        )
        taken.append((begin, end))
    return found


def _tied_place(view: _DocView, head: int, places: list[Place]) -> Place | None:
    """The resolved town a landmark is tied to by 'between/in/near/at ...' in its sentence."""
    tokens = view.tokens
    sentence_end = tokens[head].sent.end
    for i in range(head + 1, min(sentence_end, head + 4)):
        if view.folded[i] in TIE_WORDS:
            begin = tokens[i].idx
            limit = tokens[min(sentence_end, i + 6) - 1].idx + 1
            for place in places:
                if begin <= place.start < limit and place.lat is not None and place.feature != "landmark":
                    return place
            return None
    return None
