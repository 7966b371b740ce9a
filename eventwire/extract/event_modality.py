"""PLOVER's auxiliary modes for one trigger: negation, hypothetical, future, historical.

Read off the parse around the trigger and the verbs that govern it, so that "did not attack",
"refused to allow" (handled as REJECT by the classifier), "could strike", "if troops cross",
"will meet" and "during the 1994 war" are never reported as plain acts.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

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
# "The insurgency has killed tens of thousands since 2009": a running total over a long period, not one
# act. Such sentences are background, coded with the auxiliary mode "historical".
ONGOING_SUBJECTS = frozenset(
    "insurgency conflict war violence crisis fighting campaign unrest uprising rebellion insurrection "
    "occupation siege blockade offensive epidemic".split()
)
SPAN_WORDS = frozenset({"so far this year", "past year", "past years", "past decade", "decades", "since the war"})
_SINCE_YEAR = re.compile(r"\bsince (?:early |late |mid-)?(?:19|20)\d\d\b|\bbegan in (?:19|20)\d\d\b")


def is_running_total(trigger: Token, sentence: Span) -> bool:
    """A present-perfect act summed over a period ("has killed hundreds in the past year")."""
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children):
        return False
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    # "It has killed tens of thousands" says the same of a war named in the previous sentence.
    if subject is not None and (_lemma(subject) in ONGOING_SUBJECTS or subject.lower_ == "it"):
        return True
    words = " ".join(t.lower_ for t in sentence)
    return any(marker in words for marker in SPAN_WORDS) or _SINCE_YEAR.search(words) is not None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _governors(trigger: Token, hops: int = 3) -> list[Token]:
    """The trigger and the verbs above it along xcomp/ccomp/conj links (not past the speech verb)."""
    chain = [trigger]
    current = trigger
    for _ in range(hops):
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "dobj", "advcl") or current.head == current:
            break
        current = current.head
        chain.append(current)
        if current.dep_ not in ("xcomp", "pcomp", "pobj", "dobj"):
            break
    return chain


def modality(trigger: Token, sentence: Span, event_date: dt.date | None, published: dt.date | None) -> list[str]:
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
    if event_date and published and event_date > published:
        future = True
    long_ago = event_date and published and (published - event_date).days > 365 * HISTORICAL_YEARS
    if long_ago or is_running_total(trigger, sentence):
        modes.append("historical")
    if negated:
        modes.append("negation")
    if hypothetical:
        modes.append("hypothetical")
    elif future:
        modes.append("future")
    return modes


# Verbs whose complement is what someone says, announces or decides (the speech act frames the event).
SPEECH_HEADS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "declare",
        "state",
        "add",
        "insist",
        "reiterate",
        "stress",
        "warn",
        "claim",
        "confirm",
        "decide",
        "write",
        "tweet",
        "report",
        "note",
        "conclude",
        "argue",
        "vow",
        "promise",
    }
)
DEONTIC = frozenset({"must", "should", "ought"})
REFUSING_HEADS = frozenset({"refuse", "decline", "fail"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# Material conflict announced or conditional is a threat (PLOVER: THREATEN, not the act + an auxiliary mode).
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
# Announced cooperation is coded as the announcement: AGREE (intent); a future RETREAT is CONCEDE.
FUTURE_RECODE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}


# Words that embed an act in a speech act, and the PLOVER type of the whole ("urged X to …" is a REQUEST).
FRAMERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "demand",
            "urge",
            "call",
            "appeal",
            "ask",
            "press",
            "pressure",
            "insist",
            "request",
            "plead",
            "push",
            "implore",
            "exhort",
            "lobby",
        ),
        "REQUEST",
    ),
    **dict.fromkeys(("threaten", "warn", "vow", "swear", "menace"), "THREATEN"),
    **dict.fromkeys(("refuse", "decline", "reject", "oppose", "resist", "veto"), "REJECT"),
    **dict.fromkeys(
        ("agree", "willing", "ready", "prepared", "offer", "promise", "pledge", "commit", "consent", "undertake"),
        "AGREE",
    ),
}
FRAMED_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "advcl", "relcl"})


def speech_head(trigger: Token) -> Token | None:
    """The speech or decision verb whose complement contains the trigger ("said X must …")."""
    current = trigger
    for _ in range(4):
        if current.head == current:
            return None
        if current.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "dobj", "pcomp", "pobj", "prep", "acl"):
            return None
        current = current.head
        if _lemma(current) in SPEECH_HEADS:
            return current
    return None


def is_deontic(trigger: Token) -> bool:
    """The trigger is something someone says must happen ("Libya must hand over the suspects",
    "the US must be ready to mediate", "Iraq has to cooperate")."""
    chain = [trigger]
    current = trigger
    for _ in range(2):
        if current.dep_ not in ("xcomp", "acomp") or current.head == current:
            break
        current = current.head
        chain.append(current)
    for depth, token in enumerate(chain):
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in token.children):
            return True
        if depth > 0 and _lemma(token) in ("have", "need") and chain[depth - 1].dep_ == "xcomp":
            return True
    return False


def framing(trigger: Token) -> str | None:
    """The speech act an act is embedded in: "urged Iraq to cooperate" (REQUEST), "threatened to
    strike" (THREATEN), "refused to allow aid" (REJECT), "is willing to withdraw" (AGREE)."""
    current = trigger
    for _ in range(3):
        if current.head == current or current.dep_ not in FRAMED_DEPS:
            return None
        current = current.head
        frame = FRAMERS.get(_lemma(current))
        if frame is not None:
            return frame
    return None


def recode(event_type: str, aux: list[str], trigger: Token) -> tuple[str, list[str]]:
    """The PLOVER type and auxiliary modes of an act as framed in the sentence.

    PLOVER codes a framed act as the frame when one exists: a demand that something happen is
    REQUEST, an announced or conditional use of force or sanctions is THREATEN, a refusal or
    announced non-cooperation is REJECT, an offer or announced cooperation is AGREE (a future
    RETREAT is CONCEDE). Acts framed by no speech act keep their type and auxiliary modes.
    """
    plain = [m for m in aux if m not in ("negation", "future", "hypothetical")]
    frame = framing(trigger)
    if frame == "REQUEST" or (is_deontic(trigger) and (speech_head(trigger) is not None or "negation" not in aux)):
        return "REQUEST", plain
    if frame == "REJECT" and "negation" not in aux:
        return "REJECT", plain
    if frame == "THREATEN" and event_type in THREAT_TYPES | {"MOBILIZE"}:
        return "THREATEN", plain
    if frame == "AGREE" and event_type in COOPERATIVE and "negation" not in aux:
        return "AGREE", plain
    refused = any(_lemma(t) in REFUSING_HEADS for t in _governors(trigger)[1:])
    if event_type in COOPERATIVE and ("negation" in aux or refused):
        if refused or "future" in aux or "hypothetical" in aux:
            return "REJECT", plain
        return event_type, aux
    if event_type in THREAT_TYPES and ("future" in aux or "hypothetical" in aux) and "negation" not in aux:
        return "THREATEN", [m for m in aux if m not in ("future", "hypothetical")]
    if "future" in aux and event_type in FUTURE_RECODE:
        return FUTURE_RECODE[event_type], [m for m in aux if m != "future"]
    return event_type, aux
