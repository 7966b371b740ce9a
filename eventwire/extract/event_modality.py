"""PLOVER's auxiliary modes for one trigger: negation, hypothetical, future, historical.

Read off the parse around the trigger and the verbs that govern it, so that "did not attack",
"refused to allow" (handled as REJECT by the classifier), "could strike", "if troops cross",
"will meet" and "during the 1994 war" are never reported as plain acts.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "cannot"})
# Governing verbs that deny or cancel what they govern ("denied attacking", "failed to reach").
NEGATING_HEADS = frozenset({"deny", "fail", "avoid", "rule", "halt", "cancel", "postpone", "abandon", "stop"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "must"})
HYPOTHETICAL_HEADS = frozenset(
    {"consider", "weigh", "mull", "contemplate", "propose", "suggest", "seek", "hope", "want", "wish", "try"}
)
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_HEADS = frozenset(
    {"plan", "intend", "expect", "schedule", "prepare", "aim", "set", "due", "poise", "scheduled", "go"}
)
HISTORICAL_YEARS = 2


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _governors(trigger: Token, hops: int = 3) -> list[Token]:
    """The trigger and the verbs above it along xcomp/ccomp/conj links (not past the speech verb)."""
    chain = [trigger]
    current = trigger
    for _ in range(hops):
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "dobj", "advcl") or current.head is current:
            break
        current = current.head
        chain.append(current)
        if current.dep_ not in ("xcomp", "pcomp", "pobj", "dobj"):
            break
    return chain


def modality(trigger: Token, event_date: dt.date | None, published: dt.date | None) -> list[str]:
    """Auxiliary modes for an event triggered by `trigger` (empty for a plain, factual act)."""
    modes: list[str] = []
    chain = _governors(trigger)
    negated = False
    hypothetical = False
    future = False
    for depth, token in enumerate(chain):
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
                negated = True
            elif child.dep_ in ("aux", "auxpass"):
                if word in FUTURE_AUX:
                    future = True
                elif word in HYPOTHETICAL_AUX:
                    hypothetical = True
            elif child.dep_ == "mark" and word in HYPOTHETICAL_MARKS:
                hypothetical = True
            elif child.dep_ == "prep" and word == "without" and depth == 0:
                negated = True
        if depth > 0:
            lemma = _lemma(token)
            if lemma in NEGATING_HEADS:
                negated = True
            elif lemma in HYPOTHETICAL_HEADS:
                hypothetical = True
            elif lemma in FUTURE_HEADS:
                future = True
    if trigger.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in trigger.children):
        hypothetical = True
    if event_date and published:
        if event_date > published:
            future = True
        elif (published - event_date).days > 365 * HISTORICAL_YEARS:
            modes.append("historical")
    if negated:
        modes.append("negation")
    if hypothetical:
        modes.append("hypothetical")
    elif future:
        modes.append("future")
    return modes
