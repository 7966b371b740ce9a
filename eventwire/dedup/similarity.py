"""Whether two per-article events can describe the same real-world event, and how strongly they agree.

`compare(a, b)` returns None when something rules the pair out (hard constraints), else a score in
[0, 1] with the reasons shown in the evidence view. Hard constraints:

- type: the same PLOVER type, or ASSAULT with COERCE from different articles when the acts overlap
  (both describe physical force, e.g. "fired tear gas" / "attacked", or the sentences share words);
- reality: an event that did not or may not happen (negation, hypothetical, future) is never the same
  as one that did;
- date: the intervals of possible days (features.date_interval) are at most one day apart when both
  events are dated to the day, and overlap otherwise; undated events only match undated events;
- geography: a country in common (location, else actors) or, across a border, at most 100 km apart;
- place: two points at most 50 km apart (100 km when one is a district); a province contains the
  other place; a country-only location matches any place in that country; unknown matches anything;
- actors: when both name actor codes they share one (or the roles are swapped, as in a clash).

The score weighs type, date, place, actors and text similarity (content-word Jaccard of the two
sentences); counts that agree add a little and counts far apart take some away. It is symmetric and
depends on the two events only, which keeps clustering independent of input order.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.dedup.features import EventFeatures, haversine_km

# A pair at or above LINK_THRESHOLD joins the same candidate component; within a component clusters
# merge while the average score of all their cross pairs stays at or above MERGE_THRESHOLD.
LINK_THRESHOLD = 0.62
MERGE_THRESHOLD = 0.55
MAX_CROSS_BORDER_KM = 100.0
CITY_KM = 50.0
DISTRICT_KM = 100.0
PROVINCE_KM = 300.0
# Events with neither a date nor a place must read alike to be merged.
MIN_TEXT_UNDATED = 0.5
MIN_TEXT_PLACELESS = 0.3

WEIGHTS = {"type": 0.15, "date": 0.2, "place": 0.3, "actors": 0.15, "text": 0.2}
UNKNOWN = 0.3  # a feature one side lacks: neither for nor against

# Physical force on people: the acts an ASSAULT and a COERCE report can share (stemmed as content_words).
FORCE_WORDS = frozenset(
    "tear gas rubber bullet fire fired firing shot shoot beat baton club water cannon dispers attack clash "
    "storm raid crackdown crush charg assault".split()
)
NONPHYSICAL_COERCE = frozenset({"curfew", "martial-law", "censor", "cyber", "misinformation", "withhold", "deport"})


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    reasons: tuple[str, ...]


def compare(a: EventFeatures, b: EventFeatures) -> PairScore | None:
    if b.id < a.id:
        a, b = b, a
    if a.type_family != b.type_family or a.unreal != b.unreal:
        return None
    same_article = a.article_id == b.article_id
    text = 0.5 if same_article else jaccard(a.words, b.words)
    type_part = _types(a, b, same_article, text)
    if type_part is None:
        return None
    date_part = _dates(a, b)
    if date_part is None:
        return None
    place_part = _places(a, b)
    if place_part is None:
        return None
    actor_part = _actors(a, b)
    if actor_part is None:
        return None
    if not a.dated and not same_article and text < MIN_TEXT_UNDATED:
        return None
    if a.loc_rank == 0 and b.loc_rank == 0 and not same_article and text < MIN_TEXT_PLACELESS:
        return None
    size_adjust, size_reason = _sizes(a, b)
    parts = {"type": type_part, "date": date_part, "place": place_part, "actors": actor_part}
    score = sum(WEIGHTS[k] * v[0] for k, v in parts.items()) + WEIGHTS["text"] * text + size_adjust
    reasons = [r for _, r in parts.values() if r]
    if not same_article:
        reasons.append(f"text similarity {text:.2f}")
    if size_reason:
        reasons.append(size_reason)
    return PairScore(round(min(1.0, max(0.0, score)), 6), tuple(reasons))


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _types(a: EventFeatures, b: EventFeatures, same_article: bool, text: float) -> tuple[float, str] | None:
    if a.type == b.type:
        return 1.0, f"same type {a.type}"
    # Different types within one article are two events the coder told apart.
    if same_article or not _acts_overlap(a, b, text):
        return None
    return 0.5, f"types {a.type} / {b.type}, overlapping acts"


def _acts_overlap(a: EventFeatures, b: EventFeatures, text: float) -> bool:
    coerce = a if a.type == "COERCE" else b
    if coerce.modes & NONPHYSICAL_COERCE:
        return False
    return text >= 0.2 or all((e.words | e.triggers) & FORCE_WORDS for e in (a, b))


def _dates(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    if not a.dated or not b.dated:
        return (UNKNOWN, "both undated") if not a.dated and not b.dated else None
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    both_days = a.precision == "day" and b.precision == "day"
    if gap > (1 if both_days else 0):
        return None
    reason = f"dates {a.date} / {b.date}" if a.date != b.date else f"same date {a.date}"
    if both_days:
        return (1.0 if gap <= 0 else 0.75), reason
    return 0.5, f"{reason} ({a.precision} / {b.precision})"


def _places(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon) if a.lat is not None and b.lat is not None else None  # type: ignore[arg-type]
    # Blocking's completeness rests on this: a pair either shares a country or lies near a border.
    if not (a.country_keys & b.country_keys) and (distance is None or distance > MAX_CROSS_BORDER_KM):
        return None
    if a.loc_rank == 0 or b.loc_rank == 0:
        return UNKNOWN, ""
    if a.loc_rank >= 3 and b.loc_rank >= 3 and distance is not None:
        limit = CITY_KM if min(a.loc_rank, b.loc_rank) >= 4 else DISTRICT_KM
        if distance > limit:
            return None
        if distance < 1.0:
            return 1.0, f"same place {a.place_name or b.place_name}"
        return 1.0 - 0.6 * distance / limit, f"{distance:.0f} km apart"
    countries_differ = a.loc_country and b.loc_country and a.loc_country != b.loc_country
    if min(a.loc_rank, b.loc_rank) == 2:
        if countries_differ:
            return None
        if a.admin1 and b.admin1:
            if a.admin1 == b.admin1:
                return 0.6, f"same province {a.admin1}"
            return (0.5, f"{distance:.0f} km apart") if distance is not None and distance <= CITY_KM else None
        if distance is not None:
            return (0.5, f"{distance:.0f} km apart") if distance <= PROVINCE_KM else None
        return 0.4, f"same country {a.loc_country or b.loc_country}"
    # A country-only location (or a place resolved to its country alone).
    if countries_differ:
        return None
    if a.loc_country and b.loc_country:
        return 0.4, f"same country {a.loc_country}"
    return UNKNOWN, ""


def _actors(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    actor = _roles(a.actor_codes, b.actor_codes, a.actor_pairs, b.actor_pairs, a.recipient_codes, b.recipient_codes)
    if actor is None:
        return None
    recipient = _roles(
        a.recipient_codes, b.recipient_codes, a.recipient_pairs, b.recipient_pairs, a.actor_codes, b.actor_codes
    )
    # Recipients are coded from looser phrases ("residents", "aid workers"): a mismatch weakens the
    # pair but does not veto it.
    recipient_score = recipient[0] if recipient is not None else 0.0
    reasons = []
    if actor[1]:
        reasons.append(f"actors {actor[1]}")
    if recipient is not None and recipient[1]:
        reasons.append(f"recipients {recipient[1]}")
    return 0.7 * actor[0] + 0.3 * recipient_score, ", ".join(reasons)


def _roles(
    x: frozenset[str],
    y: frozenset[str],
    x_pairs: frozenset[tuple[str, str | None]],
    y_pairs: frozenset[tuple[str, str | None]],
    x_other: frozenset[str],
    y_other: frozenset[str],
) -> tuple[float, str] | None:
    if not x or not y:
        return UNKNOWN + 0.1, ""
    common_pairs = x_pairs & y_pairs
    if common_pairs:
        return 1.0, _describe(common_pairs)
    common = x & y
    if common:
        return 0.75, " ".join(sorted(common))
    if x & y_other or y & x_other:
        return 0.5, "swapped roles"
    return None


def _describe(pairs: frozenset[tuple[str, str | None]]) -> str:
    return ", ".join(sorted(f"{code} {sector}" if sector else code for code, sector in pairs))


def _sizes(a: EventFeatures, b: EventFeatures) -> tuple[float, str]:
    x, y = dict(a.size), dict(b.size)
    adjust, notes = 0.0, []
    for key in sorted(x.keys() & y.keys()):
        low, high = sorted((x[key], y[key]))
        if high - low >= 10 and high > 4 * max(low, 1):
            adjust -= 0.15
        elif high <= 1.5 * max(low, 1):
            adjust += 0.05
        notes.append(f"{key} {x[key]} / {y[key]}")
    return max(-0.3, min(0.1, adjust)), ", ".join(notes)
