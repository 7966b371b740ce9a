"""Calendar words and the arithmetic that resolves a date expression against the publication date.

Conventions (the DateMention's `date` for each precision):
- day: that day;
- week: the Monday of that calendar week ("last week", "earlier this week"), or the day N weeks
  before publication ("two weeks ago");
- month: the first of the month; year: January 1.

Tense decides between the past and the future reading of an expression without a year or week:
"on Saturday" in a past-tense clause is the last Saturday on or before publication (the same day
when the article appeared on a Saturday), with "will"/"is due to"/"next" it is the next Saturday
strictly after publication. A present-tense clause ("the hearing is on March 3") takes the
nearest reading.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from spacy.tokens import Token

Tense = Literal["past", "future", "present"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names that are also common words: only taken with a day, a year or a date preposition.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "aug", "sep", "oct", "dec"})
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# Abbreviations are only read inside a full date ("Tue., March 4"): "Sun" is also a newspaper.
WEEKDAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip
# Days relative to publication; "overnight" is the night that ended on the publication day.
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "overnight": 0, "tomorrow": 1}
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "midday", "noon", "daybreak"})
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year"}  # fmt: skip
# Words before a weekday that belong to the expression ("late on Thursday", "last Monday").
WEEKDAY_MODIFIERS = frozenset({"on", "late", "early", "earlier", "later", "last", "next", "this", "past"})
# Prepositions that make a lone month name a date ("in May", "since March").
MONTH_PREPOSITIONS = frozenset(
    {"in", "since", "until", "till", "through", "by", "during", "from", "last", "next", "this",
     "early", "mid", "late", "of", "before", "after", "mid-"}
)  # fmt: skip
# Fixed-date holidays (month, day) and Thanksgiving (US: fourth Thursday of November).
HOLIDAYS = {
    ("christmas", "eve"): (12, 24), ("christmas",): (12, 25), ("christmas", "day"): (12, 25),
    ("new", "year", "'s", "eve"): (12, 31), ("new", "year", "'s", "day"): (1, 1),
    ("halloween",): (10, 31), ("valentine", "'s", "day"): (2, 14),
    ("fourth", "of", "july"): (7, 4),
}  # fmt: skip
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
_FUTURE_WORDS = frozenset({"due", "scheduled", "slated", "upcoming", "planned", "expected", "set", "plans", "plan"})


def tense_of(token: Token) -> Tense:
    """The tense of the clause a date expression modifies (past when nothing says otherwise)."""
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        for child in node.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in _FUTURE_AUX:
                return "future"
        if node.lower_ in _FUTURE_WORDS and any(c.dep_ in {"xcomp", "prep"} for c in node.children):
            return "future"
        tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if tags & {"VBD", "VBN"} and not tags & {"MD"}:
            return "past"
        if node.tag_ == "VBG" and tags & {"VBZ", "VBP"}:
            return "future"  # "is meeting on Monday"
        if tags & {"VBZ", "VBP"}:
            return "present"
    return "past"


def weekday_date(published: dt.date, weekday: int, tense: Tense, strict: bool = False) -> dt.date:
    """The weekday nearest publication in the tense's direction (`strict` excludes the same day)."""
    if tense == "future":
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def month_day_date(
    published: dt.date, month: int, day: int, tense: Tense, weekday: int | None = None
) -> dt.date | None:
    """A month and day without a year: the year that fits the tense (and the weekday, if given)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            return min(matching, key=lambda d: abs((d - published).days))
    return _pick(candidates, published, tense)


def month_date(published: dt.date, month: int, tense: Tense) -> dt.date:
    """A month without a year: its first day in the year that fits the tense."""
    this_month = published.replace(day=1)
    candidates = [dt.date(year, month, 1) for year in (published.year - 1, published.year, published.year + 1)]
    return _pick(candidates, this_month, tense) or this_month


def _pick(candidates: list[dt.date], published: dt.date, tense: Tense) -> dt.date | None:
    if not candidates:
        return None
    if tense == "past":
        past = [d for d in candidates if d <= published]
        return max(past) if past else min(candidates)
    if tense == "future":
        future = [d for d in candidates if d >= published]
        return min(future) if future else max(candidates)
    return min(candidates, key=lambda d: abs((d - published).days))


def shift(published: dt.date, unit: str, amount: int) -> dt.date:
    """Publication moved by whole units; weeks land on their Monday, months and years on day 1."""
    if unit == "day":
        return published + dt.timedelta(days=amount)
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=amount)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + amount
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(published.year + amount, 1, 1)


def ago(published: dt.date, unit: str, amount: int) -> dt.date:
    """ "two days ago", "three weeks ago", "six months ago", "two years ago"."""
    if unit == "day":
        return published - dt.timedelta(days=amount)
    if unit == "week":
        return published - dt.timedelta(weeks=amount)
    return shift(published, unit, -amount)


def thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=3)


def full_year(text: str) -> int | None:
    """A year written with 4 digits (1800-2100) or 2 digits ('16 -> 2016, '75 -> 1975)."""
    if not text.isdigit():
        return None
    if len(text) == 4 and 1800 <= int(text) <= 2100:
        return int(text)
    if len(text) == 2:
        value = int(text)
        return 2000 + value if value < 50 else 1900 + value
    return None
