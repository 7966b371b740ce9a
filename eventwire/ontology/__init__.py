"""The PLOVER ontology and its CAMEO and ACLED crosswalks, as typed, cached tables.

Data files live in `data/` (plover.yaml, cameo.tsv, acled.yaml) and JSON Schemas of the contract's
output in `schema/`. Everything here is read once and returned as frozen dataclasses or plain tuples.
"""

from __future__ import annotations

from eventwire.ontology.acled import (
    acled_event_types,
    acled_flags,
    acled_for,
    acled_for_event,
    acled_sub_event_types,
)
from eventwire.ontology.cameo import CameoEntry, best_cameo, cameo_table, cameo_to_plover
from eventwire.ontology.modes import (
    AUXILIARY_MODES,
    extension_modes,
    is_valid_mode,
    mode_score,
    mode_vocabulary,
    modes_for,
    normalize_mode,
)
from eventwire.ontology.plover import (
    EVENT_TYPE_NAMES,
    Context,
    EventType,
    LegacyEventType,
    Mode,
    Sector,
    auxiliary_modes,
    contexts,
    event_type,
    event_types,
    legacy_event_types,
    legacy_modes,
    nonstate_codes,
    normalize_event_type,
    normalize_sector,
    sectors,
    special_country_codes,
)

__all__ = [
    "AUXILIARY_MODES",
    "EVENT_TYPE_NAMES",
    "CameoEntry",
    "Context",
    "EventType",
    "LegacyEventType",
    "Mode",
    "Sector",
    "acled_event_types",
    "acled_flags",
    "acled_for",
    "acled_for_event",
    "acled_sub_event_types",
    "auxiliary_modes",
    "best_cameo",
    "cameo_table",
    "cameo_to_plover",
    "contexts",
    "event_type",
    "event_types",
    "extension_modes",
    "is_valid_mode",
    "legacy_event_types",
    "legacy_modes",
    "mode_score",
    "mode_vocabulary",
    "modes_for",
    "nonstate_codes",
    "normalize_event_type",
    "normalize_mode",
    "normalize_sector",
    "sectors",
    "special_country_codes",
]
