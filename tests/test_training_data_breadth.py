"""Checks on the vocabulary-breadth event sentences (training/events/breadth_*.jsonl).

The labelling rules are those of training/README_conflict.md and training/README_coop.md; what these files add
is described in training/README_breadth.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

EVENTS_DIR = Path(__file__).resolve().parent.parent / "training" / "events"
BREADTH_FILES = sorted(EVENTS_DIR.glob("breadth_*.jsonl"))
NEGATIVES = EVENTS_DIR / "breadth_negatives.jsonl"
POSITIVE_FILES = [p for p in BREADTH_FILES if p != NEGATIVES]

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION "
    "MOBILIZE COERCE ASSAULT".split()
)
# PLOVER manual, chapter "Event Categories": the modes of each type; the other types have none.
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
AUX_VALUES = {None, "negation", "hypothetical", "future", "historical"}
# Manual: future CONSULT/SUPPORT/COOPERATE/AID are AGREE, a future RETREAT is CONCEDE.
NO_FUTURE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"}
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
CODE = re.compile(r"[A-Z]{3}")
EVENT_KEYS = set(
    "type trigger mode aux actor actor_code actor_sector recipient recipient_code recipient_sector context".split()
)
OPTIONAL_KEYS = {"actor2", "actor2_code", "actor2_sector"}
MIN_PER_TYPE = 120
MIN_NEGATIVES = 300


def _load(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rows.append((n, json.loads(line)))
    return rows


def _rows(paths: list[Path]) -> list[dict[str, Any]]:
    return [row for path in paths for _, row in _load(path)]


def test_breadth_files_exist() -> None:
    assert NEGATIVES.exists()
    assert len(POSITIVE_FILES) >= 8


def _event_problems(n: int, text: str, ev: dict[str, Any]) -> list[str]:
    problems = []
    if not EVENT_KEYS <= set(ev) <= EVENT_KEYS | OPTIONAL_KEYS:
        return [f"{n}: event keys {sorted(set(ev) ^ EVENT_KEYS)}"]
    typ, mode, aux = ev["type"], ev["mode"], ev["aux"]
    if typ not in PLOVER_TYPES:
        problems.append(f"{n}: unknown type {typ!r}")
    if mode is not None and mode not in MODES.get(typ, "").split():
        problems.append(f"{n}: mode {mode!r} is not a {typ} mode")
    if aux not in AUX_VALUES:
        problems.append(f"{n}: invalid aux {aux!r}")
    if aux == "future" and typ in NO_FUTURE:
        problems.append(f"{n}: a future {typ} is coded as AGREE or CONCEDE")
    if ev["context"] is not None and ev["context"] not in CONTEXTS:
        problems.append(f"{n}: unknown context {ev['context']!r}")
    trigger = ev["trigger"]
    start = text.find(trigger) if trigger else -1
    if start < 0:
        problems.append(f"{n}: trigger {trigger!r} is not a substring of the text")
    else:
        # Training aligns a trigger with its first occurrence, so that must be the word itself.
        end = start + len(trigger)
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            problems.append(f"{n}: trigger {trigger!r} first occurs inside another word")
    for role in ("actor", "recipient", "actor2"):
        mention, code, sector = ev.get(role), ev.get(f"{role}_code"), ev.get(f"{role}_sector")
        if mention is not None and mention not in text:
            problems.append(f"{n}: {role} {mention!r} is not a substring of the text")
        if mention is None and (code or sector):
            problems.append(f"{n}: {role}_code/sector given without an {role}")
        if code is not None and not CODE.fullmatch(code):
            problems.append(f"{n}: bad {role}_code {code!r}")
        if sector is not None and sector not in SECTORS:
            problems.append(f"{n}: bad {role}_sector {sector!r}")
    return problems


@pytest.mark.parametrize("path", BREADTH_FILES, ids=lambda p: p.name)
def test_every_breadth_line_is_valid(path: Path) -> None:
    problems = []
    for n, row in _load(path):
        if set(row) != {"text", "events", "src"}:
            problems.append(f"{n}: keys must be text, events, src")
            continue
        text = row["text"]
        if not isinstance(text, str) or not text or text != text.strip():
            problems.append(f"{n}: text must be a non-empty stripped string")
            continue
        if not str(row["src"]).startswith("breadth-"):
            problems.append(f"{n}: src {row['src']!r} is not a breadth batch")
        if path == NEGATIVES and row["events"]:
            problems.append(f"{n}: a hard negative must have no events")
        if path != NEGATIVES and not row["events"]:
            problems.append(f"{n}: negatives belong in {NEGATIVES.name}")
        for ev in row["events"]:
            problems += _event_problems(n, text, ev)
    assert not problems, f"{path.name}:\n" + "\n".join(problems[:50])


def test_breadth_sentences_are_new() -> None:
    mine = Counter(row["text"] for row in _rows(BREADTH_FILES))
    assert [t for t, c in mine.items() if c > 1] == []
    others = {row["text"] for path in EVENTS_DIR.glob("*.jsonl") if path not in BREADTH_FILES for _, row in _load(path)}
    assert sorted(set(mine) & others) == []


def test_breadth_volume() -> None:
    per_type: Counter[str] = Counter()
    for row in _rows(POSITIVE_FILES):
        per_type.update({ev["type"] for ev in row["events"]})
    assert {t: per_type[t] for t in PLOVER_TYPES if per_type[t] < MIN_PER_TYPE} == {}
    assert len(_load(NEGATIVES)) >= MIN_NEGATIVES
