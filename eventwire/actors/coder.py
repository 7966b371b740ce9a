"""Code a noun phrase as PLOVER actors: a country (or non-state) code and a sector for each member.

A phrase is matched against the lexicon, split into members at coordinations ("Hungarian and
Romanian officials" -> two members sharing the head "officials"), and each member is coded from its
head and modifiers:

- the head decides the kind: a role noun ("troops" -> MIL), an organisation ("the UN refugee agency"
  -> UNO), a country or capital ("Russia", "the Kremlin"), a people ("Palestinians" -> CVL) or a
  person ("Juan Guaidó");
- generic heads ("leader", "spokesman", "official") take the sector of what modifies them
  ("opposition leader" -> OPP, "Hamas spokesman" -> REB, "a spokesman for the army" -> MIL);
- strong modifiers override the head ("rebel soldiers" -> REB) and "former" turns GOV into ELI;
- the country comes from a modifier ("Venezuelan troops"), an organisation or person named in the
  phrase, an "of/for/from" phrase ("the president of Armenia"), a country after "in" ("rebels in the
  Ivory Coast"), and only last from the article's dominant country, for state sectors only.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from eventwire.actors.lexicon import Entry, Hit, Lexicon, document_hits, lexicon, norm
from eventwire.records import Actor, ActorMention, Place

# The kinds an ActorMention may have.
MentionKind = Literal["country", "person", "organization", "group", "role"]
# Sectors that belong to a state, so that an unnamed "interior minister" may take the article's country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "PRM", "OPP", "REB", "ELI"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_COORDINATORS = frozenset({"and", "or", "&", "nor", "plus"})
# Prepositions that end the pre-head part of a phrase; of/for/from objects say whose the head is.
_PREPOSITIONS = frozenset(
    "of for from in at on with by near inside within across throughout against to into over under after before "
    "during "
    "among between outside around through without via amid including like toward towards about".split()
)
_OWNER_PREPS = frozenset({"of", "for", "from"})
# Prepositional phrases kept with a noun phrase because they say whose or where it is.
_PHRASE_PREPS = frozenset({"of", "for", "from", "in"})
_LOCATION_PREPS = frozenset({"in", "inside", "within", "across", "throughout"})
# "US-backed rebels" are not American: a country joined to one of these words is a sponsor.
_SPONSOR_WORDS = frozenset({"backed", "funded", "supported", "trained", "armed", "allied", "sponsored", "aligned"})
_SKIP_HEAD_POS = frozenset({"DET", "PUNCT", "PART", "CCONJ", "ADP", "SPACE", "SYM"})
# Heads whose sector a "rebel" or "opposition" modifier does not change: an opposition newspaper is
# still the press, a rebel commander still a rebel.
_KEEP_SECTOR = frozenset({"REB", "JRN", "MED", "REL", "EDU"})
_POSSESSIVES = frozenset({"'s", "’s", "'"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"})
# Entity labels that rule out a person's name after a title ("troops Monday" is not a person).
_NOT_PERSON_LABELS = frozenset(
    "DATE TIME GPE LOC NORP CARDINAL ORDINAL MONEY PERCENT QUANTITY FAC EVENT PRODUCT LAW WORK_OF_ART LANGUAGE".split()
)
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True)
class CodingContext:
    """What the coder may use besides the phrase: the article's date, dominant country, and the
    actor mentions already resolved across the article (persons, pronouns)."""

    lexicon: Lexicon
    published: dt.date | None = None
    default_country: str | None = None
    mentions: Sequence[ActorMention] = ()
    places: Sequence[Place] = ()


@dataclass
class Coded:
    """One coded member of a phrase, with where it is and how it was coded."""

    start: int  # token indices in the Doc
    end: int
    code: str | None
    sector: str | None
    kind: MentionKind
    canonical: str | None = None
    head: int = -1
    adjective_only: bool = False
    code_from_pp: bool = False
    # The code is the article's dominant country, not something the phrase said.
    defaulted: bool = False
    gender: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def is_actor(self) -> bool:
        return self.code is not None or self.sector is not None


def code_phrase(
    span: Span,
    ctx_mentions: list[ActorMention] | None = None,
    default_country: str | None = None,
    *,
    published: dt.date | None = None,
    places: Sequence[Place] = (),
) -> list[Actor]:
    """The actors an arbitrary noun phrase denotes, one per coordinated member.

    `ctx_mentions` (the article's `extract_actors` output) resolves persons and pronouns named
    elsewhere in the article; `default_country` is used only for state sectors with no country in
    the phrase; `published` selects dictionary entries valid on that date.
    """
    cc = CodingContext(lexicon(), published, default_country, ctx_mentions or (), places)
    return [to_actor(span.doc, c) for c in code_span(span, cc) if c.is_actor]


def mention_at(token: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The narrowest mention covering the token's characters, if any."""
    best: ActorMention | None = None
    for m in mentions:
        if m.start <= token.idx < m.end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


def to_actor(doc: Doc, c: Coded) -> Actor:
    span = doc[c.start : c.end]
    return Actor(
        entity_text=span.text,
        code=c.code,
        sector=c.sector,
        identifier_text=c.canonical,
        start=span.start_char,
        end=span.end_char,
    )


def code_span(span: Span, cc: CodingContext) -> list[Coded]:
    """Coded members of the phrase (including ones with neither code nor sector).

    The phrase reads the lexicon matches of its whole Doc (scanned once), so a phrase cut inside a
    longer name ("Sudanese | army", "Burkina | Faso") still sees the name."""
    local = _hits_within(document_hits(span.doc, cc.lexicon), span.start, span.end)
    hit_at = {
        i: h
        for h in local
        if not _inside_person_name(h, span)
        for i in range(h.start, h.end)
        if span.start <= i < span.end
    }
    if len(span) == 1 and span[0].lower_ in PRONOUNS:
        return _pronoun(span[0], cc)
    members: list[Coded] = []
    for part, appositions in _members(span, hit_at):
        coded = _code_member(part, hit_at, cc)
        for extra in appositions:
            coded = _merge_apposition(coded, _code_member(extra, hit_at, cc))
        if coded is not None:
            members.append(coded)
    _share_heads(members)
    if len(members) == 1 and members[0].adjective_only:
        _complete_from_outer_head(span, members[0], cc)
    return members


def _complete_from_outer_head(span: Span, member: Coded, cc: CodingContext) -> None:
    """A national adjective given alone ("Hungarian" out of "Senior Hungarian and Romanian officials")
    takes the sector of the role noun it modifies outside the span."""
    node = span.root
    # "Romanian" in "Hungarian and Romanian officials" hangs off "Hungarian", which hangs off the noun.
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    outer = node.head
    if outer.i == node.i or span.start <= outer.i < span.end or outer.pos_ not in ("NOUN", "PROPN"):
        return
    for coded in code_span(phrase_for(outer), cc):
        if coded.kind == "role" and coded.code == member.code:
            member.sector, member.kind, member.roles = coded.sector, "role", list(coded.roles)
            return


def _hits_within(hits: Sequence[Hit], start: int, end: int) -> Sequence[Hit]:
    """The hits (sorted by start, as `scan` returns them) that overlap tokens [start, end)."""
    first = bisect.bisect_left(hits, start, key=lambda h: h.end - 1)
    last = bisect.bisect_left(hits, end, key=lambda h: h.start)
    return hits[first:last]


def _inside_person_name(hit: Hit, span: Span) -> bool:
    """A place name inside a person's name ("Chad" in "Chad Smith") is part of the name."""
    if hit.entry.kind not in ("country", "capital", "people", "region"):
        return False
    doc = span.doc
    if not all(doc[i].ent_type_ == "PERSON" for i in range(hit.start, hit.end)):
        return False
    # The recogniser often calls a country at the start of a sentence a person ("Benin opened its
    # borders"); only a longer name around the place name makes it part of a name.
    before = hit.start > 0 and doc[hit.start - 1].ent_type_ == "PERSON" and doc[hit.start].ent_iob_ == "I"
    after = hit.end < len(doc) and doc[hit.end].ent_iob_ == "I"
    return before or after


def _pronoun(token: Token, cc: CodingContext) -> list[Coded]:
    m = mention_at(token, cc.mentions)
    if m is None or m.kind != "person":
        return []
    return [Coded(token.i, token.i + 1, m.code, m.sector, "person", m.canonical, head=token.i)]


# --- splitting ----------------------------------------------------------------------------------


def _members(span: Span, hit_at: dict[int, Hit]) -> list[tuple[list[Token], list[list[Token]]]]:
    """Coordinated members of the phrase, each with its appositions ("Guaidó, the opposition leader")."""
    tokens = [t for t in span if not t.is_space]
    free = [t for t in tokens if t.i not in hit_at]
    listing = any(t.lower_ in _COORDINATORS for t in free)
    parts: list[list[Token]] = [[]]
    joins: list[str] = []
    for t in tokens:
        if t.i not in hit_at and (t.lower_ in _COORDINATORS or t.text in {",", ";", "(", ")", "—", "–"}):
            if parts[-1]:
                parts.append([])
                joins.append("coord" if t.lower_ in _COORDINATORS else ("list" if listing else "appos"))
            continue
        parts[-1].append(t)
    if not parts[-1]:
        parts.pop()
    grouped: list[tuple[list[Token], list[list[Token]]]] = []
    for k, part in enumerate(parts):
        join = joins[k - 1] if k else "coord"
        appositive = join == "appos" or (join == "list" and _is_apposition(part, hit_at))
        if grouped and appositive:
            grouped[-1][1].append(part)
        else:
            grouped.append((part, []))
    return grouped


def _is_apposition(part: list[Token], hit_at: dict[int, Hit]) -> bool:
    head = _head(_split_pp(part, hit_at)[0])
    return head is not None and head.dep_ == "appos"


def _split_pp(part: list[Token], hit_at: dict[int, Hit]) -> tuple[list[Token], str | None, list[Token]]:
    for k, t in enumerate(part):
        if k and t.i not in hit_at and t.lower_ in _PREPOSITIONS:
            return part[:k], t.lower_, part[k + 1 :]
    return part, None, []


def _head(tokens: list[Token]) -> Token | None:
    """The syntactic head of a run of tokens: the last nominal whose parent lies outside the run (so
    "refugees fleeing the war" is headed by "refugees"), else the last content token."""
    inside = {t.i for t in tokens}
    last_content: Token | None = None
    for t in reversed(tokens):
        pos = t.pos_
        if pos in _SKIP_HEAD_POS or t.lower_ in _POSSESSIVES:
            continue
        if last_content is None:
            last_content = t
        if pos in _NOMINAL_POS:
            parent = t.head.i
            if parent == t.i or parent not in inside:
                return t
    return last_content


# --- coding one member ----------------------------------------------------------------------------


def pick_entry(hit: Hit, day: dt.date | None) -> Entry:
    """The hit's entry valid on the day (with no date, the most recent one of the best kind); for a
    person no longer in any office, the last office turned into ELI (the manual's former officials)."""
    valid = [e for e in hit.entries if e.valid_on(day)]
    if day is None and len(valid) > 1:
        best = [e for e in valid if e.kind == valid[0].kind]
        return max(best, key=lambda e: e.valid_from or dt.date.min)
    if valid:
        return valid[0]
    kind = hit.entry.kind
    same = [e for e in hit.entries if e.kind == kind]
    if day is not None and kind == "person":
        past = [e for e in same if e.valid_to is not None and e.valid_to <= day]
        if past:
            last = max(past, key=lambda e: e.valid_to or day)
            return replace(last, sector="ELI" if last.code not in ("UNO", "EUR", "IGO") else None)
        return replace(same[0], sector=None)
    return same[0]


def _hits_in(tokens: list[Token], hit_at: dict[int, Hit]) -> list[Hit]:
    seen: list[Hit] = []
    for t in tokens:
        h = hit_at.get(t.i)
        if h is not None and (not seen or seen[-1] is not h):
            seen.append(h)
    return seen


def _is_sponsor(hit: Hit, doc: Doc) -> bool:
    """A country joined to "-backed" ("US-backed rebels") sponsors the head rather than being its country."""
    n = len(doc)
    nxt = doc[hit.end] if hit.end < n else None
    after = doc[hit.end + 1] if hit.end + 1 < n else None
    return nxt is not None and nxt.text == "-" and after is not None and after.lower_ in _SPONSOR_WORDS


def _ethnic(hit: Hit, doc: Doc) -> bool:
    """After "ethnic" a demonym names an ethnicity ("ethnic Albanians in Serbia"), not a country."""
    return hit.start > 0 and doc[hit.start - 1].lower_ == "ethnic"


def _place_code(tokens: list[Token], cc: CodingContext) -> str | None:
    """The country of a geocoded place modifying the head ("Darfur rebels"), nearest first."""
    for t in reversed(tokens):
        if t.ent_type_ == "PERSON":
            continue
        for place in cc.places:
            if place.start <= t.idx < place.end and place.country_code:
                return place.country_code
    return None


def _attitude(hit: Hit, doc: Doc) -> bool:
    """A role after "pro-" or "anti-" ("anti-government") is an attitude towards it, not membership."""
    if hit.start < 2:
        return False
    return doc[hit.start - 1].text == "-" and doc[hit.start - 2].lower_ in {"pro", "anti"}


# "foreign governments", "other countries": explicitly not the article's own country.
_FOREIGN = frozenset({"foreign", "other", "international", "overseas", "western", "neighbouring", "neighboring"})


def _code_member(part: list[Token], hit_at: dict[int, Hit], cc: CodingContext) -> Coded | None:
    pre, prep, obj = _split_pp(part, hit_at)
    head = _head(pre)
    if head is None:
        return None
    doc = head.doc
    head_hit = hit_at.get(head.i)
    mods = [h for h in _hits_in(pre, hit_at) if h is not head_hit and h.start < head.i]
    mods = [h for h in mods if not _attitude(h, doc)]
    person = _person_at(head, head_hit, hit_at, cc)
    start, end = part[0].i, part[-1].i + 1
    if person is None and head_hit is None:
        return None

    country_mods = [
        h
        for h in mods
        if h.entry.kind in ("country", "capital", "people") and not _is_sponsor(h, doc) and not _ethnic(h, doc)
    ]
    region = any(h.entry.kind == "region" for h in mods) or (head_hit is not None and head_hit.entry.kind == "region")
    mod_code = pick_entry(country_mods[-1], cc.published).code if country_mods else None
    # A place name modifying a role ("Darfur rebels") gives its country; a country named as the head
    # ("South Lebanon") keeps its own.
    if mod_code is None and (head_hit is None or head_hit.entry.kind == "role"):
        mod_code = _place_code([t for t in pre if t.i < head.i and t.i not in hit_at], cc)
    owner_code = _owner_code(mods, cc)
    strong = [e.sector for h in mods for e in h.entries if e.role == "strong"]
    former = any(e.role == "former" for h in mods for e in h.entries)
    roles = [h.entry.canonical for h in mods if h.entry.kind == "role"]

    if person is not None:
        code, sector, canonical, gender = person
        title = _title_sector(mods, cc)
        sector = strong[-1] if strong else (title[0] if title is not None else sector)
        code = mod_code or owner_code or code or _pp_code(prep, obj, hit_at, cc)[0]
        coded = Coded(start, end, code, sector, "person", canonical, head=head.i, roles=roles, gender=gender)
        coded.gender = coded.gender or _gender_of(mods, cc)
    else:
        assert head_hit is not None
        entry = pick_entry(head_hit, cc.published)
        if _ethnic(head_hit, doc):
            # "ethnic Albanians in Serbia": a people named by ethnicity takes the country it lives in.
            entry = replace(entry, code=_pp_code(prep, obj, hit_at, cc)[0])
        coded = _code_non_person(entry, mods, prep, obj, hit_at, cc, (start, end, head.i))
        coded.code = mod_code or (coded.code if entry.kind != "role" else owner_code or coded.code)
        if strong and entry.kind == "role" and entry.sector not in _KEEP_SECTOR:
            coded.sector = strong[-1]
        coded.roles = [*roles, entry.canonical] if entry.kind == "role" else roles
        coded.adjective_only = entry.adjective and not mods and prep is None
    if former and coded.sector == "GOV":
        coded.sector = "ELI"
    foreign = any(t.lower_ in _FOREIGN for t in pre if t.i < head.i)
    if (
        coded.code is None
        and not region
        and not foreign
        and coded.sector in STATE_SECTORS
        and coded.kind in ("role", "person")
    ):
        # The article's own mention of this phrase already carries the article's country.
        known = mention_at(head, cc.mentions)
        coded.code = known.code if known is not None and known.code else cc.default_country
        coded.defaulted = coded.code is not None
    return coded


def _code_non_person(
    entry: Entry,
    mods: list[Hit],
    prep: str | None,
    obj: list[Token],
    hit_at: dict[int, Hit],
    cc: CodingContext,
    where: tuple[int, int, int],
) -> Coded:
    start, end, head = where
    if entry.kind == "organization":
        return Coded(start, end, entry.code, entry.sector, "organization", entry.canonical, head=head)
    if entry.kind == "people" or (entry.kind == "region" and entry.sector):
        return Coded(start, end, entry.code, entry.sector, "group", None, head=head)
    if entry.kind in ("country", "capital", "region"):
        return Coded(start, end, entry.code, entry.sector, "country", None, head=head)
    if entry.kind != "role" or entry.role == "former":
        return Coded(start, end, None, None, "role", head=head)
    pp_hits = _hits_in(obj, hit_at) if prep in _OWNER_PREPS else []
    sector, canonical = entry.sector, None
    if entry.role == "generic":
        inherited = _inherited_sector(mods, pp_hits, cc)
        if inherited is not None:
            sector, canonical = inherited
    coded = Coded(start, end, None, sector, "role", canonical, head=head)
    coded.code, coded.code_from_pp = _pp_code(prep, obj, hit_at, cc)
    return coded


def _inherited_sector(mods: list[Hit], pp_hits: list[Hit], cc: CodingContext) -> tuple[str | None, str | None] | None:
    """(sector, identifier) a generic head takes from its nearest modifier, else from its of/for object."""
    for hits in (list(reversed(mods)), pp_hits):
        for h in hits:
            e = pick_entry(h, cc.published)
            if e.kind == "organization":
                return e.sector, e.canonical
            if e.kind == "person":
                return e.sector, e.canonical
            if e.kind == "role" and e.role in ("head", "modifier", "strong"):
                return e.sector, None
            if e.kind == "role" and e.role == "generic" and e.sector is not None:
                return e.sector, None
    return None


def _title_sector(mods: list[Hit], cc: CodingContext) -> tuple[str | None, str | None] | None:
    """The sector a person's title gives ("President" -> GOV; "Hamas leader" -> the group's sector)."""
    for k in range(len(mods) - 1, -1, -1):
        e = mods[k].entry
        if e.kind != "role" or e.role not in ("head", "generic", "strong", "modifier"):
            continue
        if e.role == "generic":
            inherited = _inherited_sector(mods[:k], [], cc)
            return inherited if inherited is not None else (e.sector, None)
        return e.sector, None
    return None


def _owner_code(mods: list[Hit], cc: CodingContext) -> str | None:
    """The code of an organisation or person modifying the head ("Hamas fighters", "Putin's envoy")."""
    for h in reversed(mods):
        e = pick_entry(h, cc.published)
        if e.kind in ("organization", "person") and e.code:
            return e.code
    return None


def _pp_code(prep: str | None, obj: list[Token], hit_at: dict[int, Hit], cc: CodingContext) -> tuple[str | None, bool]:
    if prep is None or not obj:
        return None, False
    hits = _hits_in(obj, hit_at)
    if prep in _OWNER_PREPS:
        for h in hits:
            e = pick_entry(h, cc.published)
            if e.code and e.kind != "role":
                return e.code, True
        for t in obj:
            m = mention_at(t, cc.mentions)
            if m is not None and m.code and m.kind in ("person", "organization"):
                return m.code, True
    if prep in _OWNER_PREPS or prep in _LOCATION_PREPS:
        head = _head(obj)
        if head is not None and head.i in hit_at and hit_at[head.i].entry.kind in ("country", "capital"):
            return hit_at[head.i].entry.code, True
        code = _place_code([t for t in obj if t.i not in hit_at], cc)
        if code is not None:
            return code, True
    return None, False


def _person_at(
    head: Token, head_hit: Hit | None, hit_at: dict[int, Hit], cc: CodingContext
) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(code, sector, canonical, gender) when the head is a person: from the article's resolved
    mentions first, else the dictionary, else a named-entity person or a name after a title."""
    m = mention_at(head, cc.mentions)
    if m is not None and m.kind == "person":
        return m.code, m.sector, m.canonical, None
    if head_hit is not None and head_hit.entry.kind == "person":
        e = pick_entry(head_hit, cc.published)
        return e.code, e.sector, e.canonical, e.gender
    if head_hit is not None:
        return None
    if head.ent_type_ == "PERSON":
        name = [t for t in head.doc[_ent_start(head) : head.i + 1] if t.ent_type_ == "PERSON"]
        return None, None, " ".join(t.text for t in name) or None, None
    titled = titled_name(head, hit_at)
    if titled is not None:
        return None, None, head.doc[titled[0] : titled[1]].text, None
    return None


def titled_name(head: Token, hit_at: dict[int, Hit]) -> tuple[int, int] | None:
    """Token range of a name the entity recogniser missed but a title announces ("Vice-President
    Moody Awori"): capitalised proper nouns right after a capitalised title or an honorific."""
    if not _name_like(head) or head.i in hit_at:
        return None
    doc = head.doc
    k = head.i
    while k > 0 and _name_like(doc[k - 1]) and k - 1 not in hit_at:
        k -= 1
    title = hit_at.get(k - 1)
    if title is None or title.entry.kind not in ("role", "honorific") or head.i - k > 3:
        return None
    if title.entry.kind == "role" and not doc[title.start].text[:1].isupper():
        return None
    return k, head.i + 1


def _name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in _NOT_PERSON_LABELS


def _ent_start(token: Token) -> int:
    i = token.i
    while i > 0 and token.doc[i - 1].ent_type_ == token.ent_type_ and token.doc[i].ent_iob_ != "B":
        i -= 1
    return i


def _gender_of(mods: list[Hit], cc: CodingContext) -> str | None:
    for h in mods:
        if h.entry.kind == "honorific" and h.entry.gender:
            return h.entry.gender
        g = cc.lexicon.gender_words.get(h.entry.canonical.lower())
        if g:
            return g
    return None


def _merge_apposition(main: Coded | None, extra: Coded | None) -> Coded | None:
    """An apposition ("Juan Guaidó, the opposition leader") is one actor, the person's, completed by the role."""
    if main is None:
        return extra
    if extra is None:
        return main
    person, other = (extra, main) if extra.kind == "person" and main.kind != "person" else (main, extra)
    merged = replace(person, start=min(main.start, extra.start), end=max(main.end, extra.end))
    if merged.kind == "person":
        merged.code = merged.code or other.code
        merged.sector = merged.sector or other.sector
        merged.roles = [*merged.roles, *other.roles]
        merged.gender = merged.gender or other.gender
    return merged


def _share_heads(members: list[Coded]) -> None:
    """Shared heads: in "Hungarian and Romanian officials" an adjective alone takes the head of the member
    after it; in "leaders of Hungary and Romania" a bare country takes the head of the member before it."""
    for k, m in enumerate(members):
        if m.adjective_only:
            later = next((n for n in members[k + 1 :] if n.kind == "role" and not n.adjective_only), None)
            if later is not None:
                m.sector, m.kind, m.roles = later.sector, later.kind, list(later.roles)
        elif m.kind == "country" and m.sector is None and k:
            before = members[k - 1]
            if before.kind == "role" and before.code_from_pp:
                m.sector, m.kind = before.sector, "role"


def name_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The tokens of a person's name without titles, possessive or suffixes ("President Biden's" -> Biden)."""
    words = [t for t in tokens if t.text not in {"'s", "’s", "'", ","}]
    while words and words[-1].lower_ in _NAME_SUFFIXES:
        words.pop()
    return words


def extend_with_owner(chunk: Span) -> Span:
    """The chunk with a following of/for/from/in phrase whose object names someone ("a spokesman for the
    army", "the president of Armenia", "rebels in Ivory Coast"), not "the group for control"."""
    doc = chunk.doc
    if chunk.end >= len(doc):
        return chunk
    # Only a preposition right after the chunk and attached to its root can extend it.
    child = doc[chunk.end]
    preposition = child.lower_
    if preposition not in _PHRASE_PREPS or child.dep_ != "prep":
        return chunk
    root = chunk.root
    # "rebels in Ivory Coast" names a group by its place; "Pompeo in Bogota" is where a person was.
    if child.head.i != root.i or (preposition == "in" and root.pos_ == "PROPN"):
        return chunk
    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
    if obj is None:
        return chunk
    end = max(t.i for t in obj.subtree if t.i <= obj.i or t.dep_ in ("compound", "amod")) + 1
    end = max(end, obj.i + 1)
    return doc[chunk.start : end] if _names_someone(doc[child.i + 1 : end]) else chunk


def _names_someone(tokens: Span) -> bool:
    table = lexicon().table
    return any(t.pos_ == "PROPN" or (norm(t.text),) in table for t in tokens if not t.is_stop)


def phrase_for(token: Token) -> Span:
    """The noun phrase a head token heads, without its conjuncts and clauses (for the event coder,
    whose role heads are already split at conjunctions)."""
    doc = token.doc
    left = token
    for child in token.lefts:
        if child.dep_ not in ("cc", "conj", "punct", "prep", "relcl", "acl"):
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    return extend_with_owner(doc[left.i : token.i + 1])
