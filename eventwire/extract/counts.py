"""Counts of people and things affected, and the figures they add up to for an event or article.

`extract_counts` lists every count mention (numbers_mentions): repeated mentions of the same
figure are all listed. `event_size` and `article_casualties` turn mentions into one figure per kind
without adding up restatements: the largest figure stands for the group, restated groups ("the
victim", "he", "one of them") never add people, and named or "another" victims do.
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
# The next sentence elaborates on an event ("Two people died.") only this close to it.
MAX_ELABORATION_SENTENCES = 1


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
    if sentence.end >= len(doc):
        return None
    between = doc.text[sentence.end_char : doc[sentence.end].idx]
    if "\n" in doc.text[sentence.start_char : sentence.end_char].rstrip() or "\n" in between:
        return None  # a paragraph break: the next sentence is about something else
    following = doc[sentence.end].sent
    return following.start_char, following.end_char


def _distance(count: Count, char: int) -> int:
    if count.start <= char < count.end:
        return 0
    return min(abs(count.start - char), abs(count.end - char))


def article_casualties(counts: list[Count], doc: Doc) -> dict[str, int]:
    """How many were killed and injured in the article's incident: {"dead": n, "injured": n}.

    The figure of a kind is the largest of: the largest stated figure ("two people were killed"),
    the number of distinct named victims ("Smith died"), and one per unnamed victim plus one per
    "another"/"second" victim. Restatements ("the victim died", "he died", "one fatally") only
    count when nothing else does. A bare shooting ("two men were shot") counts the people hit:
    those of them said to die afterwards are dead, the rest injured.
    """
    details = {(m.count.start, m.count.end, m.count.what): m for m in count_mentions(doc)}
    mentions = [details.get((c.start, c.end, c.what)) or _plain(c) for c in counts]
    dead = [m for m in mentions if m.count.what == "dead"]
    hurt = [m for m in mentions if m.count.what == "injured"]
    shot = [m for m in hurt if _bare_shooting(m)]
    n_dead = _tally(dead)
    n_injured = _tally([m for m in hurt if not _bare_shooting(m)])
    if shot:
        first_shot = min(m.count.start for m in shot)
        # Deaths told after the shooting, not as part of it, are among the people shot.
        later_dead = [m.count.n for m in dead if m.count.start > first_shot and "shoot" not in m.evidence]
        n_injured = max(n_injured, _tally(shot) - max(later_dead, default=0))
    return {"dead": n_dead, "injured": n_injured}


def _plain(count: Count) -> CountMention:
    return CountMention(count=count, np=-1, evidence=frozenset(), restated=False, another=False, name=None)


def _bare_shooting(mention: CountMention) -> bool:
    return "shoot" in mention.evidence and not mention.evidence & _INJURY_EVIDENCE


def _tally(mentions: list[CountMention]) -> int:
    """One figure for a kind, without adding up restatements of the same people."""
    fresh = [m for m in mentions if not m.restated]
    if not fresh:
        return max((m.count.n for m in mentions), default=0)
    largest = max(m.count.n for m in fresh)
    names = {m.name for m in fresh if m.name}
    unnamed = [m for m in fresh if m.name is None and m.count.n == 1]
    singles = (1 if unnamed else 0) + sum(1 for m in unnamed if m.another)
    return max(largest, len(names), singles)
