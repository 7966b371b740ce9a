"""Toponym recognition and resolution on real parses, with the GeoNames gazetteer and a tiny one."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.extract.places import find_places
from eventwire.geo import PlaceRow, TableGazetteer, article_city, dateline_end, load_gazetteer, locate_event
from eventwire.nlp.model import load_model
from eventwire.records import Place

# Written for this test: a border-crossing report in the style of a wire story.
BORDER_ARTICLE = """CUCUTA, Colombia — Venezuelan National Guard troops fired tear gas on Saturday at volunteers \
pushing aid trucks across the Simón Bolívar bridge between Cúcuta and San Antonio del Táchira.

Two trucks were set on fire in Ureña, a Venezuelan border town, witnesses said. Residents of Urena said \
the smoke could be seen for hours.

In Bogotá, the foreign minister called the attack a crime. Venezuela closed its border crossings. The \
singer Paris Hilton, who was not in the region, posted a message of support.
"""


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _by_text(places: list[Place]) -> dict[str, list[Place]]:
    result: dict[str, list[Place]] = {}
    for place in places:
        result.setdefault(place.text, []).append(place)
    return result


def test_border_article_places_are_found_and_resolved(nlp: Language) -> None:
    doc = nlp(BORDER_ARTICLE)
    places = find_places(doc, load_gazetteer())
    found = _by_text(places)
    for place in places:
        assert BORDER_ARTICLE[place.start : place.end] == place.text
        assert 0.0 <= place.score <= 1.0

    [dateline] = found["CUCUTA"]
    [cucuta] = found["Cúcuta"]
    assert dateline.name == cucuta.name == "Cúcuta" and cucuta.country_code == "COL" and cucuta.feature == "city"
    [bogota] = found["Bogotá"]
    assert bogota.lat == pytest.approx(4.61, abs=0.02) and bogota.lon == pytest.approx(-74.08, abs=0.02)
    assert bogota.country_code == "COL" and bogota.geonames_id == 3688689
    [urena] = found["Ureña"]
    [urena_ascii] = found["Urena"]
    assert urena.geonames_id == urena_ascii.geonames_id and urena.country_code == "VEN"
    [san_antonio] = found["San Antonio del Táchira"]
    assert san_antonio.country_code == "VEN" and san_antonio.lat == pytest.approx(7.81, abs=0.05)
    assert all(p.feature == "country" and p.country_code == "VEN" for p in found["Venezuela"])
    assert all(p.feature == "country" and p.country_code == "VEN" for p in found["Venezuelan"])

    [bridge] = [p for p in places if "Bolívar" in p.text]
    assert bridge.feature == "landmark" and bridge.geonames_id is None
    # The bridge is placed at the town it spans from, never at a town called "Simón Bolívar".
    assert bridge.lat == pytest.approx(cucuta.lat, abs=0.2) and bridge.lon == pytest.approx(cucuta.lon, abs=0.2)

    assert not any("Paris" in p.text or "Hilton" in p.text for p in places)
    # A resolved town outranks the unresolvable landmark in certainty.
    assert bridge.score < cucuta.score


def test_people_and_outlets_named_after_places_are_not_places(nlp: Language) -> None:
    text = (
        "Liverpool captain Jordan Henderson scored twice. The Washington Post said Paris Hilton would "
        "attend. Mr. Jordan declined to comment. Officials in Amman, Jordan, confirmed the visit."
    )
    places = find_places(nlp(text), load_gazetteer())
    texts = [p.text for p in places]
    assert "Amman" in texts and texts.count("Jordan") == 1
    assert not any(t in ("Washington", "Paris", "Hilton", "Henderson") for t in texts)


def test_abbreviations_containers_and_possessives(nlp: Language) -> None:
    text = (
        "A man from Lexington, Ky. was arrested in Red Deer, Alta. on Monday. Syria's army shelled "
        "Aleppo, and U.S. officials met in Cairns, Queensland, to discuss Colombia–Venezuela border trade "
        "and the U.K.-led talks."
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert found["Ky."][0].name == "Kentucky" and found["Lexington"][0].admin1 == "Kentucky"
    assert found["Alta."][0].name == "Alberta" and found["Red Deer"][0].country_code == "CAN"
    assert found["Syria"][0].country_code == "SYR" and found["Aleppo"][0].country_code == "SYR"
    assert found["U.S."][0].country_code == "USA"
    assert found["U.K."][0].country_code == "GBR"  # a prefix of the token "U.K.-led"
    assert found["Cairns"][0].country_code == "AUS" and found["Queensland"][0].feature == "admin1"
    assert found["Colombia"][0].country_code == "COL" and found["Venezuela"][0].country_code == "VEN"


@pytest.mark.parametrize(
    "text",
    [
        "12 34 5678 90.5 1,000,000 -3 +7 2019-02-23",
        "THE POLICE SAID THE MOST DANGEROUS MAN IN THE CITY WAS ARRESTED ON MONDAY AFTER A LONG CHASE.",
        "Ã©Ã¨Ã  â€” â€œquotedâ€\x9d ï»¿ Ã‚Â§ mojibake everywhere Ã¼ber",
        "BREAKING: UPDATE - Troops entered the capital on Monday, officials said.",
        "",
    ],
)
def test_bad_input_gives_no_invented_places(nlp: Language, text: str) -> None:
    assert find_places(nlp(text), load_gazetteer()) == []


def test_long_run_on_sentence_keeps_its_one_place(nlp: Language) -> None:
    text = " ".join(["protesters marched and police fired and crowds ran"] * 220) + " in Caracas."
    places = find_places(nlp(text), load_gazetteer())
    assert [(p.text, p.country_code) for p in places] == [("Caracas", "VEN")]


def _tiny_gazetteer() -> TableGazetteer:
    """Two Georgias, two Parises, two Washingtons and the places that tell them apart."""
    return TableGazetteer.from_rows(
        [
            PlaceRow(
                "United States",
                39.8,
                -98.6,
                "country",
                country="US",
                population=327_000_000,
                alpha3="USA",
                alternate_names=("U.S.",),
                demonyms=("American",),
            ),
            PlaceRow(
                "Georgia",
                42.0,
                43.5,
                "country",
                country="GE",
                population=3_700_000,
                alpha3="GEO",
                demonyms=("Georgian",),
            ),
            PlaceRow("France", 46.0, 2.0, "country", country="FR", population=67_000_000, alpha3="FRA"),
            PlaceRow("Georgia", 32.8, -83.2, "admin1", country="US", admin1="US.GA", population=10_000_000),
            PlaceRow("Texas", 31.3, -99.3, "admin1", country="US", admin1="US.TX", population=29_000_000),
            PlaceRow("Washington", 47.3, -120.8, "admin1", country="US", admin1="US.WA", population=7_600_000),
            PlaceRow("Atlanta", 33.75, -84.39, "city", country="US", admin1="US.GA", population=500_000),
            PlaceRow("Tbilisi", 41.69, 44.83, "city", country="GE", population=1_100_000, capital=True),
            PlaceRow("Paris", 48.85, 2.35, "city", country="FR", population=2_100_000, capital=True),
            PlaceRow("Paris", 33.66, -95.56, "city", country="US", admin1="US.TX", population=25_000),
            PlaceRow(
                "Washington", 38.90, -77.04, "city", country="US", admin1="US.DC", population=690_000, capital=True
            ),
            PlaceRow("Seattle", 47.61, -122.33, "city", country="US", admin1="US.WA", population=750_000),
        ]
    )


def _resolved(nlp: Language, text: str, name: str) -> Place:
    return next(p for p in find_places(nlp(text), _tiny_gazetteer()) if p.text == name)


def test_context_decides_between_homonyms(nlp: Language) -> None:
    assert _resolved(nlp, "Police in Atlanta said storms hit Georgia overnight.", "Georgia").feature == "admin1"
    assert _resolved(nlp, "Protesters in Tbilisi said Georgia would hold elections.", "Georgia").feature == "country"
    assert _resolved(nlp, "The senator flew to Paris on Monday.", "Paris").country_code == "FRA"
    assert _resolved(nlp, "The storm hit Paris, Texas, on Monday.", "Paris").country_code == "USA"
    assert _resolved(nlp, "Officials in Washington said the talks went well.", "Washington").feature == "city"
    assert _resolved(nlp, "Rain fell in Seattle and across Washington state.", "Washington").feature == "admin1"


def test_scores_are_higher_for_clear_cases(nlp: Language) -> None:
    clear = _resolved(nlp, "Police in Atlanta said storms hit Georgia overnight.", "Georgia")
    unclear = _resolved(nlp, "Storms hit Georgia overnight.", "Georgia")
    assert 0.0 < unclear.score < clear.score <= 1.0
    # A bare "Paris" is the capital, and nearly sure; "Paris, Texas" is sure as well.
    assert _resolved(nlp, "It rained in Paris.", "Paris").score > 0.9
    assert _resolved(nlp, "The storm hit Paris, Texas, on Monday.", "Paris").score > 0.9


def test_locate_event_prefers_the_place_attached_to_the_trigger(nlp: Language) -> None:
    text = (
        "CUCUTA, Colombia — Venezuelan troops fired tear gas at protesters in Ureña on Saturday, "
        "officials in Bogotá said.\nThe government of Venezuela condemned the violence."
    )
    doc = nlp(text)
    places = find_places(doc, load_gazetteer())
    first, second = list(doc.sents)[:2]
    fired = next(t for t in first if t.text == "fired")
    place = locate_event(doc, first, places, fired.i)
    assert place is not None and place.text == "Ureña"
    # No place in the sentence but a country: the country is returned as what it is.
    condemned = next(t for t in second if t.text == "condemned")
    place = locate_event(doc, second, places, condemned.i)
    assert place is not None and place.text == "Venezuela" and place.feature == "country"
    # A country adjective never locates an event.
    assert all(p.text != "Venezuelan" for p in [locate_event(doc, first, places, None)])


def test_locate_event_falls_back_to_dateline_then_nothing(nlp: Language) -> None:
    text = "CUCUTA, Colombia — The talks ended.\n\nThe negotiators left without a statement."
    doc = nlp(text)
    places = find_places(doc, load_gazetteer())
    last = list(doc.sents)[-1]
    place = locate_event(doc, last, places, None)
    assert place is not None and place.name == "Cúcuta"
    assert locate_event(doc, last, [], None) is None


def test_pathogens_named_after_places_are_not_places(nlp: Language) -> None:
    text = (
        "Health officials in Kampala confirmed two cases of Marburg virus on Friday. Marburg spreads "
        "through contact with bats, and West Nile virus cases rose in Ohio."
    )
    texts = {p.text for p in find_places(nlp(text), load_gazetteer())}
    assert {"Kampala", "Ohio"} <= texts
    assert not texts & {"Marburg", "West Nile"}


def test_bare_surname_of_a_named_person_is_not_a_village(nlp: Language) -> None:
    text = "Pastor Andrew Brunson flew from Izmir to Washington on Friday. Brunson said he was grateful."
    texts = [p.text for p in find_places(nlp(text), load_gazetteer())]
    assert "Izmir" in texts and "Washington" in texts and "Brunson" not in texts


def test_conflict_report_towns_regions_and_namesakes(nlp: Language) -> None:
    text = (
        "Russian missiles struck Kharkiv and the Donetsk region. Gunmen in Port-au-Prince, Haiti, "
        "kidnapped two nurses. The RSF besieged El Fasher in Darfur."
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert found["Kharkiv"][0].feature == "city"  # the bare name is the town, not its oblast
    assert found["Donetsk"][0].feature == "admin1"  # "the Donetsk region"
    assert found["Port-au-Prince"][0].country_code == "HTI"
    # "Darfur" is no GeoNames admin area; it is derived from North, South, West ... Darfur.
    assert found["Darfur"][0].feature == "region" and found["Darfur"][0].country_code == "SDN"
    assert found["El Fasher"][0].country_code == "SDN"


def test_borders_are_landmarks_placed_only_at_towns(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    near_town = find_places(nlp("Troops massed at the Venezuelan border near Cúcuta on Friday."), gazetteer)
    [border] = [p for p in near_town if p.feature == "landmark"]
    cucuta = next(p for p in near_town if p.text == "Cúcuta")
    assert border.text == "border" and (border.lat, border.lon) == (cucuta.lat, cucuta.lon)
    # Tied only to a country: a landmark without a point, never the country's centre.
    [between] = [
        p for p in find_places(nlp("Migrants crossed the border with Brazil."), gazetteer) if p.feature == "landmark"
    ]
    assert between.lat is None and between.country_code == "BRA"
    assert find_places(nlp("The border was closed on Monday."), gazetteer) == []


def test_counties_inside_office_names_and_word_like_county_names(nlp: Language) -> None:
    text = (
        "Deputies from the Metcalfe County Sheriff's Office and the Barren County Coroner responded "
        "to the crash near Edmonton, Ky."
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert found["Metcalfe County"][0].feature == "admin2" and found["Metcalfe County"][0].admin1 == "Kentucky"
    assert found["Barren County"][0].country_code == "USA"
    assert found["Edmonton"][0].country_code == "USA"  # the Kentucky town, by its state


def test_an_old_name_of_a_capital_does_not_beat_a_large_city_of_that_name(nlp: Language) -> None:
    # GeoNames lists "Philadelphia" among Amman's historical names; the US city bears it today.
    places = find_places(nlp("Philadelphia police are investigating a shooting in the city."), load_gazetteer())
    assert [(p.text, p.country_code, p.admin1) for p in places] == [("Philadelphia", "USA", "Pennsylvania")]
    # A short form of a town's own name is no old name: "Newcastle" still reaches Newcastle upon Tyne.
    places = find_places(nlp("Doctors in Newcastle, England, developed the method."), load_gazetteer())
    assert places[0].name == "Newcastle upon Tyne"


def test_a_day_after_a_town_named_like_a_person_is_no_surname(nlp: Language) -> None:
    places = find_places(nlp("A woman was shot in North Houston Sunday night."), load_gazetteer())
    assert [(p.text, p.country_code) for p in places] == [("Houston", "USA")]


def test_article_city_counts_neighbourhoods_for_their_city(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    text = (
        "Two men were wounded in Philadelphia's Strawberry Mansion section on Friday. Police said the "
        "gunman fled toward Strawberry Mansion Bridge. Strawberry Mansion residents heard six shots."
    )
    city = article_city(find_places(nlp(text), gazetteer), gazetteer, text)
    assert city is not None and city.name == "Philadelphia"
    # A town named on its own, however near a big city, is a town of its own.
    text = "Burbank police shot a man in Burbank after a chase that began in Los Angeles."
    city = article_city(find_places(nlp(text), gazetteer), gazetteer, text)
    assert city is not None and city.name == "Burbank"


def test_article_city_is_the_datelines_town(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    text = "MERIDIAN, Miss. — Police in Jackson and Jackson County said the suspect fled to Jackson."
    places = find_places(nlp(text), gazetteer)
    city = article_city(places, gazetteer, text, dateline_end(text))
    assert city is not None and city.name == "Meridian" and city.admin1 == "Mississippi"
    assert article_city([], gazetteer) is None


@pytest.mark.parametrize(
    "text",
    [
        "Man shot at party dies; woman held",
        "Pikeville Man Arrested On Drug And Weapons Charges",
        "The delegates met at the Hilton on Monday.",
        "Police said Calvin Santiago, 19, was shot on Friday. Santiago died at the scene.",
    ],
)
def test_words_buildings_and_people_named_like_towns_are_not_places(nlp: Language, text: str) -> None:
    assert find_places(nlp(text), load_gazetteer()) == []


def test_the_words_around_a_name_make_it_a_place(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    text = "Two people were injured when their neighbor opened fire, Cicero officials say."
    assert [(p.text, p.country_code) for p in find_places(nlp(text), gazetteer)] == [("Cicero", "USA")]
    # spaCy calls Reseda a person; after "in" it is the Los Angeles neighbourhood.
    text = "A 73-year-old man died Friday after being shot in Reseda, according to Los Angeles County records."
    found = _by_text(find_places(nlp(text), gazetteer))
    assert found["Reseda"][0].admin1 == "California"


def test_a_town_and_the_region_named_after_it_in_one_article(nlp: Language) -> None:
    text = "Russian drones struck Kharkiv overnight. Moscow said it hit factories in the Kharkiv region."
    kharkiv = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Kharkiv"]
    assert [p.feature for p in kharkiv] == ["city", "admin1"]


def test_institutions_named_like_towns_are_not_placed_by_their_officers(nlp: Language) -> None:
    text = "Union officials said the strike would go on. Police officers at the station fought back."
    assert find_places(nlp(text), load_gazetteer()) == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("GOMA, Congo — Shells struck a market near Goma. Congo's army said Rwanda backed the rebels.", "COD"),
        (
            "BRAZZAVILLE, Congo — Police clashed with protesters in Brazzaville. Congo's president called for calm.",
            "COG",
        ),
        ("Nine people died of Ebola in the Republic of Congo. The government of Congo imposed a quarantine.", "COG"),
        ("Congo has asked its neighbours for help.", "COD"),
    ],
)
def test_a_name_two_states_share_follows_the_articles_places(nlp: Language, text: str, country: str) -> None:
    congo = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Congo"]
    assert congo and all(p.feature == "country" and p.country_code == country for p in congo)


def test_a_country_beats_its_namesake_province_in_a_neighbours_news(nlp: Language) -> None:
    text = (
        "ABUJA, Nigeria — Nigeria and Niger resumed joint border patrols near Illela in Sokoto state, "
        "officials in Abuja and Niamey said."
    )
    [niger] = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Niger"]
    assert niger.feature == "country" and niger.country_code == "NER"
    # The US state, though: nothing of the country Georgia is named.
    [georgia] = [
        p for p in find_places(nlp("ATLANTA — Storms hit Georgia overnight."), load_gazetteer()) if p.text == "Georgia"
    ]
    assert georgia.feature == "admin1" and georgia.country_code == "USA"


def test_a_province_half_a_world_from_the_articles_places_is_not_meant(nlp: Language) -> None:
    text = "CAIRO — Arab ministers met in Cairo to back Egypt's truce plan for Gaza. Israel has not replied."
    [gaza] = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Gaza"]
    assert gaza.country_code == "PSE"  # not Gaza province of Mozambique


def test_bodies_features_and_junctions_named_after_places(nlp: Language) -> None:
    text = (
        "Somalia asked the African Union for more troops. Tankers crossed the Gulf of Finland. Riot "
        "police blocked the road near the Hilton junction in Nairobi."
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert "Union" not in found and "Gulf" not in found and "Hilton" not in found
    assert found["Hilton junction"][0].feature == "landmark" and found["Nairobi"][0].country_code == "KEN"


def test_a_place_the_gazetteer_lacks_is_not_a_foreign_namesake(nlp: Language) -> None:
    # GeoNames knows "Tawila" only as another name of a Yemeni hamlet; the Darfur town stays unplaced.
    text = "The first convoy in weeks reached the town of Tawila in North Darfur, Sudan, on Wednesday."
    [tawila] = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Tawila"]
    assert tawila.lat is None and tawila.country_code is None
    # Nor is a Nigerian village Cagliari, whose Sardinian name it shares, however large Cagliari.
    text = "A bomb went off near the village of Kalari, about 25 kilometres from Maiduguri, Nigeria."
    [kalari] = [p for p in find_places(nlp(text), load_gazetteer()) if p.text == "Kalari"]
    assert kalari.lat is None


def test_names_glued_onto_scraped_blocks_are_found(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    text = "Man critical after shooting | 6abc.comPhiladelphia police are investigating a shooting."
    [philadelphia] = find_places(nlp(text), gazetteer)
    assert text[philadelphia.start : philadelphia.end] == "Philadelphia" and philadelphia.country_code == "USA"
    # The outlet's name goes on past the glue: "Los Angeles TimesAnthony Hill" names no city.
    text = "Anthony Hill, 33 - The Homicide Report - Los Angeles TimesAnthony Hill, 33, was shot on Friday."
    assert find_places(nlp(text), gazetteer) == []
    # "McAllen", "DeKalb" and "MacArthur" are no glue.
    places = find_places(nlp("Police in McAllen and DeKalb said the MacArthur Park was closed."), gazetteer)
    assert {"McAllen", "DeKalb"} <= {p.text for p in places}


def test_town_names_in_us_street_addresses_are_streets(nlp: Language) -> None:
    text = (
        "A man was shot in the 2600 block of Montana Ave. in Cincinnati. A second victim was found at "
        "Concord and Market streets, and a third near Alabama Avenue."
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert found["Cincinnati"][0].admin1 == "Ohio"
    assert not {"Montana", "Concord", "Alabama"} & set(found)
    # A highway is named after the region it runs through, which stays a place.
    found = _by_text(find_places(nlp("The Missouri State Highway Patrol reported the crash."), load_gazetteer()))
    assert found["Missouri"][0].feature == "admin1"


def test_a_surname_after_a_first_name_is_the_person_whatever_its_label(nlp: Language) -> None:
    text = 'Maria Rivera was cooking dinner in Philadelphia when she heard shots. "I froze," Rivera said.'
    assert [p.text for p in find_places(nlp(text), load_gazetteer())] == ["Philadelphia"]


def test_article_city_breaks_ties_by_its_focus_and_reads_abbreviations(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    text = "A Crown Point man killed his ex-wife at a Schererville business on Saturday."
    places = find_places(nlp(text), gazetteer)
    schererville = next(p for p in places if p.text == "Schererville")
    assert article_city(places, gazetteer, text).text == "Crown Point"  # type: ignore[union-attr]
    assert article_city(places, gazetteer, text, focus=schererville) == schererville
    # "St. George" is Saint George's own name, and counts in full against towns named once.
    text = (
        "St. George police responded to a shooting in St. George, S.C. Officers from Ridgeville helped, "
        "and Ridgeville sent an ambulance."
    )
    city = article_city(find_places(nlp(text), gazetteer), gazetteer, text)
    assert city is not None and city.name == "Saint George"


def test_us_words_make_an_unplaced_town_american(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    [bristol] = find_places(nlp("Police said a man was shot in Bristol on Sunday."), gazetteer)
    assert bristol.country_code == "GBR"
    [bristol] = find_places(nlp("The township's police said a man was shot in Bristol on Sunday."), gazetteer)
    assert bristol.country_code == "USA"


def test_outlets_and_agency_credits_are_not_places(nlp: Language) -> None:
    text = (
        "CUCUTA, Colombia (Meridian Wire) — Troops fired tear gas, the Atlas Press reported. Continental "
        "News Service, The Goldsboro News and Kenya News Agency carried the story. — Reuters"
    )
    found = _by_text(find_places(nlp(text), load_gazetteer()))
    assert set(found) == {"CUCUTA", "Colombia"}


def test_a_capital_named_by_description_is_the_capital_city(nlp: Language) -> None:
    doc = nlp("Ministers met for a day of talks in the Colombian capital, then flew to Venezuela's capital.")
    places = find_places(doc, load_gazetteer())
    capitals = [(p.text, p.name, p.feature, p.country_code) for p in places if p.text == "capital"]
    assert capitals == [("capital", "Bogotá", "city", "COL"), ("capital", "Caracas", "city", "VEN")]
    # The adjective stays the country mention it is.
    assert ("Colombian", "country") in {(p.text, p.feature) for p in places}
