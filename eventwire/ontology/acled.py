"""PLOVER -> ACLED event type and sub-event type, by the ordered rule table in data/acled.yaml.

The first rule whose conditions all hold decides; the table's comments document each rule and the
meaning of every condition and flag. ACLED names are returned exactly as ACLED's codebook spells them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from eventwire.ontology.plover import normalize_event_type, normalize_sector, read_data
from eventwire.records import Acled, Event


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One row of the rule table; empty conditions always hold."""

    result: tuple[str, str] | None
    event: frozenset[str] = frozenset()
    any_mode: frozenset[str] = frozenset()
    not_mode: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    actor: str | None = None
    recipient: str | None = None
    sides: str | None = None


@dataclass(frozen=True, slots=True)
class _Facts:
    """An event reduced to what the rules test."""

    event_type: str
    modes: frozenset[str]
    context: frozenset[str]
    flags: frozenset[str]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]


@lru_cache(maxsize=1)
def _acled_yaml() -> dict[str, Any]:
    return yaml.safe_load(read_data("acled.yaml"))


@lru_cache(maxsize=1)
def acled_event_types() -> dict[str, tuple[str, ...]]:
    """ACLED's 6 event types -> their sub-event types, in codebook order."""
    return {etype: tuple(subs) for etype, subs in _acled_yaml()["event_types"].items()}


@lru_cache(maxsize=1)
def acled_sub_event_types() -> dict[str, str]:
    """Each of ACLED's 25 sub-event types -> its event type."""
    return {sub: etype for etype, subs in acled_event_types().items() for sub in subs}


@lru_cache(maxsize=1)
def acled_flags() -> frozenset[str]:
    """Flags the event coder may pass to `acled_for` (meanings in data/acled.yaml)."""
    return frozenset(_acled_yaml()["flags"])


@lru_cache(maxsize=1)
def sector_groups() -> dict[str, frozenset[str]]:
    """Named sector groups the rules refer to: state, nonstate, armed, unarmed."""
    return {name: frozenset(codes) for name, codes in _acled_yaml()["sector_groups"].items()}


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    rules = []
    for spec in _acled_yaml()["rules"]:
        result = spec["acled"]
        rules.append(
            AcledRule(
                result=None if result is None else (result[0], result[1]),
                event=frozenset(spec.get("event", ())),
                any_mode=frozenset(spec.get("any_mode", ())),
                not_mode=frozenset(spec.get("not_mode", ())),
                context=frozenset(spec.get("context", ())),
                flags=frozenset(spec.get("flags", ())),
                actor=spec.get("actor"),
                recipient=spec.get("recipient"),
                sides=spec.get("sides"),
            )
        )
    return tuple(rules)


def _in_group(sectors: tuple[str, ...], group: str) -> bool:
    if group == "none":
        return not sectors
    return any(code in sector_groups()[group] for code in sectors)


def _armed_vs_armed(facts: _Facts) -> bool:
    armed = sector_groups()["armed"]
    if facts.recipients:
        return any(a in armed for a in facts.actors) and any(r in armed for r in facts.recipients)
    return sum(a in armed for a in facts.actors) >= 2


def _holds(rule: AcledRule, facts: _Facts) -> bool:
    return (
        (not rule.event or facts.event_type in rule.event)
        and (not rule.any_mode or bool(rule.any_mode & facts.modes))
        and not (rule.not_mode & facts.modes)
        and (not rule.context or bool(rule.context & facts.context))
        and rule.flags <= facts.flags
        and (rule.actor is None or _in_group(facts.actors, rule.actor))
        and (rule.recipient is None or _in_group(facts.recipients, rule.recipient))
        and (rule.sides is None or (rule.sides == "armed_vs_armed" and _armed_vs_armed(facts)))
    )


def _sector_codes(sectors: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(code for s in sectors if (code := normalize_sector(s)) is not None)


def acled_for(
    event_type: str,
    modes: Iterable[str] = (),
    actor_sectors: Iterable[str | None] = (),
    recipient_sectors: Iterable[str | None] = (),
    context: Iterable[str] = (),
    flags: Iterable[str] = (),
) -> tuple[str, str] | None:
    """(ACLED event type, sub-event type) for a PLOVER event, or None if ACLED has no equivalent.

    Sectors may be None (unknown) or carry suffixes ('REBkur'); only the 3-letter PLOVER code counts.
    Legacy type names (FIGHT, DEMAND, ...) are accepted. Raises ValueError for an unknown type or flag.
    """
    etype = normalize_event_type(event_type)
    if etype is None:
        raise ValueError(f"{event_type!r} is not a PLOVER event type")
    flag_set = frozenset(flags)
    unknown = flag_set - acled_flags()
    if unknown:
        raise ValueError(f"unknown ACLED flag(s) {sorted(unknown)}; expected some of {sorted(acled_flags())}")
    facts = _Facts(
        event_type=etype,
        modes=frozenset(modes),
        context=frozenset(context),
        flags=flag_set,
        actors=_sector_codes(actor_sectors),
        recipients=_sector_codes(recipient_sectors),
    )
    for rule in acled_rules():
        if _holds(rule, facts):
            return rule.result
    return None


def acled_for_event(event: Event, flags: Iterable[str] = ()) -> Acled | None:
    """The contract's `acled` field for an Event record."""
    pair = acled_for(
        event.type,
        event.mode,
        [a.sector for a in event.actor],
        [r.sector for r in event.recipient],
        event.context,
        flags,
    )
    return None if pair is None else Acled(event_type=pair[0], sub_event_type=pair[1])
