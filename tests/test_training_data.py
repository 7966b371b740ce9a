"""Checks on the labelled event sentences in training/events/*.jsonl.

Every file gets the common per-line checks: valid JSON, the keys, a PLOVER type and auxiliary mode, a trigger and
mentions quoted exactly from the text. The three writers' groups also follow the manual's modes, contexts and
sectors, and rules of their own: the conflict half (conflict_*.jsonl, negatives_conflict.jsonl; rules in
training/README_conflict.md), the cooperative half (coop_*.jsonl, negatives_coop.jsonl; training/README_coop.md)
and the vocabulary-breadth batches (breadth_*.jsonl; training/README_breadth.md). Any other file (the lead's
lead_defection_opposition.jsonl) gets the common checks only.

The PLOVER vocabulary comes from eventwire.ontology, so that the labels and the event coder agree on it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventwire.ontology import (
    AUXILIARY_MODES,
    EVENT_TYPE_NAMES,
    contexts,
    extension_modes,
    legacy_event_types,
    legacy_modes,
    modes_for,
    nonstate_codes,
    sectors,
)

EVENTS_DIR = Path(__file__).resolve().parent.parent / "training" / "events"
ALL_FILES = sorted(EVENTS_DIR.glob("*.jsonl"))
CONFLICT_NEGATIVES = EVENTS_DIR / "negatives_conflict.jsonl"
CONFLICT_FILES = [*sorted(EVENTS_DIR.glob("conflict_*.jsonl")), CONFLICT_NEGATIVES]
COOP_NEGATIVES = EVENTS_DIR / "negatives_coop.jsonl"
COOP_FILES = [*sorted(EVENTS_DIR.glob("coop_*.jsonl")), COOP_NEGATIVES]
BREADTH_NEGATIVES = EVENTS_DIR / "breadth_negatives.jsonl"
BREADTH_FILES = sorted(EVENTS_DIR.glob("breadth_*.jsonl"))
BREADTH_POSITIVES = [p for p in BREADTH_FILES if p != BREADTH_NEGATIVES]
GROUP_FILES = [*CONFLICT_FILES, *COOP_FILES, *BREADTH_FILES]
NEGATIVE_FILES = {CONFLICT_NEGATIVES, COOP_NEGATIVES, BREADTH_NEGATIVES}

# Current type names only: the legacy names the ontology still reads (DEMAND, FIGHT, ...) are not labels.
TYPES = frozenset(EVENT_TYPE_NAMES)
AUX_VALUES = frozenset({None, *AUXILIARY_MODES})
# The manual's modes of each type (AGREE, SUPPORT, ... have none). eventwire's extension modes (ASSAULT grenade,
# MOBILIZE base, ...) serve the ACLED crosswalk and are not labels; nor are legacy mode names (demo-org, detain).
MANUAL_MODES = {name: frozenset(modes_for(name, extensions=False)) for name in EVENT_TYPE_NAMES}
# The manual's general contexts: the crosswalk's extension (humanitarian) is not a label.
CONTEXTS = frozenset(name for name, context in contexts().items() if not context.extension)
SECTORS = frozenset(sectors())
CODE = re.compile(r"[A-Z]{3}")
ROW_KEYS = frozenset({"text", "events", "src"})
EVENT_KEYS = frozenset(
    "type trigger mode aux actor actor_code actor_sector recipient recipient_code recipient_sector context".split()
)
SECOND_ACTOR_KEYS = frozenset({"actor2", "actor2_code", "actor2_sector"})
ROLES = ("actor", "recipient", "actor2")
# Manual: a future CONSULT, SUPPORT, COOPERATE or AID is an AGREE, a future RETREAT a CONCEDE.
FUTURE_CODED_AS = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}


@dataclass(frozen=True)
class Half:
    """One writer's half of PLOVER: its types, its files and the script that augments them."""

    name: str
    types: tuple[str, ...]
    files: list[Path]
    script: str  # training/events/<script>.py writes <augmented> from the hand-written lines
    handwritten: str  # the script's function that reads the hand-written lines
    augmented: str


# The writers split the manual's list of types in two: AGREE .. REQUEST, then ACCUSE .. ASSAULT.
CONFLICT = Half(
    "conflict",
    EVENT_TYPE_NAMES[8:],
    CONFLICT_FILES,
    "augment_conflict",
    "_load_handwritten",
    "conflict_augmented.jsonl",
)
COOP = Half("coop", EVENT_TYPE_NAMES[:8], COOP_FILES, "augment_coop", "load_handwritten", "coop_augmented.jsonl")
EACH_HALF = pytest.mark.parametrize("half", [CONFLICT, COOP], ids=lambda half: half.name)


def _name(path: Path) -> str:
    return path.name


def _lines(path: Path) -> list[tuple[int, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(enumerate(fh.read().splitlines(), 1))


def _load(path: Path) -> list[tuple[int, dict[str, Any]]]:
    return [(n, json.loads(line)) for n, line in _lines(path) if line.strip()]


def _rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [row for path in paths for _, row in _load(path)]


def _sentence_problems(row: dict[str, Any]) -> list[str]:
    """What breaks the rules every file follows, whoever wrote it."""
    if set(row) != ROW_KEYS:
        return ["keys must be text, events, src"]
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        return ["missing text"]
    problems = [] if isinstance(row["src"], str) and row["src"] else ["src must be a non-empty string"]
    if not isinstance(row["events"], list):
        return [*problems, "events is not a list"]
    for ev in row["events"]:
        if not EVENT_KEYS <= set(ev) <= EVENT_KEYS | SECOND_ACTOR_KEYS:
            problems.append(f"event keys {sorted(set(ev) ^ EVENT_KEYS)}")
            continue
        if ev["type"] not in TYPES:
            legacy = legacy_event_types().get(ev["type"])
            problems.append(
                f"legacy type {ev['type']!r}, now {legacy.event_type}" if legacy else f"unknown type {ev['type']!r}"
            )
        if ev["aux"] not in AUX_VALUES:
            problems.append(f"invalid aux {ev['aux']!r}")
        for key in ("trigger", *ROLES):
            value = ev.get(key)
            if not value and (value is not None or key == "trigger"):
                problems.append(f"empty {key}")
            elif value is not None and value not in text:
                problems.append(f"{key} {value!r} is not a substring of the text")
    return problems


def _manual_problems(row: dict[str, Any], negatives: bool) -> list[str]:
    """What breaks the manual's labelling rules that all three writers' groups follow."""
    problems = []
    if row["text"] != row["text"].strip():
        problems.append("text has surrounding whitespace")
    if negatives and row["events"]:
        problems.append("a hard negative must have no events")
    for ev in row["events"]:
        typ, mode, context = ev["type"], ev["mode"], ev["context"]
        if mode is not None and mode not in MANUAL_MODES[typ]:
            if (typ, mode) in extension_modes():
                problems.append(f"mode {mode!r} is an eventwire extension of {typ}, not a manual mode")
            elif mode in legacy_modes():
                problems.append(f"mode {mode!r} is a legacy name")
            else:
                problems.append(f"mode {mode!r} is not a {typ} mode")
        if context is not None and context not in CONTEXTS:
            problems.append(
                f"context {context!r} is an eventwire extension"
                if context in contexts()
                else f"unknown context {context!r}"
            )
        for role in ROLES:
            code, sector = ev.get(f"{role}_code"), ev.get(f"{role}_sector")
            if code is not None and not CODE.fullmatch(code):
                problems.append(f"bad {role}_code {code!r}")
            if sector is not None and sector not in SECTORS:
                problems.append(f"bad {role}_sector {sector!r}")
            if ev.get(role) is None and (code or sector):
                problems.append(f"{role}_code/sector given without an {role}")
    return problems


def _breadth_problems(row: dict[str, Any], negatives: bool) -> list[str]:
    """What breaks the rules README_breadth.md adds."""
    problems = []
    text = row["text"]
    if not str(row["src"]).startswith("breadth-"):
        problems.append(f"src {row['src']!r} is not a breadth batch")
    if not negatives and not row["events"]:
        problems.append(f"negatives belong in {BREADTH_NEGATIVES.name}")
    for ev in row["events"]:
        if ev["aux"] == "future" and ev["type"] in FUTURE_CODED_AS:
            problems.append(f"a future {ev['type']} is coded as {FUTURE_CODED_AS[ev['type']]}")
        # Training aligns a trigger with its first occurrence, so that must be the word itself.
        start = text.find(ev["trigger"])
        end = start + len(ev["trigger"])
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            problems.append(f"trigger {ev['trigger']!r} first occurs inside another word")
    return problems


def _report(path: Path, problems: list[str]) -> str:
    return f"{path.name}:\n" + "\n".join(problems[:50])


def _sentences_per_type(rows: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """Sentences with an event of each type, and those of them where such an event has an auxiliary mode."""
    with_type: Counter[str] = Counter()
    with_aux: Counter[str] = Counter()
    for row in rows:
        for typ in {ev["type"] for ev in row["events"]}:
            with_type[typ] += 1
            with_aux[typ] += any(ev["aux"] for ev in row["events"] if ev["type"] == typ)
    return with_type, with_aux


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EVENTS_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


# -- every file ---------------------------------------------------------------------------------------------------


def test_training_files_exist() -> None:
    assert ALL_FILES, f"no training files in {EVENTS_DIR}"
    assert [p for p in COOP_FILES if p != COOP_NEGATIVES], "no training/events/coop_*.jsonl files"
    assert COOP_NEGATIVES.exists()
    assert BREADTH_NEGATIVES.exists()
    assert len(BREADTH_POSITIVES) >= 8


@pytest.mark.parametrize("path", ALL_FILES, ids=_name)
def test_every_line_is_a_valid_labelled_sentence(path: Path) -> None:
    problems = []
    for n, line in _lines(path):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{n}: invalid JSON ({exc})")
            continue
        problems += [f"{n}: {problem}" for problem in _sentence_problems(row)]
    assert not problems, _report(path, problems)


# -- the three writers' groups --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GROUP_FILES, ids=_name)
def test_labels_follow_the_manual(path: Path) -> None:
    problems = [f"{n}: blank line" for n, line in _lines(path) if not line.strip()]
    for n, row in _load(path):
        # A line that breaks the common rules is reported by the test above.
        if not _sentence_problems(row):
            problems += [f"{n}: {problem}" for problem in _manual_problems(row, path in NEGATIVE_FILES)]
    assert not problems, _report(path, problems)


@pytest.mark.parametrize("files", [CONFLICT_FILES, COOP_FILES, BREADTH_FILES], ids=["conflict", "coop", "breadth"])
def test_sentences_are_unique_within_each_group(files: list[Path]) -> None:
    texts = Counter(row["text"] for row in _rows(files))
    assert [text for text, count in texts.items() if count > 1] == []


@EACH_HALF
def test_each_type_of_a_half_has_350_sentences_15_percent_with_an_auxiliary_mode(half: Half) -> None:
    with_type, with_aux = _sentences_per_type(_rows(half.files))
    assert {t: with_type[t] for t in half.types if with_type[t] < 350} == {}
    assert {t: round(with_aux[t] / with_type[t], 3) for t in half.types if with_aux[t] < 0.15 * with_type[t]} == {}


@EACH_HALF
def test_most_lines_of_a_half_are_hand_written(half: Half) -> None:
    loaded = [(path, row) for path in half.files for _, row in _load(path)]
    assert sum(row["src"] == "augmented" for _, row in loaded) <= 0.4 * len(loaded)
    # Augmented lines live in their own file, and nowhere else.
    assert all((row["src"] == "augmented") == (path.name == half.augmented) for path, row in loaded)


@EACH_HALF
def test_augmented_file_is_reproducible(half: Half) -> None:
    module = _script(half.script)
    expected = module.augment(getattr(module, half.handwritten)())
    assert [row for _, row in _load(EVENTS_DIR / half.augmented)] == expected


# -- the conflict half ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONFLICT_FILES, ids=_name)
def test_conflict_events_have_no_second_actor(path: Path) -> None:
    problems = [f"{n}: {key}" for n, row in _load(path) for ev in row["events"] for key in SECOND_ACTOR_KEYS & set(ev)]
    assert not problems, _report(path, problems)


def test_conflict_hard_negatives() -> None:
    assert sum(1 for row in _rows(CONFLICT_FILES) if not row["events"]) >= 700


# -- the cooperative half -------------------------------------------------------------------------------------------


def test_coop_hard_negatives() -> None:
    assert len(_load(COOP_NEGATIVES)) >= 500


def test_coop_names_many_countries() -> None:
    codes = {ev.get(f"{role}_code") for row in _rows(COOP_FILES) for ev in row["events"] for role in ROLES}
    # International organisations and other non-state codes are not countries.
    assert len({c for c in codes if c and c not in nonstate_codes()}) >= 60


def test_coop_swap_keeps_articles_and_codes_consistent() -> None:
    module = _script("augment_coop")
    assert module.swap("an Iraqi envoy met a Kenyan minister", {"IRQ": "KEN", "KEN": "IRQ"}) == (
        "a Kenyan envoy met an Iraqi minister"
    )
    assert module.swap("South Sudan and Sudan", {"SDN": "CHL"}) == "South Sudan and Chile"
    assert not module.swappable("President Ruto met Ethiopia's prime minister in Nairobi.")
    assert module.swappable("Kenya's president met Ethiopia's prime minister in Nairobi on Monday.")


# -- the vocabulary-breadth batches ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BREADTH_FILES, ids=_name)
def test_breadth_lines_follow_the_breadth_rules(path: Path) -> None:
    problems = [
        f"{n}: {problem}"
        for n, row in _load(path)
        if not _sentence_problems(row)
        for problem in _breadth_problems(row, path == BREADTH_NEGATIVES)
    ]
    assert not problems, _report(path, problems)


def test_breadth_sentences_are_new() -> None:
    others = {row["text"] for row in _rows(p for p in ALL_FILES if p not in BREADTH_FILES)}
    assert sorted({row["text"] for row in _rows(BREADTH_FILES)} & others) == []


def test_breadth_volume() -> None:
    with_type, _ = _sentences_per_type(_rows(BREADTH_POSITIVES))
    assert {t: with_type[t] for t in EVENT_TYPE_NAMES if with_type[t] < 120} == {}
    assert len(_load(BREADTH_NEGATIVES)) >= 300
