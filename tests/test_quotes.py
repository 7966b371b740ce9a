"""Quotes and their speakers on articles written for these tests."""

from __future__ import annotations

from eventwire.extract.actors import extract_actors
from eventwire.extract.context import ExtractionContext
from eventwire.extract.quotes import extract_quotes, find_pieces
from eventwire.nlp.model import load_model
from eventwire.pipeline import make_article
from eventwire.records import Quote


def quotes_of(text: str, published: str = "2019-02-24") -> list[Quote]:
    doc = load_model()(text)
    ctx = ExtractionContext(article=make_article(text, published=published))
    ctx.results["actors"] = extract_actors(doc, ctx)
    quotes = extract_quotes(doc, ctx)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.entity_text
    return quotes


def speakers(quotes: list[Quote]) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [
        (
            q.text[:24],
            q.speaker and q.speaker.entity_text,
            q.speaker and q.speaker.code,
            q.speaker and q.speaker.sector,
            q.verb,
        )
        for q in quotes
    ]


ARTICLE = """CARACAS, Venezuela — Opposition leader Juan Guaidó said on Saturday that troops loyal to President \
Nicolás Maduro had blocked aid convoys at the Colombian border.

"We will not give up until the aid reaches the people who need it," Guaidó told reporters in Caracas.

The government closed the border bridges on Friday. Trucks carrying food and medicine waited in Cúcuta. \
Maduro has called the shipments a "Trojan horse" and accused Washington of plotting a coup.

Soldiers fired tear gas at the crowd on the bridge. The opposition leader returned to the border on Sunday. \
"How many of you national guardsmen have a sick mother?" he said.
"""


def test_a_named_speaker_and_a_later_he_said_are_the_same_person() -> None:
    quotes = quotes_of(ARTICLE)
    assert speakers(quotes) == [
        ("We will not give up unti", "Guaidó", "VEN", "OPP", "told"),
        ("How many of you national", "Guaidó", "VEN", "OPP", "said"),
    ]
    # The pronoun's speaker points at the name it resolves to.
    he_quote = quotes[1]
    assert he_quote.speaker is not None and he_quote.speaker.start == ARTICLE.index("Guaidó told")
    assert he_quote.text == "How many of you national guardsmen have a sick mother?"


def test_scare_quotes_are_not_quotes() -> None:
    assert "Trojan horse" not in [q.text for q in quotes_of(ARTICLE)]


def test_multi_paragraph_quote_with_curly_marks() -> None:
    text = (
        "Aid agencies warned of a worsening crisis on Monday.\n\n"
        "“This is a humanitarian emergency and the world is watching,” said Maria Lopez, a doctor at the main "
        "hospital in the city. “We have no medicines left for the children.\n\n"
        "“Every day more families arrive from across the border,” she added.\n"
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "This is a humanitarian emergency and the world is watching",
        "We have no medicines left for the children.",
        "Every day more families arrive from across the border",
    ]
    assert {q.speaker.entity_text for q in quotes if q.speaker} == {"Maria Lopez"}
    assert [q.speaker.sector for q in quotes if q.speaker] == ["MED", "MED", "MED"]


def test_according_to_statement_and_a_spokesman() -> None:
    text = (
        'According to the UN refugee agency, "more than three million Venezuelans have left the country."\n\n'
        'The White House said in a statement: "The United States stands with the people of Venezuela."\n\n'
        '"The operation will continue until every hostage is home," Hamas\'s spokesman said on Tuesday.\n'
    )
    assert speakers(quotes_of(text)) == [
        ("more than three million ", "the UN refugee agency", "UNO", None, "according to"),
        ("The United States stands", "The White House", "USA", "GOV", "said"),
        ("The operation will conti", "Hamas's spokesman", "PSE", "REB", "said"),
    ]


def test_the_minister_said_goes_to_the_titled_person() -> None:
    text = (
        "Kenya's interior minister, Kithure Kindiki, visited the camp on Monday. Police later dispersed the "
        'crowd. The minister said the operation was lawful. "Nobody is above the law in this country," he said.'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker is not None
    assert (quote.speaker.entity_text, quote.speaker.code, quote.speaker.sector) == ("Kithure Kindiki", "KEN", "GOV")


def test_a_quote_without_a_speaker_and_an_unclosed_quote() -> None:
    text = (
        "The streets were quiet on Sunday.\n\n"
        '"We are ready to talk to anyone who respects our sovereignty and our laws\n\n'
        'Graffiti on a wall read "the people will not forget what happened here."\n'
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "We are ready to talk to anyone who respects our sovereignty and our laws",
        "the people will not forget what happened here.",
    ]
    assert [q.speaker for q in quotes] == [None, None]


def test_pieces_pair_marks_per_paragraph() -> None:
    text = 'He said "one two three four five" and "six seven.\nNext "line" here.'
    pieces = find_pieces(text)
    assert [(text[p.start : p.end], p.close_at is None) for p in pieces] == [
        ("one two three four five", False),
        ("six seven.", True),
        ("line", False),
    ]
    assert quotes_of("") == []
    assert quotes_of('""') == []


def test_he_said_after_an_unnamed_spokesman() -> None:
    text = (
        "NAIROBI (Reuters) - A police spokesman said officers had arrested 14 people after the protest. "
        '"The situation is now calm and the roads are open," he said.'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker is not None
    assert (quote.speaker.entity_text, quote.speaker.code, quote.speaker.sector) == ("A police spokesman", "KEN", "COP")


def test_it_said_goes_to_the_organisation() -> None:
    text = (
        "The Nigerian army said on Monday that troops had freed 17 hostages in Kaduna state. "
        '"The operation was carried out without any loss of life among the captives," it said in a statement.'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker is not None
    assert (quote.speaker.entity_text, quote.speaker.code, quote.speaker.sector) == ("The Nigerian army", "NGA", "MIL")


def test_she_said_finds_the_woman_among_two_people() -> None:
    text = (
        "Maria Santos, a nurse at the clinic, treated the wounded while Carlos Mendes, a local farmer, "
        'carried water. "We worked through the night without electricity," she said.'
    )
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and quote.speaker.entity_text == "Maria Santos"


def test_damaged_and_odd_text_does_not_crash() -> None:
    assert quotes_of("â€œWe will fight on until the end,â€ said the Kenyan police chief.") == []
    run_on = " ".join(['"the officials said that the army and police would move and'] * 200)
    assert len(quotes_of(run_on)) == 100  # every other stretch is inside marks; offsets are checked
    assert [q.text for q in quotes_of('"""" " " "a" "b c d e f g h"')] == ["b c d e f g h"]
