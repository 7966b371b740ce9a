"""Whether two accounts of events (units.py) can describe the same real-world event, and how strongly.

`compare(a, b)` returns None when the two can never be one event, a score of 0 when nothing links
them, else a score in [0, 1] with the reasons shown in the evidence view. Never one event (a veto,
also inside a cluster):

- two accounts from one article (units.py already merged what one article says about one event, and
  kept apart what it tells apart) — unless a day apart at most: then the pair is neutral, left out
  of a cluster's average (a weekend of clashes the article dates day by day may be one incident);
- types: not the same PLOVER type, unless AGREE with SUPPORT about one named deal, or ASSAULT with
  COERCE when the acts overlap (both describe physical force, e.g. "fired tear gas" / "attacked", or
  the sentences share words);
- reality: an event that did not or may not happen (negation, hypothetical, future) against one that
  did;
- dates: the intervals of possible days (features.date_interval) more than one day apart when both
  are dated to the day, not overlapping otherwise; a dated against an undated event.

Not linked (score 0): no country in common (of places or actors) and no points within 100 km (this
is also what blocking relies on); undated accounts, or accounts without any place, that read too
little alike.

Locations and actors are noisier than dates — resolved sentence by sentence, an outlet's name is
sometimes taken for a town, a recap is placed at its dateline — so a disagreement there only takes
that feature's share of the score away: places agree when some place of one agrees with some place
of the other (points at most 50 km apart, 100 km when one is a district; a province containing the
other place; a country-only location and any place in that country); actors agree when they share a
code (roles swapped, as in a clash, counts). Two reports of different incidents rarely share the
specific words (beyond the generic vocabulary of event reports: a village's name, "Naivasha
market") that could make up for it.

The score weighs type, date, place, actors and text (text_similarity of the specific words); counts that
agree add a little and counts far apart take some away. It is symmetric and depends on the two
accounts only, which keeps clustering independent of input order.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.dedup.features import EventFeatures, PlacePoint, haversine_km

# A pair at or above LINK_THRESHOLD joins the same candidate component; within a component clusters
# merge while the average score of all their cross pairs stays at or above MERGE_THRESHOLD.
LINK_THRESHOLD = 0.65
MERGE_THRESHOLD = 0.6
MAX_CROSS_BORDER_KM = 100.0
CITY_KM = 50.0
DISTRICT_KM = 100.0
PROVINCE_KM = 300.0
# Text similarity at which it counts in full, and what one shared specific word is worth.
FULL_TEXT = 0.3
SHARED_WORD_CREDIT = 0.03
# Events with neither a date nor a place must read alike to be merged.
MIN_TEXT_UNDATED = 0.4
MIN_TEXT_PLACELESS = 0.2

WEIGHTS = {"type": 0.15, "date": 0.2, "place": 0.25, "actors": 0.1, "text": 0.3}
UNKNOWN = 0.3  # a feature one side lacks: neither for nor against

# Physical force on people: the acts an ASSAULT and a COERCE report can share (stemmed as content_words).
FORCE_WORDS = frozenset(
    "tear gas rubber bullet fire fired firing shot shoot beat baton club water cannon dispers attack clash "
    "storm raid crackdown crush charg assault".split()
)
NONPHYSICAL_COERCE = frozenset({"curfew", "martial-law", "censor", "cyber", "misinformation", "withhold", "deport"})
# The documents an AGREE and a SUPPORT report of one signing both name (stemmed as content_words).
DEAL_WORDS = frozenset("agreement accord declaration deal treaty ceasefire pact memorandum truce roadmap".split())


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    reasons: tuple[str, ...]
    # Neither for nor against: left out of a cluster's average (two accounts of one article).
    neutral: bool = False


# Two accounts of one article a day apart: a weekend of clashes the article dates day by day, or two
# events; the article alone cannot tell, so the other reports decide.
SAME_ARTICLE = PairScore(0.0, ("same article",), neutral=True)


def compare(a: EventFeatures, b: EventFeatures) -> PairScore | None:
    """Two accounts from different articles (units.py merges what one article says).

    None means they can never be one event (a veto inside a cluster too); a score of 0 means they
    are not linked, but may end up in one cluster through others when the rest agrees (average
    linkage), as happens when one of them was given a wrong location.
    """
    if b.id < a.id:
        a, b = b, a
    if a.type_family != b.type_family or a.unreal != b.unreal:
        return None
    if a.article_id == b.article_id:
        return _same_article(a, b)
    date_part = _dates(a, b)
    if date_part is None:
        return None
    type_part = _types(a, b)
    if type_part is None:
        return None
    text = text_similarity(a, b)
    if not _near(a, b):
        return PairScore(0.0, ("far apart",))
    place_part = _places(a, b)
    actor_part = _actors(a, b)
    if (not a.dated and text < MIN_TEXT_UNDATED) or (not a.places and not b.places and text < MIN_TEXT_PLACELESS):
        return PairScore(0.0, ("too little in common",))
    size_adjust, size_reason = _sizes(a, b)
    parts = {
        "type": type_part,
        "date": date_part,
        "place": place_part or (0.0, "places disagree"),
        "actors": actor_part or (0.0, "actors disagree"),
    }
    score = sum(WEIGHTS[k] * v[0] for k, v in parts.items()) + WEIGHTS["text"] * min(1.0, text / FULL_TEXT)
    reasons = [r for _, r in parts.values() if r]
    shared = sorted(a.specific & b.specific)
    reasons.append(f"text similarity {text:.2f}" + (f" ({', '.join(shared[:6])})" if shared else ""))
    if size_reason:
        reasons.append(size_reason)
    return PairScore(round(min(1.0, max(0.0, score + size_adjust)), 6), tuple(reasons))


def _same_article(a: EventFeatures, b: EventFeatures) -> PairScore | None:
    """units.py kept these accounts apart; they may share a cluster only if a day apart at most."""
    if a.type != b.type or a.lo is None or a.hi is None or b.lo is None or b.hi is None:
        return None
    return SAME_ARTICLE if max(a.lo, b.lo) - min(a.hi, b.hi) <= 1 else None


def _near(a: EventFeatures, b: EventFeatures) -> bool:
    """A country in common or two points within MAX_CROSS_BORDER_KM: blocking's completeness rests on this."""
    if a.country_keys & b.country_keys:
        return True
    return any(d is not None and d <= MAX_CROSS_BORDER_KM for p in a.places for q in b.places if (d := _distance(p, q)))


def text_similarity(a: EventFeatures, b: EventFeatures) -> float:
    """Jaccard of the specific words, or SHARED_WORD_CREDIT per shared specific word, whichever is
    higher: an account gathered from many sentences has a large vocabulary that dilutes the Jaccard
    of the particulars it shares with a short one."""
    return max(jaccard(a.specific, b.specific), SHARED_WORD_CREDIT * len(a.specific & b.specific))


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _types(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    if a.type == b.type:
        return 1.0, f"same type {a.type}"
    if not _acts_overlap(a, b, jaccard(a.words, b.words)):
        return None
    return 0.5, f"types {a.type} / {b.type}, overlapping acts"


def _acts_overlap(a: EventFeatures, b: EventFeatures, text: float) -> bool:
    if a.type_family == "ACCORD":
        return all((e.words | e.triggers) & DEAL_WORDS for e in (a, b)) and bool(a.specific & b.specific)
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
    """The best agreement between any place of one and any place of the other (an account may name
    several: the extractor's choice for each sentence), None when none agrees."""
    if not a.places or not b.places:
        return UNKNOWN, ""
    scored = [s for p in a.places for q in b.places if (s := _place_pair(p, q, _distance(p, q))) is not None]
    return max(scored, key=lambda s: s[0]) if scored else None


def _distance(p: PlacePoint, q: PlacePoint) -> float | None:
    if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
        return None
    return haversine_km(p.lat, p.lon, q.lat, q.lon)


def _place_pair(p: PlacePoint, q: PlacePoint, distance: float | None) -> tuple[float, str] | None:
    if p.rank >= 3 and q.rank >= 3 and distance is not None:
        limit = CITY_KM if min(p.rank, q.rank) >= 4 else DISTRICT_KM
        if distance > limit:
            return None
        if distance < 1.0:
            return 1.0, f"same place {p.name or q.name}"
        return 1.0 - 0.6 * distance / limit, f"{distance:.0f} km apart"
    countries_differ = p.country and q.country and p.country != q.country
    if min(p.rank, q.rank) == 2:
        if countries_differ:
            return None
        if p.admin1 and q.admin1:
            if p.admin1 == q.admin1:
                return 0.6, f"same province {p.admin1}"
            return (0.5, f"{distance:.0f} km apart") if distance is not None and distance <= CITY_KM else None
        if distance is not None:
            return (0.5, f"{distance:.0f} km apart") if distance <= PROVINCE_KM else None
        return 0.4, f"same country {p.country or q.country}"
    # A country-only location (or a place resolved to its country alone).
    if countries_differ:
        return None
    if p.country and q.country:
        return 0.4, f"same country {p.country}"
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
    """Counts of one kind agree when some figure of one is within half again of some figure of the
    other (accounts keep every figure their sentences gave); they disagree when all are far apart."""
    x: dict[str, set[int]] = {}
    y: dict[str, set[int]] = {}
    for key, value in a.size:
        x.setdefault(key, set()).add(value)
    for key, value in b.size:
        y.setdefault(key, set()).add(value)
    adjust, notes = 0.0, []
    for key in sorted(x.keys() & y.keys()):
        ratios = [max(p, q) / max(min(p, q), 1) for p in x[key] for q in y[key]]
        gaps = [abs(p - q) for p in x[key] for q in y[key]]
        if min(ratios) <= 1.5:
            adjust += 0.05
        elif min(gaps) >= 10 and min(ratios) > 4:
            adjust -= 0.05  # only a little: a count misread ("two" days taken for two dead) is common
        notes.append(f"{key} {_figures(x[key])} / {_figures(y[key])}")
    return max(-0.1, min(0.1, adjust)), ", ".join(notes)


def _figures(values: set[int]) -> str:
    return "–".join(str(v) for v in sorted({min(values), max(values)}))
