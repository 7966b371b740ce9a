"""PLOVER event types, modes, contexts, sector codes and non-state codes, read from data/plover.yaml.

The tables are loaded once and returned as frozen dataclasses; callers never see the raw YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

Quad = Literal[1, 2, 3, 4]
QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Mode:
    """One mode of one event type. `extension` marks eventwire additions the manual lacks."""

    name: str
    event_type: str
    description: str
    score: float | None
    extension: bool = False


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    quad: Quad
    requires_recipient: bool
    score: float
    modes: tuple[Mode, ...]

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES[self.quad]

    @property
    def verbal(self) -> bool:
        return self.quad in (1, 3)

    def mode(self, name: str) -> Mode | None:
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True, slots=True)
class Context:
    name: str
    description: str
    extension: bool = False


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    description: str
    frequent: bool


@dataclass(frozen=True, slots=True)
class LegacyEventType:
    """An older PLOVER type name, the current type it became, and the mode the old name implied."""

    name: str
    event_type: str
    mode: str | None


def read_data(name: str) -> str:
    """Text of a file under eventwire/ontology/data/."""
    return resources.files("eventwire.ontology").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _plover_yaml() -> dict[str, Any]:
    return yaml.safe_load(read_data("plover.yaml"))


def _mode(type_name: str, name: str, spec: dict[str, Any]) -> Mode:
    score = spec.get("score")
    return Mode(
        name=name,
        event_type=type_name,
        description=" ".join(spec["description"].split()),
        score=None if score is None else float(score),
        extension=bool(spec.get("extension", False)),
    )


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """The 16 PLOVER event types, in the manual's order, by name."""
    table: dict[str, EventType] = {}
    for name, spec in _plover_yaml()["event_types"].items():
        table[name] = EventType(
            name=name,
            description=" ".join(spec["description"].split()),
            quad=spec["quad"],
            requires_recipient=spec["requires_recipient"],
            score=float(spec["score"]),
            modes=tuple(_mode(name, m, s) for m, s in (spec["modes"] or {}).items()),
        )
    return table


EVENT_TYPE_NAMES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def event_type(name: str) -> EventType:
    """The PLOVER type called `name` (current or legacy spelling); ValueError if there is none."""
    current = normalize_event_type(name)
    if current is None:
        raise ValueError(f"{name!r} is not a PLOVER event type (expected one of {', '.join(EVENT_TYPE_NAMES)})")
    return event_types()[current]


@lru_cache(maxsize=1)
def auxiliary_modes() -> dict[str, str]:
    """negation, hypothetical, future, historical -> description. They apply to every type."""
    return dict(_plover_yaml()["auxiliary_modes"])


@lru_cache(maxsize=1)
def contexts() -> dict[str, Context]:
    """The manual's general contexts (plus the crosswalk's `humanitarian`, marked extension), by name."""
    table: dict[str, Context] = {}
    for name, spec in _plover_yaml()["contexts"].items():
        if isinstance(spec, str):
            table[name] = Context(name, spec)
        else:
            table[name] = Context(name, " ".join(spec["description"].split()), bool(spec.get("extension")))
    return table


@lru_cache(maxsize=1)
def sectors() -> dict[str, Sector]:
    """PLOVER sector codes (GOV, MIL, COP, REB, CVL, ...) by code."""
    return {
        code: Sector(code, spec["description"], spec["frequent"]) for code, spec in _plover_yaml()["sectors"].items()
    }


@lru_cache(maxsize=1)
def nonstate_codes() -> dict[str, str]:
    """International non-state codes that stand in for a country code (IGO, UNO, EUR, NGO, ...)."""
    return dict(_plover_yaml()["nonstate_codes"])


@lru_cache(maxsize=1)
def special_country_codes() -> dict[str, str]:
    """Country-level codes PLOVER uses that are not ISO 3166 alpha-3 (KOS)."""
    return dict(_plover_yaml()["special_country_codes"])


@lru_cache(maxsize=1)
def legacy_event_types() -> dict[str, LegacyEventType]:
    """Older type names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT, ...) and what they map to now."""
    return {
        old: LegacyEventType(old, spec["type"], spec["mode"])
        for old, spec in _plover_yaml()["legacy_event_types"].items()
    }


def normalize_event_type(name: str) -> str | None:
    """Current PLOVER type for a current or legacy name, case-insensitive; None if unknown.

    This is the 2016 -> current mapping used when scoring against the PLOVER gold standard records.
    """
    key = name.strip().upper()
    if key in event_types():
        return key
    legacy = legacy_event_types().get(key)
    return legacy.event_type if legacy else None


@lru_cache(maxsize=1)
def legacy_modes() -> dict[str, str | None]:
    """Old mode names -> current mode (None: dropped, no current equivalent)."""
    return dict(_plover_yaml()["legacy_modes"])


def normalize_sector(sector: str | None) -> str | None:
    """The primary 3-letter sector of a code such as 'REBkur' or 'cvl'; None if it is not a PLOVER sector."""
    if not sector:
        return None
    code = sector.strip()[:3].upper()
    return code if code in sectors() else None
