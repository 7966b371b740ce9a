"""Checks on the labelled event sentences in training/events/*.jsonl.

The first group applies to every file (both halves of PLOVER); the second to the conflict-half files
(conflict_*.jsonl, negatives_conflict.jsonl), whose labelling rules are in training/README_conflict.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

EVENTS_DIR = Path(__file__).resolve().parent.parent / "training" / "events"

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION "
    "MOBILIZE COERCE ASSAULT".split()
)
AUX_VALUES = frozenset({None, "negation", "hypothetical", "future", "historical"})
EVENT_KEYS = frozenset(
    "type trigger mode aux actor actor_code actor_sector recipient recipient_code recipient_sector context".split()
)
CONFLICT_TYPES = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "THREATEN", "ACCUSE", "REJECT")

# PLOVER manual, chapter "Event Categories": the modes of each type (REQUEST shares REJECT's).
MODES = {
    "ASSAULT": "abduct beat torture sexual targeted destroy primitive firearms explosives suicide-attack aerial "
    "drone heavy-weapons crowd-control unconventional",
    "COERCE": "seize restrict censor curfew martial-law arrest deport withhold misinformation cyber",
    "PROTEST": "demo riot strike hunger boycott obstruct vandalize",
    "SANCTION": "convict expel withdraw discontinue",
    "MOBILIZE": "troops weapons police militia",
    "THREATEN": "restrict arrest relations expel territory violence",
    "ACCUSE": "disapprove investigate allege",
    "REJECT": "assist change yield meet",
    "REQUEST": "assist change yield meet",
    "RETREAT": "withdraw release disarm ceasefire access resign",
    "CONSULT": "visit third-party multilateral phone",
}
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
CONTEXTS = frozenset(
    "military intelligence executive legislative election political_institutions pro_democracy pro_autocracy "
    "economic legal reparations human_rights rights_freedoms repression human_security gender lgbt "
    "religion_ethnicity inequality diplomatic territory peacekeeping health asylum migration disasters "
    "natural_resource environment technology terrorism cbrn cyber misinformation crime corruption "
    "illegal_drugs trafficking".split()
)
CODE = re.compile(r"[A-Z]{3}")


def _load(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rows.append((n, json.loads(line)))
    return rows


ALL_FILES = sorted(EVENTS_DIR.glob("*.jsonl"))
CONFLICT_FILES = [*sorted(EVENTS_DIR.glob("conflict_*.jsonl")), EVENTS_DIR / "negatives_conflict.jsonl"]


def test_training_files_exist() -> None:
    assert ALL_FILES, f"no training files in {EVENTS_DIR}"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_line_is_a_valid_labelled_sentence(path: Path) -> None:
    problems = []
    with path.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{n}: invalid JSON ({exc})")
            continue
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{n}: missing text")
            continue
        if not isinstance(row.get("events"), list):
            problems.append(f"{n}: events is not a list")
            continue
        for ev in row["events"]:
            if ev.get("type") not in PLOVER_TYPES:
                problems.append(f"{n}: unknown type {ev.get('type')!r}")
            if ev.get("aux") not in AUX_VALUES:
                problems.append(f"{n}: invalid aux {ev.get('aux')!r}")
            if not ev.get("trigger"):
                problems.append(f"{n}: empty trigger")
            for key in ("trigger", "actor", "recipient"):
                value = ev.get(key)
                if value is not None and value not in text:
                    problems.append(f"{n}: {key} {value!r} is not a substring of the text")
    assert not problems, f"{path.name}:\n" + "\n".join(problems[:50])


@pytest.mark.parametrize("path", CONFLICT_FILES, ids=lambda p: p.name)
def test_conflict_lines_follow_the_manual(path: Path) -> None:
    problems = []
    for n, row in _load(path):
        if set(row) != {"text", "events", "src"} or not row["src"]:
            problems.append(f"{n}: keys must be text, events, src")
        if path.name == "negatives_conflict.jsonl" and row["events"]:
            problems.append(f"{n}: a hard negative must have no events")
        for ev in row["events"]:
            if set(ev) != EVENT_KEYS:
                problems.append(f"{n}: event keys {sorted(set(ev) ^ EVENT_KEYS)}")
                continue
            mode = ev["mode"]
            if mode is not None and ev["type"] in MODES and mode not in MODES[ev["type"]].split():
                problems.append(f"{n}: mode {mode!r} is not a {ev['type']} mode")
            if ev["context"] is not None and ev["context"] not in CONTEXTS:
                problems.append(f"{n}: unknown context {ev['context']!r}")
            for side in ("actor", "recipient"):
                code, sector = ev[f"{side}_code"], ev[f"{side}_sector"]
                if code is not None and not CODE.fullmatch(code):
                    problems.append(f"{n}: bad {side}_code {code!r}")
                if sector is not None and sector not in SECTORS:
                    problems.append(f"{n}: bad {side}_sector {sector!r}")
                if ev[side] is None and (code or sector):
                    problems.append(f"{n}: {side}_code/sector given without an {side}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems[:50])


def _conflict_rows() -> list[dict[str, Any]]:
    return [row for path in CONFLICT_FILES for _, row in _load(path)]


def test_conflict_sentences_are_unique() -> None:
    texts = Counter(row["text"] for row in _conflict_rows())
    assert not [t for t, c in texts.items() if c > 1]


def test_conflict_volume_and_auxiliary_share() -> None:
    rows = _conflict_rows()
    for typ in CONFLICT_TYPES:
        with_type = [r for r in rows if any(ev["type"] == typ for ev in r["events"])]
        with_aux = [r for r in with_type if any(ev["type"] == typ and ev["aux"] for ev in r["events"])]
        assert len(with_type) >= 350, typ
        assert len(with_aux) >= 0.15 * len(with_type), typ
    assert sum(1 for r in rows if not r["events"]) >= 700
    handwritten = sum(1 for r in rows if r["src"] != "augmented")
    assert handwritten >= 0.6 * len(rows)


def test_augmented_file_is_reproducible() -> None:
    spec = importlib.util.spec_from_file_location("augment_conflict", EVENTS_DIR / "augment_conflict.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    expected = module.augment(module._load_handwritten())
    actual = [row for _, row in _load(EVENTS_DIR / module.OUT_NAME)]
    assert actual == expected
    assert all(row["src"] == "augmented" for row in actual)
