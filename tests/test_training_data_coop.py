"""Validate the cooperative-half event training data (training/events/coop_*.jsonl, negatives_coop.jsonl)."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

EVENTS_DIR = Path(__file__).resolve().parent.parent / "training" / "events"
COOP_FILES = sorted(EVENTS_DIR.glob("coop_*.jsonl"))
NEGATIVES = EVENTS_DIR / "negatives_coop.jsonl"
ALL_FILES = [*COOP_FILES, NEGATIVES]

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
COOP_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST")
REQUEST_MODES = {"assist", "change", "yield", "meet"}
MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": REQUEST_MODES,
    "REJECT": REQUEST_MODES,
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    },
    "ASSAULT": {
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
        "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional",
    },
}  # fmt: skip
AUX = {None, "negation", "hypothetical", "future", "historical"}
SECTORS = set(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
CONTEXTS = set(
    """military intelligence executive legislative election political_institutions pro_democracy pro_autocracy
    economic legal reparations human_rights rights_freedoms repression human_security gender lgbt
    religion_ethnicity inequality diplomatic territory peacekeeping health asylum migration disasters
    natural_resource environment technology terrorism cbrn cyber misinformation crime corruption illegal_drugs
    trafficking""".split()
)
CODE_RE = re.compile(r"[A-Z]{3}")
EVENT_KEYS = {
    "type", "trigger", "mode", "aux", "actor", "actor_code", "actor_sector",
    "recipient", "recipient_code", "recipient_sector", "context",
}  # fmt: skip
OPTIONAL_KEYS = {"actor2", "actor2_code", "actor2_sector"}


def _load(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"{path.name}:{n}: blank line"
            rows.append((n, json.loads(line)))
    return rows


def _records(paths: list[Path]) -> list[dict[str, Any]]:
    return [rec for p in paths for _, rec in _load(p)]


def test_files_exist() -> None:
    assert COOP_FILES, "no training/events/coop_*.jsonl files"
    assert NEGATIVES.exists()


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_line_is_valid(path: Path) -> None:
    for n, rec in _load(path):
        where = f"{path.name}:{n}"
        assert set(rec) == {"text", "events", "src"}, where
        text = rec["text"]
        assert isinstance(text, str) and text.strip() == text and text, where
        assert isinstance(rec["src"], str) and rec["src"], where
        assert isinstance(rec["events"], list), where
        if path == NEGATIVES:
            assert rec["events"] == [], f"{where}: a hard negative must have no events"
        for ev in rec["events"]:
            assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | OPTIONAL_KEYS, where
            assert ev["type"] in TYPES, f"{where}: type {ev['type']}"
            assert ev["trigger"] and ev["trigger"] in text, f"{where}: trigger {ev['trigger']!r}"
            assert ev["mode"] is None or ev["mode"] in MODES.get(ev["type"], set()), f"{where}: mode"
            assert ev["aux"] in AUX, f"{where}: aux {ev['aux']!r}"
            assert ev["context"] is None or ev["context"] in CONTEXTS, f"{where}: context {ev['context']}"
            for role in ("actor", "recipient", "actor2"):
                mention = ev.get(role)
                assert mention is None or (mention and mention in text), f"{where}: {role} {mention!r}"
                code, sector = ev.get(f"{role}_code"), ev.get(f"{role}_sector")
                assert code is None or CODE_RE.fullmatch(code), f"{where}: {role}_code {code!r}"
                assert sector is None or sector in SECTORS, f"{where}: {role}_sector {sector!r}"


def test_no_duplicate_sentences() -> None:
    counts = Counter(rec["text"] for rec in _records(ALL_FILES))
    assert [t for t, c in counts.items() if c > 1] == []


def test_volume_per_type_and_negatives() -> None:
    per_type: Counter[str] = Counter()
    for rec in _records(COOP_FILES):
        per_type.update({ev["type"] for ev in rec["events"]})
    assert {t: per_type[t] for t in COOP_TYPES if per_type[t] < 350} == {}
    assert len(_load(NEGATIVES)) >= 500


def test_auxiliary_modes_cover_fifteen_percent_of_each_type() -> None:
    seen: Counter[str] = Counter()
    with_aux: Counter[str] = Counter()
    for rec in _records(COOP_FILES):
        for t in {ev["type"] for ev in rec["events"]}:
            seen[t] += 1
            with_aux[t] += any(ev["aux"] for ev in rec["events"] if ev["type"] == t)
    assert {t: round(with_aux[t] / seen[t], 3) for t in COOP_TYPES if with_aux[t] < 0.15 * seen[t]} == {}


def test_most_lines_are_hand_written() -> None:
    records = _records(ALL_FILES)
    augmented = sum(rec["src"] == "augmented" for rec in records)
    assert augmented <= 0.4 * len(records)
    # Augmented lines live in their own file, and nowhere else.
    assert all(
        (rec["src"] == "augmented") == (path.name == "coop_augmented.jsonl")
        for path in ALL_FILES
        for _, rec in _load(path)
    )


def test_many_countries() -> None:
    codes = {
        ev.get(f"{role}_code")
        for rec in _records(COOP_FILES)
        for ev in rec["events"]
        for role in ("actor", "recipient", "actor2")
    }
    assert len({c for c in codes if c and c not in {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "ISM"}}) >= 60


def _augment_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("augment_coop", EVENTS_DIR / "augment_coop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_augmented_file_is_reproducible() -> None:
    module = _augment_module()
    expected = module.augment(module.load_handwritten())
    assert expected == [rec for _, rec in _load(EVENTS_DIR / "coop_augmented.jsonl")]


def test_swap_keeps_articles_and_codes_consistent() -> None:
    module = _augment_module()
    assert module.swap("an Iraqi envoy met a Kenyan minister", {"IRQ": "KEN", "KEN": "IRQ"}) == (
        "a Kenyan envoy met an Iraqi minister"
    )
    assert module.swap("South Sudan and Sudan", {"SDN": "CHL"}) == "South Sudan and Chile"
    assert not module.swappable("President Ruto met Ethiopia's prime minister in Nairobi.")
    assert module.swappable("Kenya's president met Ethiopia's prime minister in Nairobi on Monday.")
