"""Event coding on real sentences and a project-written article: types, actors, framing, crosswalks."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

import eventwire
from eventwire.ontology.schema import load_schema
from eventwire.records import ArticleResult, Event

ARTICLES = Path(__file__).parent / "articles"
VIOLENT = {"ASSAULT"}


@pytest.fixture(scope="module")
def border() -> ArticleResult:
    text = (ARTICLES / "border_aid_convoy.txt").read_text(encoding="utf-8")
    return eventwire.extract(text, published="2019-02-25", id="border-aid-convoy")


def _sentence_events(result: ArticleResult, words: str) -> list[Event]:
    return [e for e in result.events if words in e.text]


def _codes(actors: list) -> set[tuple[str | None, str | None]]:
    return {(a.code, a.sector) for a in actors}


def test_border_article_types_and_actors(border: ArticleResult) -> None:
    by_type = {e.type: e for e in border.events if e.main}
    assault = by_type["ASSAULT"]
    assert ("VEN", "MIL") in _codes(assault.actor)
    assert assault.date.isoformat() == "2019-02-23"

    aid = by_type["AID"]
    assert ("USA", None) in _codes(aid.actor)

    defection = [e for e in _sentence_events(border, "defected") if e.type in ("PROTEST", "COERCE")]
    assert defection and ("VEN", "MIL") in _codes(defection[0].actor)

    request = by_type["REQUEST"]
    assert ("VEN", "OPP") in _codes(request.actor)

    consult = by_type["CONSULT"]
    participants = _codes(consult.actor) | _codes(consult.recipient)
    assert {("COL", "GOV"), ("USA", "GOV")} <= participants

    accuse = by_type["ACCUSE"]
    assert ("VEN", "GOV") in _codes(accuse.actor)
    assert "COL" in {a.code for a in accuse.recipient}


def test_stance_against_intervention_is_not_an_attack(border: ArticleResult) -> None:
    events = _sentence_events(border, "against military intervention")
    assert events
    assert all(e.type != "ASSAULT" for e in events)
    assert any(e.type == "REJECT" or "negation" in e.mode for e in events)
    reject = next(e for e in events if e.type == "REJECT")
    assert ("BRA", "GOV") in _codes(reject.actor)


def test_every_event_has_crosswalks(border: ArticleResult) -> None:
    for event in border.events:
        assert event.cameo is not None
        if event.type in VIOLENT:
            assert event.acled is not None and event.acled.sub_event_type


def test_output_matches_the_contract_schema(border: ArticleResult) -> None:
    jsonschema.Draft202012Validator(load_schema("article")).validate(border.to_json_dict())


def test_offsets_and_ids_are_stable(border: ArticleResult) -> None:
    text = (ARTICLES / "border_aid_convoy.txt").read_text(encoding="utf-8")
    for event in border.events:
        assert text[event.text_info.start : event.text_info.end] == event.text
        for actor in event.actor + event.recipient:
            if actor.start is not None:
                assert text[actor.start : actor.end] == actor.entity_text
    again = eventwire.extract(text, published="2019-02-25", id="border-aid-convoy")
    assert [e.id for e in again.events] == [e.id for e in border.events]


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Britain said Libya must hand over the two suspects.", "REQUEST", ("GBR", None), ("LBY", None)),
        ("The rebels threatened to attack the town if the army advanced.", "THREATEN", (None, "REB"), None),
        ("The government refused to allow the aid convoy into the city.", "REJECT", (None, "GOV"), None),
        ("Japan will send 50 tonnes of food aid to Haiti.", "AGREE", ("JPN", None), ("HTI", None)),
        ("Police arrested 45 protesters in Tbilisi on Sunday.", "COERCE", ("GEO", "COP"), (None, "CVL")),
        ("The EU imposed sanctions on ten Iranian officials.", "SANCTION", ("EUR", None), ("IRN", "GOV")),
        ("Russian drones struck Kharkiv overnight, killing three people.", "ASSAULT", ("RUS", "MIL"), ("UKR", None)),
    ],
)
def test_sentences_are_coded(
    sentence: str,
    event_type: str,
    actor: tuple[str | None, str | None],
    recipient: tuple[str | None, str | None] | None,
) -> None:
    result = eventwire.extract(sentence, published="2025-03-10")
    main = [e for e in result.events if e.main]
    assert [e.type for e in main] == [event_type]
    assert actor in _codes(main[0].actor)
    if recipient is not None:
        assert recipient in _codes(main[0].recipient)


def test_future_meeting_is_an_agreement_and_a_denied_act_is_negated() -> None:
    meeting = eventwire.extract("The two foreign ministers will meet in Geneva next week.", published="2025-03-10")
    assert [e.type for e in meeting.events] == ["AGREE"]
    denied = eventwire.extract("Witnesses said the army did not fire on the protesters.", published="2025-03-10")
    assert [(e.type, "negation" in e.mode) for e in denied.events] == [("ASSAULT", True)]


def test_weapons_set_mode_and_acled_subtype() -> None:
    result = eventwire.extract("Russian drones struck Kharkiv overnight, killing three people.", published="2025-03-10")
    event = result.events[0]
    assert "drone" in event.mode
    assert event.acled is not None and event.acled.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people were killed in Ureña.",
        "Three villagers were killed in Kasai province.",
        "A man was shot dead in Medellín on Tuesday night.",
    ],
)
def test_bare_death_reports_are_assaults(sentence: str) -> None:
    events = eventwire.extract(sentence, published="2025-03-10").events
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].confidence >= 0.6
    assert (None, "CVL") in _codes(events[0].recipient)


def test_accidental_deaths_are_not_confident_assaults() -> None:
    for sentence in (
        "Two hikers died of exposure on Ben Nevis.",
        "Four people were killed when their minibus overturned near Arusha.",
        "Six people were killed as a cyclone hit the coast of Madagascar.",
        "Five people died in a fire at a nightclub in Bucharest.",
    ):
        events = eventwire.extract(sentence, published="2025-03-10").events
        assert all(e.confidence < 0.5 for e in events), sentence


def test_no_events_without_acts() -> None:
    for sentence in (
        "The town lies 40 kilometres north of the capital.",
        "United attacked down the left flank but the striker shot wide.",
    ):
        assert eventwire.extract(sentence, published="2025-03-10").events == []


@pytest.mark.parametrize(
    "text",
    [
        "â€œWe will not surrenderâ€ the commander said in a statement on Monday",
        "the army shelled the village and killed two civilians said the governor of the province",
        " ".join(["troops and police and rebels"] * 700),
        "Year | Dead | Injured\n2019 | 12 | 40\n2020 | 7 | 31\n2021 | 3 | 9\n" * 20,
    ],
)
def test_mangled_text_never_crashes_or_invents_actors(text: str) -> None:
    result = eventwire.extract(text, published="2025-03-10")
    for event in result.events:
        for actor in event.actor + event.recipient:
            assert actor.entity_text.strip()
            if actor.start is not None:
                assert text[actor.start : actor.end] == actor.entity_text
