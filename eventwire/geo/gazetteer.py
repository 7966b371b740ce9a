"""The gazetteer interface the resolver talks to, and its one in-memory implementation.

`Gazetteer` is a small protocol so that tests (and users with their own place lists) can inject a
hand-built gazetteer; `TableGazetteer` is the production implementation, a columnar table with a
folded-name index, built either from the GeoNames packages (`eventwire.geo.index`) or from a few
`PlaceRow`s (`TableGazetteer.from_rows`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from eventwire.geo.names import fold

Feature = Literal["city", "admin1", "admin2", "country", "region"]
FEATURES: tuple[Feature, ...] = ("city", "admin1", "admin2", "country", "region")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    row: int
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-2; None for continents and world regions
    feature: Feature
    population: int
    admin1: str | None  # GeoNames admin1 key, e.g. "US.TX"; for an admin1 row its own key
    admin2: str | None  # GeoNames admin2 key, e.g. "US.KY.169"
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    # True when the text matched an alternate name rather than the entry's own name.
    alternate: bool


class Gazetteer(Protocol):
    """What the resolver needs from a gazetteer."""

    max_name_tokens: int

    def knows(self, key: str) -> bool:
        """Whether some place has the folded name `key` (the matcher's cheap per-n-gram test)."""
        ...

    def candidates(self, key: str) -> list[Candidate]:
        """Places whose folded name (or alternate name) is `key`."""
        ...

    def abbreviation(self, key: str) -> list[Candidate]:
        """Places that an ambiguous abbreviation ("Ky.", "WA") stands for after "Place, "."""
        ...

    def demonym(self, key: str) -> Entry | None:
        """The country or region a folded adjective ("venezuelan", "european") refers to."""
        ...

    def country(self, alpha2: str) -> Entry | None: ...

    def admin1(self, key: str) -> Entry | None: ...

    def alpha3(self, alpha2: str) -> str | None: ...


@dataclass
class PlaceRow:
    """One place as given to `TableGazetteer.from_rows`: the entry fields plus its names."""

    name: str
    lat: float
    lon: float
    feature: Feature
    country: str | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    capital: bool = False
    alternate_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    alpha3: str | None = None


@dataclass
class TableGazetteer:
    """Columnar gazetteer: one array per field, and dicts from folded names to row numbers.

    Row numbers in `names` are encoded as `row * 2 + alternate` so one tuple of ints carries
    both; columns and int tuples pickle and unpickle an order of magnitude faster than objects.
    """

    geonames_ids: array = field(default_factory=lambda: array("q"))
    names_col: list[str] = field(default_factory=list)
    lats: array = field(default_factory=lambda: array("f"))
    lons: array = field(default_factory=lambda: array("f"))
    countries: list[str | None] = field(default_factory=list)
    features: bytearray = field(default_factory=bytearray)
    populations: array = field(default_factory=lambda: array("q"))
    admin1s: list[str | None] = field(default_factory=list)
    admin2s: list[str | None] = field(default_factory=list)
    capitals: bytearray = field(default_factory=bytearray)
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    abbreviations: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)
    country_rows: dict[str, int] = field(default_factory=dict)
    admin1_rows: dict[str, int] = field(default_factory=dict)
    alpha3s: dict[str, str] = field(default_factory=dict)
    max_name_tokens: int = 1

    @classmethod
    def from_rows(cls, rows: Iterable[PlaceRow]) -> TableGazetteer:
        table = cls()
        for row in rows:
            table.add(row)
        return table

    def add(self, row: PlaceRow) -> int:
        """Append one place with its names; returns its row number."""
        index = len(self.names_col)
        self.geonames_ids.append(row.geonames_id or 0)
        self.names_col.append(row.name)
        self.lats.append(row.lat)
        self.lons.append(row.lon)
        self.countries.append(row.country)
        self.features.append(FEATURES.index(row.feature))
        self.populations.append(row.population)
        self.admin1s.append(row.admin1)
        self.admin2s.append(row.admin2)
        self.capitals.append(row.capital)
        self._index_name(self.names, row.name, index, alternate=False)
        for alternate in row.alternate_names:
            self._index_name(self.names, alternate, index, alternate=True)
        for abbreviation in row.abbreviations:
            self._index_name(self.abbreviations, abbreviation, index, alternate=True)
        for demonym in row.demonyms:
            self.demonyms.setdefault(fold(demonym), index)
        if row.feature == "country" and row.country:
            self.country_rows[row.country] = index
            if row.alpha3:
                self.alpha3s[row.country] = row.alpha3
        if row.feature == "admin1" and row.admin1:
            self.admin1_rows[row.admin1] = index
        return index

    def _index_name(self, target: dict[str, tuple[int, ...]], name: str, index: int, alternate: bool) -> None:
        key = fold(name)
        if not key:
            return
        code = index * 2 + alternate
        existing = target.get(key, ())
        if index * 2 in existing or code in existing:
            return
        target[key] = (*existing, code)
        self.max_name_tokens = max(self.max_name_tokens, key.count(" ") + 1)

    def entry(self, row: int) -> Entry:
        return Entry(
            row=row,
            geonames_id=self.geonames_ids[row] or None,
            name=self.names_col[row],
            lat=round(self.lats[row], 5),
            lon=round(self.lons[row], 5),
            country=self.countries[row],
            feature=FEATURES[self.features[row]],
            population=self.populations[row],
            admin1=self.admin1s[row],
            admin2=self.admin2s[row],
            capital=bool(self.capitals[row]),
        )

    def _decode(self, codes: tuple[int, ...]) -> list[Candidate]:
        return [Candidate(self.entry(code // 2), bool(code % 2)) for code in codes]

    def knows(self, key: str) -> bool:
        return key in self.names

    def candidates(self, key: str) -> list[Candidate]:
        return self._decode(self.names.get(key, ()))

    def abbreviation(self, key: str) -> list[Candidate]:
        return self._decode(self.abbreviations.get(key, ()))

    def demonym(self, key: str) -> Entry | None:
        row = self.demonyms.get(key)
        return None if row is None else self.entry(row)

    def country(self, alpha2: str) -> Entry | None:
        row = self.country_rows.get(alpha2)
        return None if row is None else self.entry(row)

    def admin1(self, key: str) -> Entry | None:
        row = self.admin1_rows.get(key)
        return None if row is None else self.entry(row)

    def alpha3(self, alpha2: str) -> str | None:
        return self.alpha3s.get(alpha2)

    def __len__(self) -> int:
        return len(self.names_col)
