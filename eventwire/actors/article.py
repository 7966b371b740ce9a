"""Article-level actor knowledge: noun phrases, the dominant country, and persons across the text.

Persons are linked across the article by name ("Juan Guaidó" ... "Guaidó" ... "Mr. Guaidó"), coded
from what the text says about them (a title, an apposition) before the dictionary, and pronouns
("he", "she") are resolved to the most salient compatible person of the nearest sentence before them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventwire.actors.coder import (
    PRONOUNS,
    STATE_SECTORS,
    Coded,
    CodingContext,
    code_span,
    extend_with_owner,
    name_tokens,
    pick_entry,
    titled_name,
)
from eventwire.actors.lexicon import Hit, document_hits, is_nonstate, lexicon, norm
from eventwire.records import ActorMention, Place

# A country or capital governed by one of these is where something happened, not who did it.
LOCATIVE_PREPS = frozenset(
    "in at into inside near across throughout within outside around to toward towards through via over "
    "from onto along".split()
)
# Byte sequences of UTF-8 read as Windows-1252 ("â€œ" for a curly quote): text around them is damaged.
_MOJIBAKE = ("â€", "Ã", "Â")
_DASHES = frozenset({"—", "–", "-", "--"})
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
# A dateline has at most this many tokens before its dash.
DATELINE_TOKENS = 10
# How many sentences back a pronoun may reach for its antecedent.
PRONOUN_WINDOW = 4
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def noun_phrases(doc: Doc) -> list[Span]:
    """Noun chunks, each extended by an of/for/from/in phrase that says whose it is ("a spokesman for
    the army", "rebels in Ivory Coast"), plus named entities that fall outside every chunk."""
    spans: list[Span] = []
    covered: set[int] = set()
    for chunk in doc.noun_chunks:
        spans.append(extend_with_owner(chunk))
        covered.update(range(chunk.start, chunk.end))
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and not covered.intersection(range(ent.start, ent.end)):
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start)


def dominant_country(doc: Doc, hits: Sequence[Hit] | None = None, places: Sequence[Place] = ()) -> str | None:
    """The article's country when the text supports it: the dateline's, the only country named, or a
    clear majority of the country mentions (at least two and half of all). None when it is about several.
    `hits` are the doc's lexicon matches (scanned here when not given)."""
    if hits is None:
        hits = document_hits(doc, lexicon())
    votes: Counter[str] = Counter()
    for h in hits:
        e = h.entry
        if e.code and not is_nonstate(e.code) and e.kind in ("country", "capital", "people") and not _currency(doc, h):
            votes[e.code] += 1
    # A country name is a toponym too: a place counts only where no country mention already did.
    counted = {doc[h.start].idx for h in hits}
    for p in places:
        if p.country_code and len(p.country_code) == 3 and p.start not in counted:
            votes[p.country_code] += 1
    dateline = _dateline_country(doc, hits, places)
    # A dateline names the article's home country unless the text is mostly about another one.
    if dateline and votes[dateline] * 3 >= max(votes.values(), default=0):
        return dateline
    if not votes:
        return dateline
    top, n = votes.most_common(1)[0]
    # The only country the text names, or a clear majority of at least two mentions.
    if len(votes) == 1 or (n >= 2 and n * 2 >= sum(votes.values())):
        return top
    return None


def _first_line(doc: Doc, limit: int = 80) -> list[Token]:
    """Tokens of the first line, at most `limit` characters (where a dateline would be)."""
    tokens = []
    for t in doc:
        if t.idx >= limit or "\n" in t.text:
            break
        tokens.append(t)
        if "\n" in t.whitespace_:
            break
    return tokens


def _currency(doc: Doc, hit: Hit) -> bool:
    """ "US $50 million", "U.S. dollars": a currency, which says nothing about where the story is."""
    following = doc[hit.end] if hit.end < len(doc) else None
    return following is not None and (following.text in ("$", "dollars", "dollar") or following.text.startswith("$"))


def _dateline_country(doc: Doc, hits: Sequence[Hit], places: Sequence[Place]) -> str | None:
    """The country of a dateline ("NAIROBI (Reuters) -", "Caracas, Venezuela —") in the first line."""
    end = _dateline_end(doc)
    if not end:
        return None
    for h in hits:
        if doc[h.start].idx >= end:
            break
        if h.entry.kind in ("country", "capital") and not is_nonstate(h.entry.code):
            return h.entry.code
    for p in places:
        if p.start < end and p.country_code:
            return p.country_code
    return None


# --- persons ------------------------------------------------------------------------------------


@dataclass(eq=False)
class Person:
    """One person across the article (compared by identity: two people may share a name)."""

    name: str
    words: list[str]
    code: str | None = None
    sector: str | None = None
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    dict_code: str | None = None
    dict_sector: str | None = None
    unnamed: bool = False

    @property
    def surname(self) -> str:
        return self.words[-1]


@dataclass
class NameMention:
    start: int  # token indices
    end: int
    person: Person
    salience: int
    sent: int


def article_mentions(doc: Doc, hits: Sequence[Hit], cc: CodingContext) -> list[ActorMention]:
    """Every actor mention of the article: named persons, the noun phrases the lexicon can code,
    definite titles ("the minister") and pronouns resolved to persons."""
    hit_at = {i: h for h in hits for i in range(h.start, h.end)}
    sent_of = _sentence_numbers(doc)
    names = _name_mentions(doc, hit_at, cc, sent_of)
    for p in dict.fromkeys(m.person for m in names):
        p.code = p.code or p.dict_code
        p.sector = p.sector or p.dict_sector
        if p.code is None and p.sector in STATE_SECTORS:
            p.code = cc.default_country
    # A lone capitalised word with nothing said about it is more often a place the recogniser took for
    # a person ("Minova said to be calm") than a person; it is dropped.
    names = [m for m in names if len(m.person.words) > 1 or m.person.code or m.person.sector or m.person.roles]
    found = {(m.start, m.end): _as_mention(doc, m.start, m.end, m.person) for m in names}
    coding = replace(cc, mentions=list(found.values()))
    skip_before = _dateline_end(doc)
    for phrase in noun_phrases(doc):
        # A phrase without a lexicon match can only be a person, and names were coded above.
        matched = [hit_at[i] for i in range(phrase.start, phrase.end) if i in hit_at]
        if not matched:
            continue
        # A name the chunker cut ("Doctors | Without | Borders") is coded whole.
        start, end = min(phrase.start, matched[0].start), max(phrase.end, matched[-1].end)
        for coded in code_span(doc[start:end], coding):
            if not coded.is_actor or coded.kind == "person" or _is_place(doc, coded, skip_before):
                continue
            head = doc[coded.head]
            person = _titled_person(doc, coded, names, cc)
            if person is not None:
                names.append(NameMention(coded.start, coded.end, person, _salience(head), sent_of[head.i]))
                mention = _as_mention(doc, coded.start, coded.end, person)
            else:
                mention = _coded_mention(doc, coded)
                unnamed = _unnamed_person(doc, coded, mention, cc)
                if unnamed is not None:
                    names.append(NameMention(coded.start, coded.end, unnamed, _salience(head), sent_of[head.i]))
                    mention = mention.model_copy(update={"kind": "person", "canonical": mention.text})
            found.setdefault((mention.start, mention.end), mention)
    names.sort(key=lambda m: m.start)
    for mention in _pronoun_mentions(doc, names, sent_of):
        found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda m: (m.start, m.end))


def _is_place(doc: Doc, coded: Coded, dateline_end: int) -> bool:
    """A country or capital that says where, not who: in a dateline or after "in", "at", "to"..."""
    head = doc[coded.head]
    if head.idx < dateline_end:
        return True
    return coded.kind == "country" and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _dateline_end(doc: Doc) -> int:
    """End of a dateline such as "NAIROBI (Reuters) -" or "Caracas, Venezuela —" (0 if none): the
    place and the agency credit there are not actors of the story. A dateline is a few capitalised
    words before a dash (or after a credit in brackets) that start with a place in capitals, or hold
    a comma or a bracketed credit, so "President William Ruto - speaking on Monday -" is not one."""
    line = _first_line(doc)
    if not line or not line[0].text[:1].isupper():
        return 0
    marks = [k for k, t in enumerate(line) if k and (t.text in _DASHES or (t.text == ")" and line[0].is_upper))]
    if not marks or marks[0] > DATELINE_TOKENS:
        return 0
    before = line[: marks[0]]
    bracketed = any(t.text == "(" for t in before)
    words = [t for t in before if t.is_alpha and not _in_brackets(t, before)]
    if not all(t.text[:1].isupper() for t in words):
        return 0
    if line[0].is_upper or bracketed or any(t.text == "," for t in before):
        return line[marks[0]].idx + 1
    return 0


def _in_brackets(token: Token, tokens: list[Token]) -> bool:
    opened = [t.i for t in tokens if t.text == "("]
    closed = [t.i for t in tokens if t.text == ")"]
    return any(o < token.i and all(c < o or c > token.i for c in closed) for o in opened)


def _titled_person(doc: Doc, coded: Coded, names: Sequence[NameMention], cc: CodingContext) -> Person | None:
    """The named person a definite office stands for ("the minister" -> Jorge Arreaza)."""
    head = doc[coded.head]
    if coded.kind != "role" or doc[coded.start].lower_ != "the" or head.tag_ not in ("NN", "NNP"):
        return None
    if not coded.roles or norm(coded.roles[-1]) not in cc.lexicon.offices:
        return None
    return person_for_title(coded, names)


def _unnamed_person(doc: Doc, coded: Coded, mention: ActorMention, cc: CodingContext) -> Person | None:
    """A singular role that denotes one person ("a police spokesman", "Serbia's president"), as a
    person a later "he" or "she" may refer to; it has no name, so nothing links to it by name."""
    head = doc[coded.head]
    if coded.kind != "role" or head.tag_ != "NN" or not coded.roles:
        return None
    word = norm(coded.roles[-1])
    if word not in cc.lexicon.person_nouns:
        return None
    return Person(
        name=mention.text,
        words=[],
        code=mention.code,
        sector=mention.sector,
        gender=cc.lexicon.gender_words.get(word),
        unnamed=True,
    )


def _coded_mention(doc: Doc, coded: Coded) -> ActorMention:
    span = _clean_edges(doc[coded.start : coded.end])
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        code=coded.code,
        sector=coded.sector,
        kind=coded.kind,
        canonical=coded.canonical,
        identifier_text=coded.canonical,
    )


def _salience(head: Token) -> int:
    """Subjects (also through an apposition) outrank objects, which outrank possessors."""
    dep = head.head.dep_ if head.dep_ == "appos" else head.dep_
    if dep in _SUBJECT_DEPS:
        return 2
    return 0 if dep == "poss" else 1


def person_for_title(coded: Coded, names: Sequence[NameMention]) -> Person | None:
    """The person a definite title refers to ("the minister" -> the last person titled minister;
    "the Venezuelan president" -> the last Venezuelan one)."""
    if not coded.roles:
        return None
    title = coded.roles[-1].split()[-1]
    for m in reversed(names):
        p = m.person
        if m.end > coded.start:
            continue
        if any(r.split()[-1] == title for r in p.roles) and (coded.defaulted or coded.code in (None, p.code)):
            return p
    return None


def _clean_edges(span: Span) -> Span:
    """The span without edge tokens that are not words or are damaged ("â€œThe army" -> "army")."""
    start, end = span.start, span.end
    while start < end - 1 and _damaged(span.doc[start]):
        start += 1
    while end - 1 > start and _damaged(span.doc[end - 1]):
        end -= 1
    return span.doc[start:end]


def _damaged(token: Token) -> bool:
    text = token.text
    return not any(c.isalnum() for c in text) or any(mark in text for mark in _MOJIBAKE)


def _as_mention(doc: Doc, start: int, end: int, p: Person) -> ActorMention:
    span = _clean_edges(doc[start:end])
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        code=p.code,
        sector=p.sector,
        kind="person",
        canonical=p.name,
        identifier_text=p.name,
    )


def _name_spans(doc: Doc, hit_at: dict[int, Hit], cc: CodingContext) -> list[tuple[int, int]]:
    """Token ranges of person names: dictionary persons and spaCy PERSON entities, titles removed."""
    spans: dict[int, int] = {}
    for h in dict.fromkeys(hit_at.values()):
        if h.entry.kind == "person":
            spans[h.start] = h.end
    dateline = _dateline_end(doc)
    agency = _agency_credit(doc, dateline)
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in spans for i in range(ent.start, ent.end)):
            continue
        if ent.start_char < dateline or ent.text == agency or _is_known_non_person(ent, hit_at, cc):
            continue
        words = [t for t in name_tokens(ent) if not (t.i in hit_at and hit_at[t.i].entry.kind in ("role", "honorific"))]
        if words and _plausible_name(words):
            spans[words[0].i] = words[-1].i + 1
    taken = {i for start, end in spans.items() for i in range(start, end)}
    titles = [h for h in dict.fromkeys(hit_at.values()) if h.entry.kind in ("role", "honorific")]
    for title in titles:
        # The name after a title ends at its last proper noun: try each up to four tokens on.
        for i in range(title.end, min(title.end + 4, len(doc))):
            if i in taken or doc[i].pos_ != "PROPN":
                break
            if i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
                continue
            titled = titled_name(doc[i], hit_at)
            if titled is not None and _plausible_name(list(doc[titled[0] : titled[1]])):
                spans[titled[0]] = titled[1]
    return sorted(spans.items())


def _agency_credit(doc: Doc, dateline_end: int) -> str | None:
    """The outlet credited in the dateline ("GOMA (Meridian Wire) —"), which is no person when it recurs."""
    line = [t for t in _first_line(doc) if t.idx < dateline_end]
    opened = [k for k, t in enumerate(line) if t.text == "("]
    closed = [k for k, t in enumerate(line) if t.text == ")"]
    if opened and closed and closed[-1] > opened[0] + 1:
        return doc[line[opened[0] + 1].i : line[closed[-1] - 1].i + 1].text
    return None


def _is_known_non_person(ent: Span, hit_at: dict[int, Hit], cc: CodingContext) -> bool:
    """The small model calls many places and groups persons ("Goma", "Hutu", "Yugoslav Republic" out of
    "the Former Yugoslav Republic of Macedonia"): a "person" within a lexicon place, people or
    organisation, or exactly a geocoded place, is not one."""
    hit = hit_at.get(ent.start)
    if hit is not None and hit.start <= ent.start and ent.end <= hit.end and hit.entry.kind != "person":
        return True
    return any(p.start == ent.start_char and p.end == ent.end_char for p in cc.places)


def _plausible_name(words: list[Token]) -> bool:
    """Names are 1-5 capitalised words; lower-case or symbol-laden 'names' come from damaged text."""
    if len(words) > 6 or not words[0].text[:1].isupper() or not words[-1].text[:1].isupper():
        return False
    if len(words) == 1 and sum(c.isalpha() for c in words[0].text) < 2:
        return False  # "B." alone is an initial, not a name
    for t in words:
        text = t.text
        if text == "-":
            continue
        # Lower-case particles inside a name: "Fazl-ur-Rehman", "Ahmed bin Salman", "de Klerk".
        if not text[:1].isupper() and not (text.isalpha() and len(text) <= 3):
            return False
        if any(not (c.isalpha() or c in "-.'’") for c in text):
            return False
    return True


def _sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    numbers = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        numbers[sent.start : sent.end] = [k] * (sent.end - sent.start)
    return numbers


def _name_mentions(doc: Doc, hit_at: dict[int, Hit], cc: CodingContext, sent_of: list[int]) -> list[NameMention]:
    mentions: list[NameMention] = []
    persons: list[Person] = []
    for start, end in _name_spans(doc, hit_at, cc):
        words = [norm(t.text) for t in doc[start:end] if t.text != "-"]
        person = _link(words, persons, mentions)
        if person is None:
            person = Person(name=doc[start:end].text, words=words)
            persons.append(person)
        if person.gender is None and len(words) > 1:
            person.gender = cc.lexicon.first_names.get(words[0])
        elif len(words) > len(person.words):
            person.name, person.words = doc[start:end].text, words
        _add_evidence(person, doc, start, end, hit_at, cc)
        head = doc[end - 1]
        mentions.append(NameMention(start, end, person, _salience(head), sent_of[head.i]))
    mentions += _surnames_missed(doc, hit_at, mentions, sent_of)
    return sorted(mentions, key=lambda m: m.start)


def _surnames_missed(
    doc: Doc, hit_at: dict[int, Hit], mentions: list[NameMention], sent_of: list[int]
) -> list[NameMention]:
    """Later surname-only mentions the entity recogniser missed ("Keita later met ...")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    first_seen: dict[str, tuple[int, Person]] = {}
    for m in mentions:
        if len(m.person.words) > 1 and len(m.person.surname) > 2:
            first_seen.setdefault(m.person.surname, (m.start, m.person))
    found: list[NameMention] = []
    if not first_seen:
        return found
    for token in doc:
        known = first_seen.get(norm(token.text))
        if known is None or token.i in taken or token.i in hit_at or token.i < known[0]:
            continue
        if token.text[:1].isupper() and token.pos_ == "PROPN" and not token.is_upper:
            found.append(NameMention(token.i, token.i + 1, known[1], _salience(token), sent_of[token.i]))
    return found


def _link(words: list[str], persons: list[Person], mentions: list[NameMention]) -> Person | None:
    """The person a name refers to: the same full name, or the most recent person with that surname
    (a full name also links to an earlier surname-only person)."""
    for m in reversed(mentions):
        p = m.person
        if p.words == words:
            return p
    surname = words[-1]
    for m in reversed(mentions):
        p = m.person
        if p.surname == surname and (len(words) == 1 or len(p.words) == 1 or p.words[0] == words[0]):
            return p
    return None


def _add_evidence(person: Person, doc: Doc, start: int, end: int, hit_at: dict[int, Hit], cc: CodingContext) -> None:
    """What this mention says about the person: a title in its phrase, an apposition, the dictionary."""
    head = doc[end - 1]
    name_hit = hit_at.get(start)
    if name_hit is not None and name_hit.entry.kind == "person" and name_hit.end == end:
        entry = pick_entry(name_hit, cc.published)
        person.dict_code = person.dict_code or entry.code
        person.dict_sector = person.dict_sector or entry.sector
        person.gender = person.gender or entry.gender
    elif person.dict_code is None:
        _dictionary_by_surname(person, cc)
    for coded in _described_by(head, cc):
        person.code = person.code or coded.code
        person.sector = person.sector or coded.sector
        person.gender = person.gender or coded.gender
        person.roles += [r for r in coded.roles if r not in person.roles]


def _dictionary_by_surname(person: Person, cc: CodingContext) -> None:
    for key in (tuple(person.words), (person.surname,)):
        entries = [e for e in cc.lexicon.table.get(key, []) if e.kind == "person"]
        if entries:
            entry = pick_entry(Hit(0, 1, tuple(entries)), cc.published)
            person.dict_code, person.dict_sector = entry.code, entry.sector
            person.gender = person.gender or entry.gender
            return


def _described_by(head: Token, cc: CodingContext) -> list[Coded]:
    """Coded descriptions of the person whose name ends at `head`: the noun phrase around the name
    ("Venezuelan opposition leader Juan Guaidó") and appositions on either side ("Juan Guaidó, the
    opposition leader" / "the opposition leader, Juan Guaidó")."""
    doc = head.doc
    plain = replace(cc, mentions=(), default_country=None)
    found: list[Coded] = []
    left = head.left_edge.i
    if left < head.i:
        found += [c for c in code_span(doc[left : head.i + 1], plain) if c.head == head.i]
    appositions = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        appositions.append(head.head)
    for token in appositions:
        phrase = _appositive_phrase(token)
        found += [c for c in code_span(phrase, plain) if c.kind == "role" and c.head == token.i]
    return found


def _appositive_phrase(token: Token) -> Span:
    doc = token.doc
    left = min((c.left_edge.i for c in token.lefts if c.dep_ not in ("punct", "cc")), default=token.i)
    return extend_with_owner(doc[left : token.i + 1])


def _pronoun_mentions(doc: Doc, names: list[NameMention], sent_of: list[int]) -> list[ActorMention]:
    if not names:
        return []
    out: list[ActorMention] = []
    for token in doc:
        low = token.lower_
        if low not in PRONOUNS or token.pos_ not in ("PRON", "DET"):
            continue
        gender = "m" if low in _MALE else "f" if low in _FEMALE else None
        person = _antecedent(token.i, sent_of[token.i], gender, names)
        if person is None:
            continue
        person.gender = person.gender or gender
        out.append(
            ActorMention(
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                code=person.code,
                sector=person.sector,
                kind="person",
                canonical=person.name,
                # An unnamed person ("a police spokesman ... he said") has no identifier.
                identifier_text=None if person.unnamed else person.name,
            )
        )
    return out


def _antecedent(position: int, sent: int, gender: str | None, names: list[NameMention]) -> Person | None:
    """The person a pronoun refers to: in the nearest sentence (this one or up to PRONOUN_WINDOW
    back) with a compatible named person, the subject if there is one, else the first named."""
    before = [m for m in names if m.end <= position and sent - PRONOUN_WINDOW <= m.sent <= sent]
    compatible = [m for m in before if m.person.gender in (None, gender)]
    if not compatible:
        return None
    nearest = max(m.sent for m in compatible)
    candidates = [m for m in compatible if m.sent == nearest]
    best = max(m.salience for m in candidates)
    return next(m.person for m in candidates if m.salience == best)
