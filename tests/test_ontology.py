"""The ontology tables against the PLOVER manual and the OEDA crosswalk, and the crosswalk functions."""

from __future__ import annotations

import datetime as dt
import re

import jsonschema
import pytest
from conftest import require_ref

from eventwire.ontology import (
    AUXILIARY_MODES,
    EVENT_TYPE_NAMES,
    acled_event_types,
    acled_flags,
    acled_for,
    acled_for_event,
    acled_sub_event_types,
    best_cameo,
    cameo_table,
    cameo_to_plover,
    contexts,
    event_type,
    event_types,
    extension_modes,
    is_valid_mode,
    mode_score,
    mode_vocabulary,
    modes_for,
    nonstate_codes,
    normalize_event_type,
    normalize_mode,
    normalize_sector,
    sectors,
)
from eventwire.ontology.acled import acled_rules, sector_groups
from eventwire.ontology.schema import load_schema
from eventwire.records import Actor, ArticleResult, Count, Event, Place, Quote, Speaker, TextInfo


@pytest.fixture(scope="module")
def manual() -> str:
    return require_ref("PLOVER_MANUAL.tex").read_text(encoding="utf-8")


def _latex_name(cell: str) -> str:
    """'\\hyperref[context:x]{political\\_institutions}' -> 'political_institutions'."""
    cell = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", cell.strip())
    return cell.replace("\\_", "_")


def _manual_mode_tables(manual: str) -> dict[str, set[str]]:
    """Mode names per type from the manual's '<TYPE> modes' tables, ignoring commented-out rows."""
    tables: dict[str, set[str]] = {}
    for block in re.findall(r"\\begin\{table\}(.*?)\\end\{table\}", manual, flags=re.S):
        caption = re.search(r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}? modes", block)
        if not caption:
            continue
        body = block.split("Content \\\\", 1)[1]
        rows = re.findall(r"^([a-z-]+) & ", body, flags=re.M)
        tables[caption.group(1)] = set(rows)
    return tables


# --- PLOVER tables ---------------------------------------------------------------------------------


def test_sixteen_event_types_in_manual_order():
    assert tuple(event_types()) == EVENT_TYPE_NAMES
    assert len(EVENT_TYPE_NAMES) == 16


def test_quad_recipient_and_scores_follow_the_manual():
    quads = {name: t.quad for name, t in event_types().items()}
    assert [n for n, q in quads.items() if q == 1] == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]
    assert [n for n, q in quads.items() if q == 2] == ["COOPERATE", "AID", "RETREAT"]
    assert [n for n, q in quads.items() if q == 3] == ["REQUEST", "ACCUSE", "REJECT", "THREATEN"]
    assert [n for n, q in quads.items() if q == 4] == ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    assert {n for n, t in event_types().items() if t.requires_recipient} == {"COOPERATE", "AID", "SANCTION"}
    assert event_type("AID").score == 10
    assert event_type("ASSAULT").score == -9
    assert event_type("ASSAULT").mode("unconventional").score == -10
    assert event_type("CONSULT").mode("visit").score == 4
    assert event_type("ASSAULT").quad_name == "material conflict"
    assert event_type("THREATEN").verbal and not event_type("PROTEST").verbal


def test_modes_are_exactly_the_manuals_plus_marked_extensions(manual):
    tables = _manual_mode_tables(manual)
    assert set(tables) == {
        "CONSULT", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
        "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip
    for name, etype in event_types().items():
        ours = {m.name for m in etype.modes if not m.extension}
        assert ours == tables.get(name, set()), name
        assert all(m.description for m in etype.modes)
    # Types whose manual section says "Supplementary fields: None" have no modes at all.
    assert [n for n, t in event_types().items() if not t.modes] == ["AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"]
    assert extension_modes() == {
        ("MOBILIZE", "base"), ("COERCE", "occupy"), ("COERCE", "disrupt-weapons"),
        ("ASSAULT", "grenade"), ("ASSAULT", "mob"), ("ASSAULT", "occupy"),
    }  # fmt: skip


def test_mode_helpers():
    assert modes_for("PROTEST")[:2] == ("demo", "riot")
    assert "grenade" in modes_for("ASSAULT") and "grenade" not in modes_for("ASSAULT", extensions=False)
    assert set(AUXILIARY_MODES) <= mode_vocabulary()
    assert {"firearms", "aerial", "drone", "arrest", "curfew", "demo", "hunger"} <= mode_vocabulary()
    assert is_valid_mode("ASSAULT", "future") and not is_valid_mode("ASSAULT", "arrest")
    assert normalize_mode("ASSAULT", "assassinate") == "targeted"
    assert normalize_mode("PROTEST", "strike-hun") == "hunger"
    assert normalize_mode("CONSULT", "host") == "visit"
    assert normalize_mode("PROTEST", "assassinate") is None
    assert mode_score("ASSAULT", ["beat", "firearms"]) == -9
    assert mode_score("PROTEST", ["vandalize"]) == -5  # no score in the manual: the type's


def test_contexts_match_the_manual(manual):
    table = manual.split("START CONTEXTS TABLE")[1].split("END CONTEXTS TABLE")[0]
    rows = re.findall(r"^(\\hyperref\[[^\]]*\]\{[^}]*\}|[a-z_\\]+)\s+& ", table, flags=re.M)
    from_manual = {_latex_name(r) for r in rows} - {"Name"}
    ours = {name for name, c in contexts().items() if not c.extension}
    assert ours == from_manual
    assert len(ours) == 37
    assert {name for name, c in contexts().items() if c.extension} == {"humanitarian"}


def test_sectors_and_nonstate_codes_match_the_manual(manual):
    sector_table = manual.split("\\label{tab:roles}")[1].split("\\end{longtable}")[0]
    assert set(sectors()) == set(re.findall(r"^\s*([A-Z]{3}) & ", sector_table, flags=re.M))
    nonstate_table = manual.split("caption{International Non-state actor names}")[1].split("\\end{tabular}")[0]
    assert set(nonstate_codes()) == set(re.findall(r"^([A-Z]{3})\s+& ", nonstate_table, flags=re.M))
    # Every sector the contract names is a known code.
    assert {"GOV", "MIL", "COP", "REB", "OPP", "CVL", "JRN", "REF"} <= set(sectors())
    assert normalize_sector("REBkur") == "REB"
    assert normalize_sector("XYZ") is None and normalize_sector(None) is None


def test_legacy_type_names_map_to_current_ones():
    assert normalize_event_type("DEMAND") == "REQUEST"
    assert normalize_event_type("DISAPPROVE") == "ACCUSE"
    assert normalize_event_type("INVESTIGATE") == "ACCUSE"
    assert normalize_event_type("fight") == "ASSAULT"
    assert normalize_event_type("ASSAULT") == "ASSAULT"
    assert normalize_event_type("DOCUMENT") is None
    with pytest.raises(ValueError, match="not a PLOVER event type"):
        event_type("DOCUMENT")


# --- CAMEO -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190", ("ASSAULT", (), ("military",))),
        ("180", ("ASSAULT", (), ())),
        ("145", ("PROTEST", ("riot",), ())),
        ("1411", ("PROTEST", ("demo",), ("executive",))),
        ("112", ("ACCUSE", ("disapprove",), ())),
        ("051", ("SUPPORT", (), ("diplomatic",))),
        ("173", ("COERCE", ("arrest",), ("legal",))),
        ("163", ("COERCE", ("restrict",), ("diplomatic",))),
        ("0871", ("RETREAT", ("ceasefire",), ("military",))),
        ("091", ("ACCUSE", ("investigate",), ("crime", "corruption"))),
        ("2041", ("ASSAULT", ("unconventional",), ("cbrn",))),
        ("186", ("ASSAULT", ("targeted",), ())),
        ("1834", ("ASSAULT", ("explosives",), ())),  # not listed: its parent 183
        ("0233", None),  # CAMEO 02 (appeal) is dropped in PLOVER
        ("010", None),
    ],
)
def test_cameo_to_plover(code, expected):
    entry = cameo_to_plover(code)
    got = None if entry is None else (entry.event_type, entry.modes, entry.contexts)
    assert got == expected


def test_cameo_rejects_malformed_codes():
    with pytest.raises(ValueError, match="not a CAMEO event code"):
        cameo_to_plover("18a")


def test_cameo_table_agrees_with_the_oeda_crosswalk():
    """Every code in CAMEO2PLOVER-2021.txt is ours with the same coding, unless a note says why not."""
    seen: set[str] = set()
    for line in require_ref("CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):([^#]*)", line)
        if not match or match.group(1) in seen:
            continue
        seen.add(match.group(1))
        etype, mode, ctx = ([p.strip() for p in match.group(2).split(",")] + ["", ""])[:3]
        ours = cameo_table()[match.group(1)]
        assert ours.event_type == etype, match.group(1)
        if not ours.note:
            assert ours.modes == ((mode,) if mode else ()), match.group(1)
            assert ours.contexts == tuple(c.strip() for c in ctx.split(";") if c.strip()), match.group(1)
    assert seen == {code for code in cameo_table() if len(code) > 2}


def test_cameo_table_uses_only_known_names():
    for entry in cameo_table().values():
        for mode in entry.modes + entry.also_for:
            assert is_valid_mode(entry.event_type, mode), (entry.code, mode)
        assert set(entry.contexts) <= set(contexts()), entry.code
    roots = [e for e in cameo_table().values() if e.pick == "root"]
    assert sorted(e.event_type for e in roots) == sorted(EVENT_TYPE_NAMES)


@pytest.mark.parametrize(
    ("event", "modes", "ctx", "code"),
    [
        ("ASSAULT", ["aerial"], [], "195"),
        ("ASSAULT", ["drone"], [], "195"),
        ("ASSAULT", ["firearms"], ["military"], "193"),
        ("ASSAULT", ["heavy-weapons"], [], "194"),
        ("ASSAULT", ["suicide-attack"], [], "1831"),
        ("ASSAULT", ["explosives"], [], "183"),
        ("ASSAULT", ["targeted"], [], "186"),
        ("ASSAULT", [], ["military"], "190"),
        ("ASSAULT", [], [], "180"),
        ("ASSAULT", ["unconventional"], ["cbrn"], "204"),
        ("PROTEST", ["demo"], [], "141"),
        ("PROTEST", ["demo"], ["executive"], "1411"),
        ("PROTEST", ["riot"], [], "145"),
        ("PROTEST", ["strike"], [], "143"),
        ("COERCE", ["arrest"], [], "173"),
        ("COERCE", ["curfew"], [], "1723"),
        ("CONSULT", ["visit"], [], "042"),
        ("CONSULT", ["multilateral"], [], "040"),
        ("ACCUSE", ["allege"], [], "112"),
        ("ACCUSE", ["investigate"], ["crime"], "091"),
        ("AGREE", [], [], "030"),
        ("AID", [], ["humanitarian"], "073"),
        ("RETREAT", ["release"], [], "0841"),
        ("MOBILIZE", ["troops"], [], "154"),
        ("SANCTION", ["expel"], ["diplomatic"], "166"),
        ("DEMAND", [], [], "100"),
        ("FIGHT", ["firearms"], [], "193"),
    ],
)
def test_best_cameo(event, modes, ctx, code):
    assert best_cameo(event, modes, ctx) == code


def test_best_cameo_round_trips_the_table():
    """Coding a CAMEO code's own PLOVER reading gives back a code with that same reading."""
    for entry in cameo_table().values():
        if len(entry.code) == 2:
            continue
        back = cameo_table()[best_cameo(entry.event_type, entry.modes, entry.contexts)]
        if not entry.modes and not entry.contexts:
            # A bare type carries nothing to match on, so it gets the type's root code.
            assert back.pick == "root" and back.event_type == entry.event_type
            continue
        assert (back.event_type, back.modes, back.contexts) == (entry.event_type, entry.modes, entry.contexts)
    assert best_cameo("DOCUMENT") is None


# --- ACLED -----------------------------------------------------------------------------------------

ACLED_CODEBOOK = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}  # fmt: skip

EXP, VAC, STRAT = "Explosions/Remote violence", "Violence against civilians", "Strategic developments"
EXCESSIVE = "Excessive force against protesters"
# One PLOVER reading per ACLED sub-event type:
# (type, modes, actor sectors, recipient sectors, contexts, flags) -> (event type, sub-event type).
ACLED_CASES = [
    (("ASSAULT", ["firearms"], ["MIL"], ["REB"], [], []), ("Battles", "Armed clash")),
    (("ASSAULT", ["firearms"], ["MIL", "REB"], [], [], []), ("Battles", "Armed clash")),
    (("ASSAULT", ["firearms", "occupy"], ["MIL"], ["REB"], [], []), ("Battles", "Government regains territory")),
    (("ASSAULT", ["occupy"], ["REB"], ["MIL"], [], []), ("Battles", "Non-state actor overtakes territory")),
    (("ASSAULT", ["unconventional"], ["MIL"], ["CVL"], ["cbrn"], []), (EXP, "Chemical weapon")),
    (("ASSAULT", ["aerial"], ["MIL"], ["CVL"], [], []), (EXP, "Air/drone strike")),
    (("ASSAULT", ["drone", "explosives"], ["MIL"], ["REB"], [], []), (EXP, "Air/drone strike")),
    (("ASSAULT", ["suicide-attack", "explosives"], ["REB"], ["CVL"], [], []), (EXP, "Suicide bomb")),
    (("ASSAULT", ["heavy-weapons"], ["MIL"], ["REB"], [], []), (EXP, "Shelling/artillery/missile attack")),
    (("ASSAULT", ["explosives"], ["UAF"], ["MIL"], [], []), (EXP, "Remote explosive/landmine/IED")),
    (("ASSAULT", ["grenade"], [None], ["CVL"], [], []), (EXP, "Grenade")),
    (("ASSAULT", ["sexual"], ["MIL"], ["CVL"], [], []), (VAC, "Sexual violence")),
    (("ASSAULT", ["firearms"], ["MIL"], ["CVL"], [], []), (VAC, "Attack")),
    (("ASSAULT", ["targeted"], ["REB"], ["JRN"], [], []), (VAC, "Attack")),
    (("ASSAULT", ["abduct"], ["REB"], ["MED"], [], []), (VAC, "Abduction/forced disappearance")),
    (("PROTEST", ["demo"], ["CVL"], ["GOV"], [], []), ("Protests", "Peaceful protest")),
    (("PROTEST", ["strike"], ["LAB"], [], [], []), ("Protests", "Peaceful protest")),
    (("PROTEST", ["demo"], ["CVL"], [], [], ["intervention"]), ("Protests", "Protest with intervention")),
    (("COERCE", ["arrest"], ["COP"], ["CVL"], [], ["against_protesters"]), ("Protests", "Protest with intervention")),
    (("ASSAULT", ["crowd-control"], ["COP"], ["CVL"], [], []), ("Protests", "Protest with intervention")),
    (("PROTEST", ["demo"], ["CVL"], [], [], ["intervention", "lethal_force"]), ("Protests", EXCESSIVE)),
    (("ASSAULT", ["firearms"], ["COP"], ["CVL"], [], ["against_protesters"]), ("Protests", EXCESSIVE)),
    (("PROTEST", ["riot"], ["CVL"], ["COP"], [], ["intervention"]), ("Riots", "Violent demonstration")),
    (("ASSAULT", ["mob", "beat"], ["CVL"], ["CVL"], [], []), ("Riots", "Mob violence")),
    (("AGREE", [], ["GOV"], ["REB"], [], ["agreement_signed"]), (STRAT, "Agreement")),
    (("RETREAT", ["ceasefire"], ["MIL", "REB"], [], [], []), (STRAT, "Agreement")),
    (("COERCE", ["arrest"], ["COP"], ["OPP"], [], []), (STRAT, "Arrests")),
    (("RETREAT", ["disarm"], ["REB"], [], [], []), (STRAT, "Change to group/activity")),
    (("REJECT", [], ["REB"], ["REB"], [], ["group_change"]), (STRAT, "Change to group/activity")),
    (("COERCE", ["disrupt-weapons"], ["MIL"], ["REB"], [], []), (STRAT, "Disrupted weapons use")),
    (("MOBILIZE", ["troops", "base"], ["MIL"], [], [], []), (STRAT, "Headquarters or base established")),
    (("COERCE", ["seize"], ["REB"], ["CVL"], [], []), (STRAT, "Looting/property destruction")),
    (("ASSAULT", ["destroy"], ["MIL"], ["CVL"], [], []), (STRAT, "Looting/property destruction")),
    (("RETREAT", ["withdraw"], ["MIL"], [], [], []), (STRAT, "Non-violent transfer of territory")),
    (("COERCE", ["occupy"], ["REB"], [], [], []), (STRAT, "Non-violent transfer of territory")),
    (("COERCE", ["martial-law"], ["GOV"], [], [], []), (STRAT, "Other")),
]  # fmt: skip


def test_acled_names_are_the_codebooks():
    assert {k: list(v) for k, v in acled_event_types().items()} == ACLED_CODEBOOK
    assert len(acled_sub_event_types()) == 25


@pytest.mark.parametrize(("args", "expected"), ACLED_CASES)
def test_acled_for(args, expected):
    assert acled_for(*args) == expected


def test_every_acled_sub_event_type_is_reachable():
    reached = {expected for _, expected in ACLED_CASES}
    assert reached == {(t, s) for t, subs in ACLED_CODEBOOK.items() for s in subs}


def test_verbal_events_have_no_acled_equivalent():
    for etype in event_types().values():
        if not etype.verbal:
            continue
        for modes in [[], *[[m.name] for m in etype.modes]]:
            assert acled_for(etype.name, modes, ["GOV"], ["REB"]) is None, (etype.name, modes)


def test_events_that_did_not_happen_have_no_acled_equivalent():
    assert acled_for("ASSAULT", ["firearms", "negation"], ["MIL"], ["CVL"]) is None
    assert acled_for("PROTEST", ["demo", "future"], ["CVL"], []) is None
    happened = acled_for("ASSAULT", ["firearms", "historical"], ["MIL"], ["CVL"])
    assert happened == ("Violence against civilians", "Attack")


def test_acled_edge_cases():
    assert acled_for("PROTEST", ["boycott"], ["CVL"], []) is None
    assert acled_for("COERCE", ["censor"], ["GOV"], ["JRN"]) is None
    assert acled_for("FIGHT", ["firearms"], ["REBkur"], ["MIL"]) == ("Battles", "Armed clash")
    # Nothing known about either side: a one-sided attack is the conservative reading.
    assert acled_for("ASSAULT", ["firearms"], [None], [None]) == ("Violence against civilians", "Attack")
    with pytest.raises(ValueError, match="unknown ACLED flag"):
        acled_for("PROTEST", ["demo"], flags=["violent"])


def test_acled_rule_table_is_consistent():
    subs = acled_sub_event_types()
    for rule in acled_rules():
        if rule.result is not None:
            assert subs[rule.result[1]] == rule.result[0]
        assert rule.flags <= acled_flags()
        assert {rule.actor, rule.recipient} - {None, "none"} <= set(sector_groups())
        for mode in rule.any_mode | rule.not_mode:
            types = rule.event or set(EVENT_TYPE_NAMES)
            assert any(is_valid_mode(t, mode) for t in types), mode
    for group in sector_groups().values():
        assert group <= set(sectors())


# --- JSON Schema ----------------------------------------------------------------------------------


def _article() -> ArticleResult:
    text = "Venezuelan troops fired upon aid workers near Bogota, killing two people."
    place = Place(
        text="Bogota", start=46, end=52, name="Bogotá", lat=4.61, lon=-74.08, geonames_id=3688689,
        country_code="COL", feature="city", score=0.93,
    )  # fmt: skip
    event = Event(
        id="e1",
        article_id="a1",
        date=dt.date(2019, 2, 23),
        date_precision="day",
        event=["ASSAULT"],
        mode=["firearms"],
        context=["humanitarian"],
        actor=[Actor(entity_text="Venezuelan troops", code="VEN", sector="MIL")],
        recipient=[Actor(entity_text="aid workers", code="VEN", sector="CVL")],
        event_loc=place,
        size={"dead": 2, "injured": None},
        event_text=["fired upon"],
        text=text,
        text_info=TextInfo(sequence=0, start=0, end=len(text)),
        confidence=0.82,
        cameo=best_cameo("ASSAULT", ["firearms"], ["humanitarian"]),
    )
    event.acled = acled_for_event(event)
    return ArticleResult(
        id="a1",
        published=dt.date(2019, 2, 25),
        events=[event],
        quotes=[
            Quote(
                text="We will not stop.",
                start=80,
                end=97,
                verb="said",
                speaker=Speaker(entity_text="Guaidó", start=60, end=66, code="VEN", sector="OPP"),
            ),
        ],
        places=[place],
        counts=[Count(what="dead", n=2, qualifier="exact", text="killing two people", start=54, end=72)],
    )


def test_schema_accepts_a_valid_article():
    record = _article().to_json_dict()
    assert record["events"][0]["acled"] == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    jsonschema.Draft202012Validator.check_schema(load_schema("article"))
    jsonschema.Draft202012Validator(load_schema("article")).validate(record)
    jsonschema.Draft202012Validator(load_schema("event")).validate(record["events"][0])


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("events", 0, "event"), ["FIGHT"]),
        (("events", 0, "event"), ["ASSAULT", "PROTEST"]),
        (("events", 0, "mode"), ["assassinate"]),
        (("events", 0, "actor", 0, "sector"), "SOLDIER"),
        (("events", 0, "acled"), {"event_type": "Battles", "sub_event_type": "Attack"}),
        (("events", 0, "date"), "23/02/2019"),
        (("events", 0, "date_precision"), "hour"),
        (("events", 0, "cameo"), "19x"),
        (("places", 0, "feature"), "village"),
        (("counts", 0, "qualifier"), "over"),
        (("published",), "2019-2-25"),
    ],
)
def test_schema_rejects_an_invalid_article(path, value):
    record = _article().to_json_dict()
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("article")).validate(record)


def test_schema_requires_contract_fields():
    record = _article().to_json_dict()
    del record["events"][0]["text_info"]
    with pytest.raises(jsonschema.ValidationError, match="text_info"):
        jsonschema.Draft202012Validator(load_schema("event")).validate(record["events"][0])
    with pytest.raises(ValueError, match="no schema"):
        load_schema("canonical")


def test_schema_enums_follow_the_ontology():
    event = load_schema("event")
    props = event["properties"]
    assert props["event"]["items"]["enum"] == list(EVENT_TYPE_NAMES)
    assert set(props["mode"]["items"]["enum"]) == mode_vocabulary()
    assert set(props["context"]["items"]["enum"]) == set(contexts())
    assert set(event["$defs"]["actor"]["properties"]["sector"]["enum"]) == set(sectors()) | {None}
    acled_props = event["$defs"]["acled"]["properties"]
    assert acled_props["event_type"]["enum"] == list(acled_event_types())
    assert set(acled_props["sub_event_type"]["enum"]) == set(acled_sub_event_types())
    assert load_schema("event") is not load_schema("event")  # callers may edit their copy
