"""Date expressions resolved against the publication date, and the date of an event.

`extract_dates` reads the Doc token by token with dictionary lookups (no date parser per mention):
explicit dates ("March 3", "3 March 2025", "2025-03-03", "1/27/2016", "Tuesday, March 4"),
weekdays ("on Saturday", "late on Thursday", "Saturday night", "last Monday"), days relative to
publication ("yesterday", "today", "this morning", "last night", "overnight"), calendar periods
("last week", "earlier this month", "next year", "in January", "in 2015"), distances ("two days
ago") and a few holidays. spaCy's DATE entities decide whether a bare four-digit number is a year.
Resolution rules and the date a week/month/year precision carries: see dates_rules.

Without a publication date only absolute expressions (with their year) are kept. `relative` is
True when the resolution needed the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from eventwire.extract.context import ExtractionContext
from eventwire.extract.dates_rules import (
    AMBIGUOUS_MONTHS,
    HOLIDAYS,
    MONTH_PREPOSITIONS,
    MONTHS,
    PARTS_OF_DAY,
    RELATIVE_DAYS,
    UNITS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_MODIFIERS,
    WEEKDAYS,
    ago,
    full_year,
    month_date,
    month_day_date,
    shift,
    tense_of,
    thanksgiving,
    weekday_date,
)
from eventwire.extract.numbers_parse import TENS
from eventwire.extract.numbers_parse import UNITS as NUMBER_UNITS
from eventwire.records import DateMention, DatePrecision

_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
# An event is dated from earlier sentences of its paragraph only this far back.
MAX_SENTENCES_BACK = 2
_PERIOD_WORDS = {"week": "week", "month": "month", "year": "year", "weekend": "weekend"}
_TIME_OF_DAY_LEADS = frozenset({"this", "last", "yesterday", "tomorrow"})

_HOLIDAYS_LONGEST_FIRST = sorted(HOLIDAYS.items(), key=lambda item: -len(item[0]))
_HOLIDAY_FIRST_WORDS = frozenset({words[0] for words in HOLIDAYS} | {"thanksgiving"})
# (start token, end token, date, precision, needs the publication date)
_Found = tuple[int, int, dt.date, DatePrecision, bool]


def extract_dates(doc: Doc, ctx: ExtractionContext) -> list[DateMention]:
    """Every date expression in the text with its resolved date, in text order."""
    published = ctx.published
    text = doc.text  # Doc.text joins every token: read it once
    lowers = [token.lower_ for token in doc]
    mentions: list[DateMention] = []
    i = 0
    while i < len(doc):
        found = _read_at(doc, text, lowers, i, published)
        if found is None:
            i += 1
            continue
        start, end, date, precision, relative = found
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        mentions.append(
            DateMention(
                text=text[start_char:end_char],
                start=start_char,
                end=end_char,
                date=date,
                precision=precision,
                relative=relative,
            )
        )
        i = max(end, i + 1)
    return mentions


def _read_at(doc: Doc, text: str, lowers: list[str], i: int, published: dt.date | None) -> _Found | None:
    word = lowers[i]
    if word[:1].isdigit():
        return _numeric(doc, text, i) or _day_month(doc, lowers, i, published) or _year_alone(doc, lowers, i)
    bare = word.rstrip(".")
    if bare in MONTHS:
        return _month_led(doc, lowers, i, i, published)
    if bare in WEEKDAYS or (bare in WEEKDAY_ABBREVIATIONS and _month_follows(lowers, i + 1)):
        return _weekday_led(doc, lowers, i, published)
    if published is None:
        return None
    if word in RELATIVE_DAYS:
        start = i - 1 if i > 0 and lowers[i - 1] in {"late", "early", "earlier", "later"} else i
        end = i + 2 if i + 1 < len(doc) and lowers[i + 1] in PARTS_OF_DAY else i + 1
        return start, end, published + dt.timedelta(days=RELATIVE_DAYS[word]), "day", True
    if word in {"this", "last", "next", "earlier", "later"}:
        return _period(lowers, i, published)
    if word == "weekend" and i > 0 and lowers[i - 1] == "the":
        # "over the weekend": the Saturday of the weekend the clause's tense points to
        return i - 1, i + 1, weekday_date(published, 5, tense_of(doc[i])), "week", True
    if word in NUMBER_UNITS or word in TENS or word in {"a", "an", "several"}:
        return _ago(lowers, i, published)
    if word in _HOLIDAY_FIRST_WORDS:
        return _holiday(doc, lowers, i, published)
    return None


def _numeric(doc: Doc, text: str, i: int) -> _Found | None:
    """ "2025-03-03", "1/27/2016" (month first unless the first number exceeds 12), "3.3.2025"."""
    at = doc[i].idx
    for pattern, order in ((_ISO, "ymd"), (_SLASHED, "mdy"), (_DOTTED, "dmy")):
        match = pattern.match(text, at)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        year = full_year(parts["y"])
        month, day = int(parts["m"]), int(parts["d"])
        if order == "mdy" and month > 12:
            month, day = day, month
        span = doc.char_span(at, match.end(), alignment_mode="expand")
        date = _date(year, month, day) if year else None
        if date is None or span is None:
            return None
        return span.start, span.end, date, "day", False
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_follows(lowers: list[str], j: int) -> bool:
    if j < len(lowers) and lowers[j] == ",":
        j += 1
    return j < len(lowers) and lowers[j].rstrip(".") in MONTHS


def _month_led(doc: Doc, lowers: list[str], start: int, i: int, published: dt.date | None) -> _Found | None:
    """ "March 3", "March 3, 2025", "March 2025", "in March", "Tuesday, March 4"."""
    token = doc[i]
    month = MONTHS[lowers[i].rstrip(".")]
    day_match = _DAY.match(lowers[i + 1]) if i + 1 < len(doc) else None
    titled = token.text[:1].isupper()
    if day_match and 1 <= int(day_match.group(1)) <= 31:
        day, end = int(day_match.group(1)), i + 2
        year = _year_after(lowers, end)
        if year is not None:
            year_value, end = year
            date = _date(year_value, month, day)
            return (start, end, date, "day", False) if date else None
        if published is None or (not titled and lowers[i].rstrip(".") in AMBIGUOUS_MONTHS):
            return None
        weekday = _weekday_before(lowers, start, i)
        date = month_day_date(published, month, day, tense_of(token), weekday)
        return (start, end, date, "day", True) if date else None
    if not titled:
        return None
    year = _year_after(lowers, i + 1)
    if year is not None:
        return start, year[1], dt.date(year[0], month, 1), "month", False
    before = lowers[i - 1] if i > 0 else ""
    if published is None or before not in MONTH_PREPOSITIONS:
        return None
    return start, i + 1, month_date(published, month, tense_of(token)), "month", True


def _weekday_before(lowers: list[str], start: int, month_index: int) -> int | None:
    if start < month_index:
        name = lowers[start].rstrip(".")
        return WEEKDAYS.get(name, WEEKDAY_ABBREVIATIONS.get(name))
    return None


def _year_after(lowers: list[str], j: int) -> tuple[int, int] | None:
    """(year, end token) for ", 2025" or " 2025" right after a date."""
    if j < len(lowers) and lowers[j] == ",":
        j += 1
    if j < len(lowers) and len(lowers[j]) == 4:
        year = full_year(lowers[j])
        if year is not None:
            return year, j + 1
    return None


def _day_month(doc: Doc, lowers: list[str], i: int, published: dt.date | None) -> _Found | None:
    """ "3 March 2025", "27th of January"."""
    match = _DAY.match(lowers[i])
    if match is None:
        return None
    j = i + 1
    if j < len(doc) and lowers[j] == "of":
        j += 1
    if j >= len(doc) or lowers[j].rstrip(".") not in MONTHS or not doc[j].text[:1].isupper():
        return None
    month, day = MONTHS[lowers[j].rstrip(".")], int(match.group(1))
    year = _year_after(lowers, j + 1)
    if year is not None and (lowers[j + 1] != "," or doc[j + 2].idx - doc[j].idx < 12):
        date = _date(year[0], month, day)
        return (i, year[1], date, "day", False) if date else None
    if published is None or not 1 <= day <= 31:
        return None
    date = month_day_date(published, month, day, tense_of(doc[j]))
    return (i, j + 1, date, "day", True) if date else None


def _year_alone(doc: Doc, lowers: list[str], i: int) -> _Found | None:
    """ "in 2015": only where spaCy's entity recogniser also reads a date."""
    year = full_year(lowers[i]) if len(lowers[i]) == 4 else None
    if year is None or doc[i].ent_type_ != "DATE" or i == 0 or lowers[i - 1] not in MONTH_PREPOSITIONS:
        return None
    return i, i + 1, dt.date(year, 1, 1), "year", False


def _weekday_led(doc: Doc, lowers: list[str], i: int, published: dt.date | None) -> _Found | None:
    """ "Saturday", "late on Thursday", "last Monday", "Saturday night", "Tuesday, Jan. 27"."""
    j = i + 1
    if j < len(doc) and lowers[j] == ",":
        j += 1
    if j < len(doc) and lowers[j].rstrip(".") in MONTHS:
        found = _month_led(doc, lowers, i, j, published)
        if found is not None:
            return found
    name = lowers[i].rstrip(".")
    if published is None or name not in WEEKDAYS or not doc[i].text[:1].isupper():
        return None
    start = i
    modifier = ""
    if start > 0 and lowers[start - 1] == "on" and start > 1 and lowers[start - 2] in {"late", "early"}:
        start -= 2
    elif start > 0 and lowers[start - 1] in WEEKDAY_MODIFIERS - {"on"}:
        start -= 1
        modifier = lowers[start]
    end = i + 1
    if end < len(doc) and lowers[end] in PARTS_OF_DAY:
        end += 1
    tense = tense_of(doc[i])
    if modifier == "next":
        tense = "future"
    elif modifier == "last":
        tense = "past"
    date = weekday_date(published, WEEKDAYS[name], tense, strict=modifier in {"last", "next"})
    return start, end, date, "day", True


def _period(lowers: list[str], i: int, published: dt.date) -> _Found | None:
    """ "last week", "this month", "earlier this week", "next year", "last night", "this morning"."""
    j = i
    word = lowers[i]
    if word in {"earlier", "later"}:
        if i + 1 >= len(lowers) or lowers[i + 1] != "this":
            return None
        j = i + 1
    if j + 1 >= len(lowers):
        return None
    anchor, noun = lowers[j], lowers[j + 1]
    if noun in PARTS_OF_DAY and anchor in _TIME_OF_DAY_LEADS:
        back = 1 if anchor == "last" else 0
        return i, j + 2, published - dt.timedelta(days=back), "day", True
    if noun not in _PERIOD_WORDS or anchor == "past":
        return None
    amount = {"last": -1, "this": 0, "next": 1}[anchor]
    if noun == "weekend":
        saturday = weekday_date(published, 5, "future" if amount > 0 else "past", strict=amount < 0)
        return i, j + 2, saturday, "week", True
    precision: DatePrecision = "week" if noun == "week" else noun  # type: ignore[assignment]
    return i, j + 2, shift(published, noun, amount), precision, True


def _ago(lowers: list[str], i: int, published: dt.date) -> _Found | None:
    """ "two days ago", "a week ago", "three months ago"."""
    word = lowers[i]
    j = i + 1
    if word in TENS and j + 1 < len(lowers) and lowers[j] == "-" and lowers[j + 1] in NUMBER_UNITS:
        amount = TENS[word] + NUMBER_UNITS[lowers[j + 1]]
        j += 2
    elif word in {"a", "an"}:
        amount = 1
    elif word in NUMBER_UNITS or word in TENS:
        amount = NUMBER_UNITS.get(word) or TENS.get(word, 0)
    elif word[:1].isdigit() and word.isdigit():
        amount = int(word)
    else:
        return None
    if j + 1 >= len(lowers) or lowers[j] not in UNITS or lowers[j + 1] != "ago":
        return None
    unit = UNITS[lowers[j]]
    precision: DatePrecision = unit  # type: ignore[assignment]
    return i, j + 2, ago(published, unit, amount), precision, True


def _holiday(doc: Doc, lowers: list[str], i: int, published: dt.date) -> _Found | None:
    """ "Christmas Eve", "New Year's Day", "Halloween", "Thanksgiving" (past unless future tense)."""
    years = (published.year - 1, published.year, published.year + 1)
    if lowers[i] == "thanksgiving" and doc[i].text[:1].isupper():
        candidates = [thanksgiving(year) for year in years]
        return i, i + 1, _choose(candidates, published, tense_of(doc[i])), "day", True
    for words, (month, day) in _HOLIDAYS_LONGEST_FIRST:
        if tuple(lowers[i : i + len(words)]) == words and doc[i].text[:1].isupper():
            candidates = [dt.date(year, month, day) for year in years]
            return i, i + len(words), _choose(candidates, published, tense_of(doc[i])), "day", True
    return None


def _choose(candidates: list[dt.date], published: dt.date, tense: str) -> dt.date:
    if tense == "future":
        return min(d for d in candidates if d >= published - dt.timedelta(days=1))
    return max(d for d in candidates if d <= published + dt.timedelta(days=1))


def event_date(
    doc: Doc,
    sentence: Span,
    trigger_token_index: int,
    dates: list[DateMention],
    published: dt.date | None,
) -> tuple[dt.date | None, DatePrecision, DateMention | None]:
    """(date, precision, the mention it came from) for the event triggered in `sentence`.

    The date of the trigger's own clause wins (nearest in the parse tree, then in the text);
    else the date of the sentence; else the nearest dated sentence before it in the same
    paragraph, at most MAX_SENTENCES_BACK back; else the publication date (precision
    "published", no mention), or None when the publication date is unknown too.
    """
    trigger = doc[trigger_token_index]
    in_sentence = [
        m for m in dates if sentence.start_char <= m.start < sentence.end_char and not _statement_date(doc, m, trigger)
    ]
    if in_sentence:
        best = min(in_sentence, key=lambda m: (_tree_distance(doc, m, trigger), abs(m.start - trigger.idx)))
        return best.date, best.precision, best
    earlier = sentence
    for _ in range(MAX_SENTENCES_BACK):
        if earlier.start == 0 or _paragraph_starts_at(doc, earlier.start):
            break
        earlier = _sentence_before(doc, earlier)
        before = [m for m in dates if earlier.start_char <= m.start < earlier.end_char]
        if before:
            best = before[-1]
            return best.date, best.precision, best
    return published, "published", None


# Verbs of saying: a date on one ("officials said on Thursday") dates the statement, not the act reported.
_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "announce", "report", "add", "state", "confirm", "claim", "declare", "note", "write", "tweet"}
)


def _statement_date(doc: Doc, mention: DateMention, trigger: Token) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.i != trigger.i and verb.lemma_.lower() in _SPEECH_LEMMAS


def _sentence_before(doc: Doc, sentence: Span) -> Span:
    """The sentence ending where `sentence` starts (Token.sent would walk every sentence of the Doc)."""
    start = sentence.start - 1
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    return doc[start : sentence.start]


def _paragraph_starts_at(doc: Doc, i: int) -> bool:
    previous = doc[i - 1]
    return "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)


def _tree_distance(doc: Doc, mention: DateMention, trigger: Token) -> int:
    """Edges between the mention's head token and the trigger in the dependency tree."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return 99
    head = span.root
    up: dict[int, int] = {}
    node, steps = head, 0
    while True:
        up[node.i] = steps
        if node.head.i == node.i or steps > 20:
            break
        node, steps = node.head, steps + 1
    node, steps = trigger, 0
    while node.i not in up and node.head.i != node.i and steps < 20:
        node, steps = node.head, steps + 1
    return up.get(node.i, 40) + steps
