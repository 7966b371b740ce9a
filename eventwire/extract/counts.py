"""Counts of people and things affected, and the figures they add up to for an event or article.

`extract_counts` lists every count mention (numbers_mentions): repeated mentions of the same
figure are all listed. `event_size` and `article_casualties` turn mentions into one figure per kind
without adding up restatements: the largest figure stands for the group, restated groups ("the
victim", "he", "one of them") never add people, distinct named victims do.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.extract.context import ExtractionContext
from eventwire.extract.numbers_mentions import CountMention, count_mentions
from eventwire.records import Count

# The figures every event reports, null when unknown (CONTRACT: Event.size).
SIZE_KINDS = ("dead", "injured", "arrested")
# Wording that states an injury, as opposed to a bare "was shot" whose outcome may come later.
_INJURY_EVIDENCE = frozenset(
    """wound injure hurt hospitalize hospitalise hospital icu condition critically seriously
    gravely severely slightly badly critical injured wounded suffer sustain""".split()
)
# Words that report a death: an article whose lead has one reports at least one dead.
_DEATH_WORDS = frozenset(
    """fatal fatally deadly homicide murder manslaughter slay slaying slain dead die kill death
    deceased killing""".split()
)
# Nouns that may name any victim, dead or alive.
_GENERIC_NOUNS = frozenset({"victim", "person", "people", "someone", "somebody", "individual", "one", "other"})
_PERIOD_WORDS = frozenset({"year", "month", "week", "decade", "weekend"})


def extract_counts(doc: Doc, ctx: ExtractionContext) -> list[Count]:
    """Every count of people or things affected, in text order (repeated figures included)."""
    return [mention.count for mention in count_mentions(doc)]


def event_size(doc: Doc, sentence: Span, trigger_token_index: int, counts: list[Count]) -> dict[str, int | None]:
    """The figures of the event triggered at `trigger_token_index` in `sentence`.

    Counts in the trigger's sentence come first; when it has none of a kind, the next sentence
    of the same paragraph may elaborate ("Two people died."). Per kind, the count nearest the
    trigger wins: mentions of one figure are never summed. Always has dead, injured, arrested
    (None when unknown) and any other kind found.
    """
    size: dict[str, int | None] = dict.fromkeys(SIZE_KINDS)
    trigger_char = doc[trigger_token_index].idx
    scopes = [(sentence.start_char, sentence.end_char)]
    following = _following_sentence(doc, sentence)
    if following is not None:
        scopes.append(following)
    for start, end in scopes:
        best: dict[str, Count] = {}
        for count in counts:
            if start <= count.start < end and size.get(count.what) is None:
                current = best.get(count.what)
                if current is None or _distance(count, trigger_char) < _distance(current, trigger_char):
                    best[count.what] = count
        for what, count in best.items():
            size[what] = count.n
    return size


def _following_sentence(doc: Doc, sentence: Span) -> tuple[int, int] | None:
    if sentence.end >= len(doc) or _paragraph_break_before(doc, sentence.end):
        return None  # a paragraph break: the next sentence is about something else
    # Token.sent walks every sentence of the Doc; finding the next boundary directly stays local.
    end = sentence.end + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    following = doc[sentence.end : end]
    return following.start_char, following.end_char


def _paragraph_break_before(doc: Doc, i: int) -> bool:
    """True when a line break separates token i from the token before it."""
    if i <= 0:
        return True
    previous = doc[i - 1]
    return "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)


def _distance(count: Count, char: int) -> int:
    if count.start <= char < count.end:
        return 0
    return min(abs(count.start - char), abs(count.end - char))


def article_casualties(counts: list[Count], doc: Doc) -> dict[str, int]:
    """How many were killed and injured in the article's incident: {"dead": n, "injured": n}.

    Dead: the largest of the largest stated figure ("two people were killed"), the number of
    distinct named dead ("Smith died") and 1 for any unnamed dead ("a man was shot and killed");
    restatements ("the victim died", "he died", "one fatally") count only when nothing else does.
    Injured are the victims not killed: with no death, the same tally over injuries and bare
    shootings ("a man was shot"). With deaths, a lone wounded person who may be the one who died
    ("the victim was shot", "he was taken to a hospital") is not counted, while one set apart
    ("another man", "a woman" beside "a man" killed, "two others") is; a bare shooting figure
    counts the people hit, the dead among them ("two men were shot, one fatally").
    Counts in sentences about other periods ("this year", "since 2014", "last month") are left out.
    """
    details = {(m.count.start, m.count.end, m.count.what): m for m in count_mentions(doc)}
    mentions = [details.get((c.start, c.end, c.what)) or _plain(c) for c in counts]
    latest_year = _latest_year(doc)
    mentions = [
        m for m in mentions if m.count.what in {"dead", "injured"} and not _background(doc, m.count, latest_year)
    ]
    dead = [m for m in mentions if m.count.what == "dead"]
    hurt = [m for m in mentions if m.count.what == "injured"]
    n_dead = _tally(dead) or _implied_deaths(doc, latest_year)
    if n_dead == 0:
        return {"dead": 0, "injured": _tally(hurt)}
    dead_nouns = {m.noun for m in dead if m.noun and m.noun not in _GENERIC_NOUNS}
    figures = [0]
    singles = 0
    for m in hurt:
        n = m.count.n
        if n >= 2 or n == 0:
            figures.append(n if m.another or not _bare_shooting(m) else max(n - n_dead, 0))
        elif n == 1 and _set_apart(m, dead_nouns):
            singles += 1
    return {"dead": n_dead, "injured": max(max(figures), singles)}


def _implied_deaths(doc: Doc, latest_year: int | None) -> int:
    """1 when the article's first sentence (with its headline) reports a death without a figure:
    "shooting death", "charged with murder", "homicide", "found dead"; 2 for a murder-suicide."""
    first = next(iter(doc.sents), None)
    if first is None:
        return 0
    if _about_another_period(doc, first, latest_year):
        return 0
    for token in first:
        if (token.lemma_.lower() not in _DEATH_WORDS and token.lower_ not in _DEATH_WORDS) or token.tag_ == "NNS":
            continue  # plural "homicides", "deaths" are a tally
        before = {doc[j].lower_ for j in range(max(token.i - 2, 0), token.i)}
        after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if before & {"attempted", "non", "no", "not"} or after in {"penalty", "threat", "threats", "row"}:
            continue
        if (
            token.lower_ == "murder"
            and after == "-"
            and token.i + 2 < len(doc)
            and doc[token.i + 2].lower_ == "suicide"
        ):
            return 2
        return 1
    return 0


def _set_apart(mention: CountMention, dead_nouns: set[str]) -> bool:
    """True for a wounded person who cannot be one of the dead: "another man", or "a woman"
    beside "a man" killed. Names, pronouns and "a victim" may all be the person who died."""
    if mention.restated or mention.name is not None:
        return False
    if mention.another:
        return True
    noun = mention.noun
    return bool(dead_nouns) and noun is not None and noun not in _GENERIC_NOUNS and noun not in dead_nouns


def _plain(count: Count) -> CountMention:
    return CountMention(count=count, evidence=frozenset(), restated=False, another=False, name=None, noun=None)


def _bare_shooting(mention: CountMention) -> bool:
    return "shoot" in mention.evidence and not mention.evidence & _INJURY_EVIDENCE


def _background(doc: Doc, count: Count, latest_year: int | None) -> bool:
    """True for a count in a sentence about another period: a tally, not the incident."""
    span = doc.char_span(count.start, count.end, alignment_mode="expand")
    return span is not None and _about_another_period(doc, span.sent, latest_year)


def _latest_year(doc: Doc) -> int | None:
    years = [int(t.text) for t in doc if t.ent_type_ == "DATE" and len(t.text) == 4 and t.text.isdigit()]
    return max((y for y in years if 1800 <= y <= 2100), default=None)


def _about_another_period(doc: Doc, sentence: Span, latest_year: int | None) -> bool:
    """ "this year", "last month", "so far", "since January", or a year before the latest one
    the article names ("the 2012 rampage" in a 2015 story)."""
    for token in sentence:
        if token.lower_ == "since" and any(t.ent_type_ == "DATE" for t in doc[token.i + 1 : token.i + 6]):
            return True
        is_year = token.ent_type_ == "DATE" and token.text.isdigit() and len(token.text) == 4
        if is_year and latest_year and int(token.text) < latest_year:
            return True
        lower = token.lower_
        if lower in _PERIOD_WORDS and token.i > 0 and doc[token.i - 1].lower_ in {"this", "last", "past", "that"}:
            return True
        if lower == "so" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "far":
            return True
    return False


def _tally(mentions: list[CountMention]) -> int:
    """One figure for a kind, without adding up restatements of the same people."""
    fresh = [m for m in mentions if not m.restated]
    if not fresh:
        return max((m.count.n for m in mentions), default=0)
    largest = max(m.count.n for m in fresh)
    names = {m.name for m in fresh if m.name}
    singles = 1 if any(m.count.n == 1 for m in fresh) else 0
    return max(largest, len(names), singles)
