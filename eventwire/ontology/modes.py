"""The mode vocabulary an event coder may predict.

Modes are the manual's names for each event type (data/plover.yaml), plus a few eventwire extensions
that the ACLED crosswalk needs and the manual lacks (ASSAULT grenade/mob/occupy, COERCE
occupy/disrupt-weapons, MOBILIZE base), plus the four auxiliary modes that may qualify any type.
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.ontology.plover import auxiliary_modes, event_type, event_types, legacy_modes

AUXILIARY_MODES: tuple[str, ...] = ("negation", "hypothetical", "future", "historical")


def modes_for(type_name: str, *, extensions: bool = True) -> tuple[str, ...]:
    """Mode names of one event type (legacy type names accepted), optionally without eventwire's extensions.

    Auxiliary modes are not included; `EventType.modes` has the full `Mode` records.
    """
    return tuple(m.name for m in event_type(type_name).modes if extensions or not m.extension)


@lru_cache(maxsize=1)
def mode_vocabulary() -> frozenset[str]:
    """Every mode name any type allows, extensions and auxiliary modes included."""
    names = {m.name for t in event_types().values() for m in t.modes}
    return frozenset(names | set(auxiliary_modes()))


@lru_cache(maxsize=1)
def extension_modes() -> frozenset[tuple[str, str]]:
    """(event type, mode) pairs that eventwire added to the manual."""
    return frozenset((t.name, m.name) for t in event_types().values() for m in t.modes if m.extension)


def is_valid_mode(type_name: str, mode: str) -> bool:
    """Whether `mode` is allowed for the type: one of its own modes or an auxiliary mode."""
    return mode in auxiliary_modes() or event_type(type_name).mode(mode) is not None


def normalize_mode(type_name: str, mode: str) -> str | None:
    """The current name of `mode` for a type: itself if valid, its legacy replacement, or None.

    Legacy names come from the 2021 crosswalk and the 2016 PLOVER records (e.g. assassinate ->
    targeted, demo-org -> demo); a replacement that the type does not allow also gives None.
    """
    name = mode.strip().lower()
    if is_valid_mode(type_name, name):
        return name
    replacement = legacy_modes().get(name)
    if replacement is not None and is_valid_mode(type_name, replacement):
        return replacement
    return None


def mode_score(type_name: str, modes: list[str] | tuple[str, ...]) -> float:
    """PLOVER conflict/cooperation score (-10..+10) of a type with modes.

    The manual scores type-mode pairs; with several modes we take the most extreme one because the
    score measures how conflictual or cooperative the act was at its worst. Modes without a score in
    the manual (and auxiliary modes) fall back to the type's score.
    """
    etype = event_type(type_name)
    scores = [m.score for name in modes if (m := etype.mode(name)) is not None and m.score is not None]
    if not scores:
        return etype.score
    return max(scores, key=abs)
