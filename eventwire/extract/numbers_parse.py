"""Cardinal quantities in a parsed Doc: digits, number words, vague amounts, with their qualifier.

`find_numbers(doc)` returns every token run that states how many of something there are ("300",
"twenty-five", "1.5 million", "at least 156", "dozens", "tens of thousands"), already cleared of
the numbers that are not quantities at all: years, ages, money, percentages, clock times,
addresses, phone numbers, scores and identifiers ("Route 66", "Article 5"). Deciding *what* was
counted is the caller's job (`counts.py`).

Conventions for vague amounts (a figure must be an integer, so we take the smallest credible
reading and mark it `at_least`): "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000,
"tens of thousands" 20,000, "hundreds of thousands" 200,000, "millions" 2,000,000. "a dozen" is 12
`about`, "a couple" 2 `about`, "half a dozen" 6 `about`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.records import Qualifier

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Plural amounts with no figure: the smallest credible reading, qualified at_least.
VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
}  # fmt: skip
_ARTICLE_NUMBERS = frozenset(SCALES) | {"dozen", "couple"}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"dozen", "couple"}

# Qualifiers read backwards from the number, longest first.
_QUALIFIERS: list[tuple[tuple[str, ...], Qualifier]] = [
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("no", "more", "than"), "at_most"),
    (("as", "many", "as"), "at_most"),
    (("in", "excess", "of"), "at_least"),
    (("at", "least"), "at_least"),
    (("more", "than"), "at_least"),
    (("greater", "than"), "at_least"),
    (("upwards", "of"), "at_least"),
    (("well", "over"), "at_least"),
    (("fewer", "than"), "at_most"),
    (("less", "than"), "at_most"),
    (("up", "to"), "at_most"),
    (("at", "most"), "at_most"),
    (("close", "to"), "about"),
    (("an", "estimated"), "about"),
    (("over",), "at_least"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("about",), "about"),
    (("around",), "about"),
    (("approximately",), "about"),
    (("roughly",), "about"),
    (("some",), "about"),
    (("estimated",), "about"),
    (("approx.",), "about"),
]

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CURRENCY = frozenset("$ € £ ¥ ₹ us$ usd eur gbp rs rs. inr ksh ngn".split())
_NOT_COUNT_AFTER = frozenset(
    """% percent per pct dollars dollar euros euro pounds pound yuan yen rupees rupee cents pesos
    naira shillings rand dinars riyals lira bolivars a.m. p.m. am pm a.m p.m o'clock gmt utc est
    edt pst pdt cst cdt hours hrs mph km kms kilometers kilometres miles mile meters metres feet
    foot ft kg kilograms tons tonnes pounds lbs degrees inches inch block blocks""".split()
)
# Identifiers: a number right after these words names something, it does not count it.
_IDENTIFIER_BEFORE = frozenset(
    """route highway interstate hwy rt rte article no. no number # chapter section room apartment
    apt apt. suite unit page flight channel episode season version level grade district ward
    precinct bus line platform gate exit mile code resolution amendment phase stage category
    class model series vol. volume issue box floor lot rank ranked pier terminal gate lane
    track division battalion brigade regiment squadron corps fleet sector zone camp kilometre
    kilometer km""".split()
)
_STREET_WORDS = frozenset(
    """street st st. avenue ave ave. road rd rd. boulevard blvd blvd. lane ln ln. drive dr dr.
    way court ct ct. place pl pl. parkway pkwy highway hwy terrace circle freeway trail plaza
    square sq pike expressway""".split()
)
_AGE_UNITS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days", "yr"})
_AGE_BEFORE = frozenset({"aged", "age", "ages"})
# "Smith, 24," and "Boy, 9," are ages; a word of these tags before the comma is not a name.
_NOT_NAME_TAGS = frozenset({"NNS", "NNPS", "VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "IN", "DT", "CC", "CD", "MD"})
_SKIP_ENTS = frozenset({"MONEY", "PERCENT", "TIME", "ORDINAL", "QUANTITY"})


@dataclass(frozen=True)
class NumberPhrase:
    """A stated quantity: tokens [start, end) include the qualifier words; `head` is the token
    the parser attaches to the counted noun (the last number word, or "dozens" in "dozens of")."""

    start: int
    end: int
    head: int
    n: int
    qualifier: Qualifier


def find_numbers(doc: Doc, lowers: list[str] | None = None) -> list[NumberPhrase]:
    """Every quantity in the Doc that could count people or things, in text order.

    `lowers` is the lower-case text of every token, when the caller has it already.
    """
    if lowers is None:
        lowers = [token.lower_ for token in doc]
    phrases: list[NumberPhrase] = []
    i = 0
    while i < len(doc):
        word = lowers[i]
        if word in NUMBER_WORDS or word in VAGUE or word == "tens" or _DIGITS.match(word):
            phrase = _read_number(doc, lowers, i)
            if phrase is not None:
                if _is_quantity(doc, lowers, phrase):
                    phrases.append(phrase)
                i = max(phrase.end, i + 1)
                continue
        i += 1
    return phrases


def _read_number(doc: Doc, lowers: list[str], i: int) -> NumberPhrase | None:
    """Read the longest number starting at token i (and its qualifier before it)."""
    end, n, qualifier = _read_value(lowers, i)
    if n is None:
        return None
    # "40 or more", "300-plus"
    if end < len(lowers) and lowers[end] in {"plus", "+"}:
        end, qualifier = end + 1, "at_least"
    elif end + 1 < len(lowers) and lowers[end] == "or" and lowers[end + 1] == "more":
        end, qualifier = end + 2, "at_least"
    start = i
    # "a dozen", "a hundred": the article is part of the phrase
    if i > 0 and lowers[i - 1] in {"a", "an"} and lowers[i] in _ARTICLE_NUMBERS:
        start = i - 1
        if lowers[i] == "dozen" and i > 1 and lowers[i - 2] == "half":
            start = i - 2
    for words, qual in _QUALIFIERS:
        k = start - len(words)
        if k >= 0 and tuple(lowers[k:start]) == words:
            start = k
            if qualifier == "exact":
                qualifier = qual
            break
    head = end - 1
    # "dozens of", "thousands of": the vague word is what the parser attaches to the noun.
    if lowers[head] in {"of"}:
        head -= 1
    return NumberPhrase(start=start, end=end, head=head, n=n, qualifier=qualifier)


def _read_value(lowers: list[str], i: int) -> tuple[int, int | None, Qualifier]:
    """(end token, value, qualifier) of the number starting at token i; value None if none."""
    word = lowers[i]
    n_tokens = len(lowers)
    nxt = lowers[i + 1] if i + 1 < n_tokens else ""
    if word == "tens" and nxt == "of" and i + 2 < n_tokens and lowers[i + 2] in VAGUE:
        return i + 3, 10 * VAGUE[lowers[i + 2]], "at_least"
    if word in VAGUE:
        # "hundreds of thousands"
        if nxt == "of" and i + 2 < n_tokens and lowers[i + 2] in VAGUE:
            return i + 3, VAGUE[word] // 2 * VAGUE[lowers[i + 2]], "at_least"
        return i + 1, VAGUE[word], "at_least"
    if word == "dozen":
        half = i > 1 and lowers[i - 2] == "half"
        return i + 1, (6 if half else 12), "about"
    if word == "couple":
        return (i + 2 if nxt == "of" else i + 1), 2, "about"
    if word in SCALES:
        # "a hundred", "a thousand"; a bare "Thousand" is more often a name ("Thousand Oaks")
        if i > 0 and lowers[i - 1] in {"a", "an"}:
            return i + 1, SCALES[word], "about"
        return i, None, "exact"
    match = _DIGITS.match(word)
    if match:
        value = float(word.replace(",", ""))
        end = i + 1
        if end < n_tokens and lowers[end] in SCALES and lowers[end] != "hundred":
            value *= SCALES[lowers[end]]
            end += 1
        if value != int(value):
            return end, None, "exact"
        return end, int(value), "exact"
    return _read_words(lowers, i)


def _read_words(lowers: list[str], i: int) -> tuple[int, int | None, Qualifier]:
    """Spelled-out numbers: "twenty-five", "one hundred and twenty", "two thousand"."""
    total, current, end, seen = 0, 0, i, False
    j = i
    while j < len(lowers):
        word = lowers[j]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
            # "twenty-five" is three tokens
            if j + 2 < len(lowers) and lowers[j + 1] == "-" and lowers[j + 2] in UNITS:
                current += UNITS[lowers[j + 2]]
                j += 2
        elif word in SCALES and seen:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] > 100:
                total, current = total + current, 0
        elif word == "and" and seen and j + 1 < len(lowers) and lowers[j + 1] in UNITS | TENS:
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
        end = j
    if not seen:
        return i, None, "exact"
    return end, total + current, "exact"


def _is_quantity(doc: Doc, lowers: list[str], phrase: NumberPhrase) -> bool:
    """False for numbers that state a year, age, sum, share, time, place or identifier."""
    first, last = phrase.start, phrase.end - 1
    number_start = first
    while number_start < last and not (
        lowers[number_start] in NUMBER_WORDS or lowers[number_start] in VAGUE or _DIGITS.match(lowers[number_start])
    ):
        number_start += 1
    before = lowers[number_start - 1] if number_start > 0 else ""
    after = lowers[last + 1] if last + 1 < len(doc) else ""
    token = doc[phrase.head]
    if token.ent_type_ in _SKIP_ENTS or doc[number_start].ent_type_ in _SKIP_ENTS:
        return False
    if before in _CURRENCY or before.endswith("$") or after in _NOT_COUNT_AFTER:
        return False
    if before in _IDENTIFIER_BEFORE or before.endswith("-") or before in {"(", "#"}:
        return False
    if before == "no" or (before == "the" and lowers[number_start] == "one"):
        return False  # "no one" is a zero (read by the caller), "the one who" is a pronoun
    if after in {"-", "–", "/", ":"} and last + 2 < len(doc) and doc[last + 2].like_num:
        return False  # ranges, scores, phone numbers and ratios are not head counts
    if _is_age(doc, lowers, number_start, last, before, after):
        return False
    word = lowers[phrase.head]
    if _DIGITS.match(word) and "," not in word and len(word) == 4 and 1800 <= int(word) <= 2100:
        return False  # a year ("in 2015"); a four-digit head count is written 1,500 in news
    if len(word) > 1 and word.startswith("0"):
        return False  # codes and phone fragments
    return not _is_address(doc, lowers, last, before)


def _is_age(doc: Doc, lowers: list[str], first: int, last: int, before: str, after: str) -> bool:
    # "a 3-year-old", "three years old", "aged 24", "John Smith, 24, died"
    window = "".join(lowers[last + 1 : last + 5])
    if window.startswith(("-year", "year-old", "-month", "-week", "-day", "yr")):
        return True
    if after in _AGE_UNITS and last + 2 < len(doc) and lowers[last + 2] in {"old", "of"}:
        return True
    if before in _AGE_BEFORE or (before == "of" and first > 1 and lowers[first - 2] == "age"):
        return True
    if before == "," and after in {",", ".", ";", "and", ")", "-", "–", "—", "|"} and first >= 2:
        previous = doc[first - 2]
        return previous.is_alpha and previous.tag_ not in _NOT_NAME_TAGS
    return False


def _is_address(doc: Doc, lowers: list[str], last: int, before: str) -> bool:
    # "1415 5th Avenue", "the 5300 block of the East Freeway", "Route 66" (handled by before)
    for j in range(last + 1, min(last + 5, len(doc))):
        if lowers[j] in _STREET_WORDS and doc[j].text[:1].isupper():
            return all(doc[k].text[:1].isupper() or doc[k].text[:1].isdigit() for k in range(last + 1, j))
    # "Fox 59", "Boeing 737": a number right after a proper name is part of the name
    return doc[last].dep_ == "nummod" and last > 0 and doc[last - 1].tag_ == "NNP" and doc[last].head.i == last - 1
