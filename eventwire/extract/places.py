"""Toponyms: find every place mention in a parsed article and resolve it against the gazetteer.

Recognition joins two sources, because the small spaCy model mislabels many places ("Cúcuta" as
ORG, "Bogotá" as PERSON): spaCy's GPE/LOC entities, and a gazetteer matcher that looks up token
n-grams starting at capitalised tokens (dictionary lookups only, no per-pattern scans). Matches
that are people or outlets ("Paris Hilton", "Jordan Henderson", "The Washington Post") or ordinary
capitalised words ("Minister", "Police") are dropped; a place inside an organisation's name
("Kentucky State Police") is kept, as it says where the organisation is. Country adjectives
("Venezuelan") become country mentions. Named structures and natural features the gazetteer lacks
("the Simón Bolívar bridge", "the Black Sea") become landmarks (`eventwire.geo.landmarks`).
Resolution is `eventwire.geo.resolve_mentions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.geo import Entry, Gazetteer, Mention, Resolution, dateline_end, load_gazetteer, resolve_mentions
from eventwire.geo.capitals import find_capital_references
from eventwire.geo.landmarks import UNRESOLVED_SCORE, find_borders, find_landmarks
from eventwire.geo.names import (
    ADMIN_HINTS,
    CITY_HINTS,
    DASHES,
    DETERMINERS,
    DIRECTION_WORDS,
    HONORIFICS,
    LANDMARK_HEADS,
    MEDIA_WORDS,
    NAME_JOINERS,
    STREET_HEADS,
    STREETS,
    US_WORDS,
    first_names,
    fold,
)
from eventwire.geo.resolve import FAR_KM, haversine_km
from eventwire.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# A capitalised word glued after a lowercase letter, digit or dot ("comPhiladelphia",
# "TimesHector") or after a run of capitals ("WPECPort"), three characters in at the least so that
# "McAllen", "DeKalb" and "LaPorte" stay whole.
_GLUED_WORD = re.compile(r"(?<=[a-z0-9.]{3})[A-Z](?=[a-z])|(?<=[A-Z]{3})[A-Z](?=[a-z]{2})")
_URL_LIKE = re.compile(r"\.[a-z]{2,4}$|\d")
GLUED_LENGTH = 6
PATHOGEN_WORDS = frozenset("virus viruses ebolavirus fever flu influenza disease strain strains".split())
POSSESSIVES = frozenset({"'s", "’s"})
# A place name followed by one of these is still a place: "Cúcuta Mayor", "Idlib province".
PLACE_FOLLOWERS = LANDMARK_HEADS | HONORIFICS | ADMIN_HINTS | CITY_HINTS
# Words next to a known name inside one spaCy place entity that leave the name standing.
NEUTRAL_NAME_WORDS = DIRECTION_WORDS | ADMIN_HINTS | CITY_HINTS | LANDMARK_HEADS | frozenset({"area", "metro"})
STRONG_POPULATION = 100_000
# WordNet names places this large ("Houston", "Phoenix"); their names are names, not words.
MAJOR_POPULATION = 500_000
# Content words of a sentence written in title case, at the least.
TITLE_CASE_WORDS = 4
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
# Share of lowercase content words a title-case sentence may have ("the", "of" are not content).
TITLE_CASE_EXCEPTIONS = 0.1
# Words before a name that put it on the map: "shot in Ceres", "a home near Holladay".
LOCATIVE_BEFORE = frozenset("in at near outside around across throughout within".split())
# Words after a name that make it a place's: "Cicero police said", "Conroe officials".
PLACE_MODIFIED = frozenset(
    """police officials authorities residents officers deputies firefighters detectives prosecutors
    council councilman councilwoman schools""".split()
)
# A town this large after a locative word is the town, even when its name is also a word.
PLACED_POPULATION = 10_000
NEIGHBOURHOOD_WORDS = frozenset("neighborhood neighbourhood section area suburb district".split())
MAX_NAME_TOKENS = 6
# Acronyms ("UN", "HIV", "FAO") are names of places only when a country or state is spelled so.
ACRONYM_LENGTH = 4
NER_RECOGNITION = 1.0
GAZETTEER_RECOGNITION = 0.85
PLACED_RECOGNITION = 0.9
WEAK_RECOGNITION = 0.6
WEAK = "weak"
PLACED = "placed"
# A match that names something else, so that not even spaCy's place label keeps it.
THING = "thing"
# How near another place of the article must be for a village found by the gazetteer alone.
VILLAGE_NEIGHBOUR_KM = 500.0
WEAK_NEIGHBOUR_KM = 150.0
# What the US words of an article weigh, in units of one certain mention of a US place.
US_CUE_WEIGHT = 1.0


def extract_places(doc: Doc, ctx: ExtractionContext) -> list[Place]:
    return find_places(doc, load_gazetteer())


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym mention in the document, resolved, in text order."""
    view = _DocView(doc)
    mentions = _recognise(view, gazetteer)
    resolutions = resolve_mentions(mentions, gazetteer, _country_cues(view))
    keep = _supported(mentions, resolutions)
    mentions = [m for m, k in zip(mentions, keep, strict=True) if k]
    resolutions = _foreign_namesakes(mentions, [r for r, k in zip(resolutions, keep, strict=True) if k])
    places = [_to_place(m, r, gazetteer) for m, r in zip(mentions, resolutions, strict=True)]
    strong = {(m.start, m.end) for m, r in zip(mentions, resolutions, strict=True) if r and _strong_entry(r)}
    landmarks, replaced = find_landmarks(view, places, strong)
    places = [p for p in places if (p.start, p.end) not in replaced]
    landmarks += find_borders(view, places)
    return find_capital_references(view, sorted(places + landmarks, key=lambda p: (p.start, p.end)), gazetteer)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English dictionary words (WordNet lemmas from the spaCy lemmatizer's tables).

    A small town whose name is also a word ("Police", "Minister", "Most") is far more often the
    word; only spaCy's entity label or a large population makes it a place.
    """
    from eventwire.nlp.model import load_model

    nlp = load_model()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") if pos in index for word in index[pos])


@dataclass
class _Match:
    start: int  # token indices
    end: int
    key: str
    kind: str  # "name" | "demonym" | "abbreviation" | "unresolved"
    ner: bool = False
    # Set when a capitalised word is kept only tentatively: a village sharing a dictionary word.
    weak: bool = False
    # Set when the words around the name make it a place: "Cicero police said", "in Ceres".
    placed: bool = False
    # Characters of the last token that belong to the name, where it is only a prefix ("U.S.-led").
    last_chars: int | None = None
    # Characters of the first token before the name, where it is glued on ("comPhiladelphia").
    first_chars: int = 0


class _DocView:
    """Per-token facts computed once per document: folds, capitals, entity spans."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # Doc.text joins every token on each access; read it once.
        self.text = doc.text
        self.tokens = list(doc)
        texts = [t.text for t in self.tokens]
        cache: dict[str, str] = {}
        self.folded = [cache.get(text) or cache.setdefault(text, fold(text)) for text in texts]
        self.capital = [text[:1].isupper() for text in texts]
        # Scraped text glues blocks together ("6abc.comPhiladelphia police", "Los Angeles
        # TimesHector Bisente"): where a capitalised word is glued onto another, its offset in the
        # token, and the first word's fold (the word that follows a name before it).
        self.glue: dict[int, int] = {}
        self.heads = list(self.folded)
        for i, text in enumerate(texts):
            glued = None if len(text) < GLUED_LENGTH or text.islower() else _GLUED_WORD.search(text)
            if glued and (text.isalpha() or _URL_LIKE.search(text[: glued.start()])):
                self.glue[i] = glued.start()
                self.heads[i] = fold(text[: glued.start()])
        self.entity: list[tuple[int, int, str] | None] = [None] * len(self.tokens)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity[i] = (ent.start, ent.end, ent.label_)
        words = [text for text in texts if len(text) > 1 and text.isalpha()]
        # In shouted text capitals say nothing, so gazetteer-only matches need stronger evidence.
        self.shouting = bool(words) and sum(w.isupper() for w in words) > 0.6 * len(words)
        self.dateline_end = dateline_end(self.text)
        # Headlines written in title case ("Man Shot By Police In Washington Heights"): there, as
        # in shouted text, capitals say nothing.
        self.title_case = self._title_case(texts)
        # Last words of the article's full person names ("Andrew Brunson"), for later bare surnames,
        # each with whether a known first name opens the name (spaCy also calls places PERSON).
        self.surnames: dict[str, bool] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and all(t.is_alpha and t.text[0].isupper() for t in ent):
                surname = self.folded[ent.end - 1]
                first = self.folded[ent.start]
                self.surnames[surname] = self.surnames.get(surname, False) or first in first_names()

    def _title_case(self, texts: list[str]) -> list[bool]:
        """Per token, whether its sentence is written in title case."""
        flags = [False] * len(texts)
        start = upper = lower = 0
        for i, token in enumerate([*self.tokens, None]):
            if token is None or (token.is_sent_start and i > start):
                if upper >= TITLE_CASE_WORDS and lower <= TITLE_CASE_EXCEPTIONS * (upper + lower):
                    flags[start:i] = [True] * (i - start)
                start, upper, lower = i, 0, 0
            if token is not None and token.pos_ in CONTENT_POS and texts[i].isalpha():
                upper += texts[i][0].isupper()
                lower += texts[i][0].islower()
        return flags

    def key(self, start: int, end: int, skip: int = 0) -> str:
        """The folded name of tokens start..end, the first `skip` characters left out."""
        parts: list[str] = []
        for i in range(start, end):
            token = self.tokens[i]
            if token.text in DASHES:
                parts.append(" ")
                continue
            parts.append(fold(token.text[skip:]) if skip and i == start else self.folded[i])
            if token.whitespace_ and i < end - 1:
                parts.append(" ")
        key = "".join(parts)
        return " ".join(key.split()) if "  " in key else key

    def can_extend(self, i: int) -> bool:
        """Whether token i may continue a multi-token name."""
        token = self.tokens[i]
        if token.is_sent_start or "\n" in self.tokens[i - 1].whitespace_:
            return False
        text = token.text
        if self.capital[i] or text in DASHES or text in POSSESSIVES:
            return True
        # "Côte d'Ivoire", "Val d'Or": an elided article joins the name's words.
        return self.folded[i] in NAME_JOINERS or self.folded[i][:2] in ("d'", "l'")

    def capitals_say_nothing(self, i: int) -> bool:
        return self.shouting or self.title_case[i] or self.sentence_initial(i) or i in self.glue

    def sentence_initial(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.tokens[j].is_punct and not self.tokens[j].is_sent_start:
            j -= 1
        return self.tokens[i].is_sent_start or j < 0 or (self.tokens[j].is_sent_start and self.tokens[j].is_punct)

    def label(self, i: int) -> str | None:
        entity = self.entity[i]
        return entity[2] if entity else None


def _recognise(view: _DocView, gazetteer: Gazetteer) -> list[Mention]:
    scanned = _scan(view, gazetteer)
    abbreviations = _abbreviations_after_commas(view, gazetteer, scanned)
    # "Melville, Sask.": a name followed by a region's abbreviation is a town, whatever its label.
    vouched = {a.start - 2 for a in abbreviations}
    # "Red Deer, Alta.": after "Town," the abbreviation reading beats a town called "Alta".
    replaced = {i for a in abbreviations for i in range(a.start, a.end)}
    matches: list[_Match] = []
    person_until = -1
    things: set[int] = set()
    for match in scanned:
        if match.start < person_until or match.start in replaced:
            continue
        if match.end - 1 in vouched:
            matches.append(match)
        elif _is_outlet_or_person(view, gazetteer, match):
            # "Paris Hilton": the surname after the first name is no town either.
            person_until = _capitalised_run_end(view, match.end)
        elif _named_thing(view, gazetteer, match) or _street_name(view, match):
            # Not even spaCy's place: "the Hilton" is a hotel, "Concord and Market streets" are
            # streets, whatever their label.
            things.update(range(match.start, match.end))
        else:
            verdict = _accept(view, gazetteer, match)
            if verdict == THING:
                things.update(range(match.start, match.end))
            elif verdict:
                match.weak = verdict == WEAK
                match.placed = verdict == PLACED
                matches.append(match)
    matches += abbreviations
    matches += _unmatched_entities(view, matches, things)
    # "West Nile virus", "Ebola", "Marburg virus": a name that heads a pathogen's name anywhere in
    # the article is the disease throughout it, not a place.
    pathogens = {m.key for m in matches if m.end < len(view.tokens) and view.folded[m.end] in PATHOGEN_WORDS}
    matches = [m for m in matches if m.key not in pathogens]
    matches.sort(key=lambda m: m.start)
    return _to_mentions(view, matches)


def _scan(view: _DocView, gazetteer: Gazetteer) -> list[_Match]:
    """Longest gazetteer names and demonyms starting at capitalised tokens, left to right."""
    matches: list[_Match] = []
    tokens = view.tokens
    limit = min(MAX_NAME_TOKENS, gazetteer.max_name_tokens)
    i = 0
    while i < len(tokens):
        if (not view.capital[i] or not tokens[i].text[0].isalpha()) and i not in view.glue:
            i += 1
            continue
        found: _Match | None = None
        end = i + 1
        while True:
            key = view.key(i, end)
            last = tokens[end - 1].text
            if (len(key) > 2 or tokens[i].text.isupper()) and last not in DASHES and last not in POSSESSIVES:
                # "Canadian", "Spanish": an adjective of a country beats a small town of that name.
                if gazetteer.demonym(key) is not None:
                    found = _Match(i, end, key, "demonym")
                elif gazetteer.knows(key):
                    found = _Match(i, end, key, "name")
            if end - i >= limit or end >= len(tokens) or not view.can_extend(end):
                break
            end += 1
        if found is None:
            found = _abbreviation_prefix(view, gazetteer, i)
        if found is None and i in view.glue:
            found = _glued_match(view, gazetteer, i, limit)
        if found is None:
            i += 1
            continue
        label = view.label(found.start)
        # spaCy's label of a glued token is the label of both words, which says nothing.
        found.ner = not found.first_chars and (label in PLACE_LABELS or (found.kind == "demonym" and label == "NORP"))
        matches.append(found)
        i = found.end
    return matches


def _glued_match(view: _DocView, gazetteer: Gazetteer, i: int, limit: int) -> _Match | None:
    """The longest name that starts with the word glued inside token i ("comPhiladelphia")."""
    skip = view.glue[i]
    found: _Match | None = None
    end = i + 1
    while True:
        key = view.key(i, end, skip)
        if len(key) > 2 and view.tokens[end - 1].text not in POSSESSIVES and gazetteer.knows(key):
            found = _Match(i, end, key, "name", first_chars=skip)
        if end - i >= limit or end >= len(view.tokens) or not view.can_extend(end):
            return found
        end += 1


def _abbreviation_prefix(view: _DocView, gazetteer: Gazetteer, i: int) -> _Match | None:
    """'U.S.-led', 'U.K.-based': the tokenizer keeps a dotted abbreviation and its suffix as one token."""
    text = view.tokens[i].text
    prefix, dash, _ = text.partition("-")
    if not dash or not prefix.endswith("."):
        return None
    key = fold(prefix)
    return _Match(i, i + 1, key, "name", last_chars=len(prefix)) if gazetteer.knows(key) else None


def _notable(gazetteer: Gazetteer, key: str) -> bool:
    """A name of a country, world region, admin1 area or capital."""
    return any(c.entry.feature in ("country", "region", "admin1") or c.entry.capital for c in gazetteer.candidates(key))


def _strong(gazetteer: Gazetteer, key: str) -> bool:
    """A notable name, or the own name of a large city."""
    return _notable(gazetteer, key) or any(
        c.entry.population >= STRONG_POPULATION and not c.alternate for c in gazetteer.candidates(key)
    )


def _accept(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool | str:
    """Drop matches that are numbers, people, outlets, acronyms or directions; WEAK for words.

    A mid-sentence capitalised dictionary word that is also a small place ("Churchill", "Police")
    is kept as WEAK: it stays only if the article names another place close to it. PLACED keeps a
    name the words around it make a place; THING drops a name that is something else even where
    spaCy calls it a place; False drops the gazetteer's reading only.
    """
    entity = None if match.first_chars else view.entity[match.start]
    label = entity[2] if entity else None
    if match.kind == "demonym":
        return label != "PERSON"
    words = view.folded[match.start : match.end]
    if all(w in DIRECTION_WORDS for w in words) or all(w in HONORIFICS for w in words):
        return False  # "Western", "Secretary": directions and titles, whatever towns bear them
    if len(words) == 1 and words[0] in LANDMARK_HEADS and _next_word(view, match.end) == "of":
        return False  # "the Gulf of Finland", "the Bay of Bengal": a feature, not a town
    # spaCy's LOC are seas, ranges and regions: "the Pacific" is no hamlet called Pacific.
    if label in NUMERIC_LABELS | {"LOC"} and not _strong(gazetteer, match.key):
        return False
    # "shot in Reseda": a lone name after a locative word is a place, whatever spaCy's label.
    located = entity is not None and entity[:2] == (match.start, match.end) and _after_locative(view, match.start)
    if label == "PERSON" and entity is not None and not located:
        inside_longer = entity[0] < match.start or entity[1] > match.end
        # "Edmonton Mayor Don Iveson" is labelled PERSON whole; the title shows the town is a town.
        titled = match.end < len(view.tokens) and view.folded[match.end] in HONORIFICS
        # A large town labelled PERSON is a mislabel ("Bogotá"), unless it is also a first name.
        first_name = match.end - match.start == 1 and match.key in first_names()
        if (inside_longer and not titled) or not _strong(gazetteer, match.key):
            return False
        if first_name and not _notable(gazetteer, match.key):
            return False
    if match.start > 0 and view.folded[match.start - 1] in HONORIFICS:
        return False
    if entity is not None and label in PLACE_LABELS | {"FAC"} and _part_of_unknown_name(view, gazetteer, match, entity):
        return False
    if _after_unknown_name(view, gazetteer, match) and not _notable(gazetteer, match.key):
        return False
    token = view.tokens[match.start]
    if token.text.isupper() and len(token.text.rstrip(".")) <= ACRONYM_LENGTH and not view.shouting:
        return any(c.entry.feature in ("country", "admin1", "region") for c in gazetteer.candidates(match.key))
    # "Pastor Andrew Brunson ... Brunson said": the article's person, not a village; after a
    # first name ("Maria Rivera ... Rivera said") no place at all, whatever spaCy's label, unless
    # a country's own name.
    surname = view.surnames.get(words[0]) if len(words) == 1 else None
    if surname and not any(c.entry.feature == "country" and not c.alternate for c in gazetteer.candidates(match.key)):
        return THING
    if match.ner:
        return True
    if surname is not None and not _strong(gazetteer, match.key):
        return False
    wordlike = _wordlike(gazetteer, words, match.key)
    if wordlike and match.start > 0 and gazetteer.demonym(view.folded[match.start - 1]) is not None:
        return False  # "the African Union", "the European Commission": a body, not a town
    placed = _placed(view, gazetteer, match, wordlike)
    # Another language's or an old name of a small town ("Taliban" for Bozhüyük) is more often
    # another word of the article: like a dictionary word, it needs a place nearby.
    wordlike = wordlike or all(
        c.alternate and c.entry.population < STRONG_POPULATION for c in gazetteer.candidates(match.key)
    )
    if token.idx < view.dateline_end:
        # "URENA, Venezuela —" vouches for a small town; "BREAKING:" is still a word.
        return PLACED if placed else not wordlike
    if view.capitals_say_nothing(match.start):
        # The name must be a notable place, a large city's name that is not also a word ("Man",
        # "Most" are towns too), or placed by the words around it ("Cicero police said").
        if placed:
            return PLACED
        return _notable(gazetteer, match.key) or (_strong(gazetteer, match.key) and not wordlike)
    if placed:
        return PLACED
    return True if not wordlike or _strong(gazetteer, match.key) else WEAK


def _wordlike(gazetteer: Gazetteer, words: list[str], key: str) -> bool:
    """A name made of dictionary words ("Man", "Police", "Hunting Park") that is no major place.

    WordNet holds the names of major places too ("Houston", "Philadelphia"); those, countries,
    admin1 areas and capitals count as names. "Barren County": a name that says it is an admin
    area is not the ordinary words it is made of.
    """
    if words[-1] in ADMIN_HINTS or not all(w in common_words() for w in words):
        return False
    return not any(
        not c.alternate and (c.entry.population >= MAJOR_POPULATION or c.entry.feature in ("country", "admin1"))
        for c in gazetteer.candidates(key)
    ) and not _notable(gazetteer, key)


def _regional(gazetteer: Gazetteer, key: str) -> bool:
    """The own name of a country, world region or admin1 area."""
    return any(
        not c.alternate and c.entry.feature in ("country", "region", "admin1") for c in gazetteer.candidates(key)
    )


def _placed(view: _DocView, gazetteer: Gazetteer, match: _Match, wordlike: bool) -> bool:
    """Whether the words around a name make it a place: a region after a comma ("Meridian,
    Mississippi"), a local body after it ("Cicero police said"), a locative word before it
    ("shot in Ceres"). A hamlet named like a word is not placed so ("in Congress", "Union
    officials", "Police officers"), nor is anything in shouted text ("SHOT IN THE CITY")."""
    after = match.end
    if after + 1 < len(view.tokens) and view.tokens[after].text == "," and view.capital[after + 1]:
        for end in range(after + 2, min(after + 5, len(view.tokens) + 1)):
            key = view.key(after + 1, end)
            if _regional(gazetteer, key) or gazetteer.abbreviation(key):
                return True
    modified = after < len(view.tokens) and view.folded[after] in PLACE_MODIFIED
    if not modified and (view.shouting or not _after_locative(view, match.start)):
        return False
    if not wordlike:
        return True
    # A word's capital says little: spaCy must see a name in it, and the town must be sizeable.
    name = view.tokens[match.start].pos_ == "PROPN" or view.entity[match.start] is not None
    return (name or not modified) and _largest(gazetteer, match.key) >= PLACED_POPULATION


def _largest(gazetteer: Gazetteer, key: str) -> int:
    return max((c.entry.population for c in gazetteer.candidates(key) if not c.alternate), default=0)


def _after_locative(view: _DocView, start: int) -> bool:
    return start > 0 and view.folded[start - 1] in LOCATIVE_BEFORE


def _street_name(view: _DocView, match: _Match) -> bool:
    """'the 2600 block of Montana Ave.', 'at Concord and Market streets': US addresses name
    streets, and a town's name there is the street's."""
    if (
        match.start >= 2
        and view.folded[match.start - 1] == "of"
        and view.folded[match.start - 2] in ("block", "blocks")
    ):
        return True
    if _next_word(view, match.end) != "and":
        return False
    i = match.end + 1
    while i < len(view.tokens) and view.capital[i]:
        i += 1
    return i > match.end + 1 and _next_word(view, i) in STREETS


def _next_word(view: _DocView, i: int) -> str:
    return view.folded[i] if i < len(view.tokens) else ""


def _named_thing(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool:
    """'the Hilton', 'the Continental', 'the Atlas Press', 'the Red Cross': a town's name (of one
    word, or of dictionary words) after "the", ending a noun phrase or opening a longer name, is
    a building, a firm or a team. A place keeps "the"
    when it names something of the place ("the Pirbright laboratory", "the Brighton Park
    neighborhood") or stands beside another place ("the Temryuk and Anapa")."""
    if match.kind != "name" or match.start == 0 or view.folded[match.start - 1] != "the":
        return False
    words = view.folded[match.start : match.end]
    if len(words) > 1 and not _wordlike(gazetteer, words, match.key):
        return False
    candidates = gazetteer.candidates(match.key)
    if any(c.entry.feature != "city" or c.entry.population >= STRONG_POPULATION for c in candidates):
        return False
    if match.end >= len(view.tokens):
        return True
    following = view.tokens[match.end]
    if view.folded[match.end] in PLACE_FOLLOWERS | NEIGHBOURHOOD_WORDS or following.pos_ == "CCONJ":
        return False
    return view.capital[match.end] or following.pos_ != "NOUN"


def _part_of_unknown_name(view: _DocView, gazetteer: Gazetteer, match: _Match, entity: tuple[int, int, str]) -> bool:
    """'Little Portugal', 'Atlantis Springs': spaCy's place is one name the gazetteer lacks.

    Directions, kinds of place and other known names around the match leave it standing:
    "North London", "Greater Toronto Area", "Cairns, Queensland". A facility named after its
    place ("Metcalfe County Sheriff's Office") keeps the place, as organisations' names do.
    """
    after = range(match.end, entity[1]) if entity[2] in PLACE_LABELS else range(0)
    for i in (*range(entity[0], match.start), *after):
        word = view.folded[i]
        if not view.capital[i] or word in DETERMINERS or word in NEUTRAL_NAME_WORDS:
            continue
        if not gazetteer.knows(word) and gazetteer.demonym(word) is None:
            return True
    return False


def _after_unknown_name(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool:
    """'Atlantis Springs', 'Abu Shok': a town's name ending a longer proper name it is not."""
    before = match.start - 1
    if before < 0 or not view.capital[before] or view.tokens[before].pos_ != "PROPN":
        return False
    # "CBC Toronto", "CTV Edmonton": an acronym before a town is an organisation's local branch.
    if view.tokens[before].text.isupper() or view.sentence_initial(before) or view.tokens[match.start].is_sent_start:
        return False
    # "BostonAn Everett": of a glued token, the word glued on last comes before the name.
    word = fold(view.tokens[before].text[view.glue[before] :]) if before in view.glue else view.folded[before]
    if word in DETERMINERS or word in NEUTRAL_NAME_WORDS:
        return False
    return not gazetteer.knows(word) and gazetteer.demonym(word) is None


def _is_outlet_or_person(view: _DocView, gazetteer: Gazetteer, match: _Match) -> bool:
    """'The Washington Post' (an outlet), 'Paris Hilton' (a first name and a surname)."""
    nxt = match.end
    if nxt >= len(view.tokens) or not view.capital[nxt] or view.tokens[nxt].is_sent_start:
        return False
    following = view.heads[nxt]  # "Los Angeles TimesHector ...": the outlet's name goes on
    if following in MEDIA_WORDS:
        return True
    if match.end - match.start > 1 or match.key not in first_names():
        return False
    # "Houston Sunday night": a day or a month is no surname.
    if following in PLACE_FOLLOWERS or view.tokens[nxt].pos_ != "PROPN":
        return False
    if view.label(nxt) in PLACE_LABELS | NUMERIC_LABELS:
        return False
    if _strong(gazetteer, following) or gazetteer.demonym(following) is not None:
        return False
    # Countries named like people ("Jordan Henderson") are left to spaCy's PERSON label above.
    return not any(c.entry.feature in ("country", "region") for c in gazetteer.candidates(match.key))


def _capitalised_run_end(view: _DocView, i: int) -> int:
    while i < len(view.tokens) and view.capital[i] and not view.tokens[i].is_sent_start:
        i += 1
    return i


def _abbreviations_after_commas(view: _DocView, gazetteer: Gazetteer, matches: list[_Match]) -> list[_Match]:
    """'Lexington, Ky.', 'Brandon, Man.': region abbreviations count only right after 'Town,'."""
    found: list[_Match] = []
    for match in matches:
        comma = match.end
        if comma + 1 >= len(view.tokens) or view.tokens[comma].text != "," or not view.capital[comma + 1]:
            continue
        for width in (3, 2, 1):
            end = comma + 1 + width
            # "Fla. —": the dateline's dash is no part of the abbreviation.
            if end > len(view.tokens) or view.tokens[end - 1].text in DASHES:
                continue
            text = view.text[view.tokens[comma + 1].idx : view.tokens[end - 1].idx + len(view.tokens[end - 1])]
            # Postal codes are capitals ("OK"); "Ok" or "On" after a comma is a word.
            if len(text) == 2 and not text.isupper():
                continue
            key = view.key(comma + 1, end)
            if gazetteer.abbreviation(key):
                found.append(_Match(comma + 1, end, key, "abbreviation", ner=True))
                break
    return found


def _unmatched_entities(view: _DocView, matches: list[_Match], things: set[int]) -> list[_Match]:
    """spaCy GPE/LOC entities the gazetteer did not match, nor found to name a thing: kept as
    unresolved place mentions."""
    covered = things | {i for m in matches for i in range(m.start, m.end)}
    found: list[_Match] = []
    for ent in view.doc.ents:
        if ent.label_ not in PLACE_LABELS or any(i in covered for i in range(ent.start, ent.end)):
            continue
        start, end = ent.start, ent.end
        if view.folded[start] in DETERMINERS:
            start += 1
        if end - start > 0 and view.tokens[end - 1].text in POSSESSIVES:
            end -= 1
        if end <= start or view.folded[start] in HONORIFICS or not view.capital[start]:
            continue
        if start > 0 and view.folded[start - 1] in HONORIFICS:
            continue
        if _next_word(view, end) in STREET_HEADS:
            continue  # "East 23rd Street": spaCy's place is the street's name
        # The gazetteer had its chance in the scan; what it matched here was turned down there
        # ("Middle East" the Texas hamlet), so spaCy's place stays without coordinates.
        found.append(_Match(start, end, view.key(start, end), "unresolved", ner=True))
    return found


def _to_mentions(view: _DocView, matches: list[_Match]) -> list[Mention]:
    mentions: list[Mention] = []
    for match in matches:
        first, last = view.tokens[match.start], view.tokens[match.end - 1]
        start, end = first.idx + match.first_chars, last.idx + (match.last_chars or len(last.text))
        following = view.folded[match.end] if match.end < len(view.tokens) else ""
        hint = "admin" if following in ADMIN_HINTS else "city" if following in CITY_HINTS else None
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=view.text[start:end],
                key=match.key,
                kind=match.kind,  # type: ignore[arg-type]
                in_dateline=start < view.dateline_end,
                recognition=_recognition(match),
                hint=hint,
            )
        )
    # "Cairns, Queensland": the name after a comma is the container of the one before it.
    for i in range(len(matches) - 1):
        comma = matches[i].end
        if comma < len(view.tokens) and view.tokens[comma].text == "," and matches[i + 1].start == comma + 1:
            mentions[i].container = i + 1
    return mentions


def _country_cues(view: _DocView) -> dict[str, float]:
    """Countries the article's common words point to: US local news says "sheriff", "township"."""
    return {"US": US_CUE_WEIGHT} if any(w in US_WORDS for w in view.folded) else {}


def _foreign_namesakes(mentions: list[Mention], resolutions: list[Resolution | None]) -> list[Resolution | None]:
    """Leave unresolved a place spaCy found whose name reaches only another language's name of a
    town in a country the article never otherwise names, when the town is small or half a world
    away from the article's other places: "Tawila" in Darfur is no Yemeni hamlet, "Kalari" in
    Nigeria not Cagliari; the gazetteer lacks the place meant."""
    countries: dict[str, set[str]] = {}
    points: list[tuple[str, float, float]] = []
    for mention, resolution in zip(mentions, resolutions, strict=True):
        if resolution is not None and resolution.entry.country:
            countries.setdefault(resolution.entry.country, set()).add(mention.key)
            points.append((mention.key, resolution.entry.lat, resolution.entry.lon))

    def foreign(mention: Mention, entry: Entry) -> bool:
        if entry.feature != "city" or countries.get(entry.country or "", set()) - {mention.key}:
            return False
        others = [(lat, lon) for key, lat, lon in points if key != mention.key]
        far = all(haversine_km(entry.lat, entry.lon, lat, lon) > FAR_KM for lat, lon in others)
        return entry.population < STRONG_POPULATION or far

    return [
        None
        if resolution is not None
        and mention.recognition == NER_RECOGNITION
        and resolution.alternate
        and foreign(mention, resolution.entry)
        else resolution
        for mention, resolution in zip(mentions, resolutions, strict=True)
    ]


def _recognition(match: _Match) -> float:
    if match.ner:
        return NER_RECOGNITION
    if match.placed:
        return PLACED_RECOGNITION
    return WEAK_RECOGNITION if match.weak else GAZETTEER_RECOGNITION


def _supported(mentions: list[Mention], resolutions: list[Resolution | None]) -> list[bool]:
    """Whether to keep each mention: a village only the gazetteer found must fit the article.

    A capitalised word that spaCy did not call a place and that resolves only to a small town in
    a country the article never mentions, far from all its other places, is far more likely a
    name or a word ("Orbis", "Boons") than the one place the article strays to.
    """
    anchors = [
        (m.key, r.entry)
        for m, r in zip(mentions, resolutions, strict=True)
        if r is not None and (m.recognition == NER_RECOGNITION or _strong_entry(r))
    ]
    keep: list[bool] = []
    for mention, resolution in zip(mentions, resolutions, strict=True):
        weak = mention.recognition == WEAK_RECOGNITION
        if resolution is None or mention.recognition in (NER_RECOGNITION, PLACED_RECOGNITION):
            keep.append(True)
            continue
        if _strong_entry(resolution) and not weak:
            keep.append(True)
            continue
        entry = resolution.entry
        # A dictionary word needs a neighbour; a plain village's country being named will do.
        radius = WEAK_NEIGHBOUR_KM if weak else VILLAGE_NEIGHBOUR_KM
        keep.append(
            any(
                key != mention.key
                and (
                    (not weak and other.country == entry.country)
                    or haversine_km(entry.lat, entry.lon, other.lat, other.lon) <= radius
                )
                for key, other in anchors
            )
        )
    return keep


def _strong_entry(resolution: Resolution) -> bool:
    entry = resolution.entry
    return entry.feature != "city" or entry.capital or entry.population >= STRONG_POPULATION


def _to_place(mention: Mention, resolution: Resolution | None, gazetteer: Gazetteer) -> Place:
    if resolution is None:
        score = round(UNRESOLVED_SCORE * mention.recognition, 3)
        return Place(text=mention.text, start=mention.start, end=mention.end, score=score)
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
