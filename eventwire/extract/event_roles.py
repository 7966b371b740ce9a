"""Who did it and to whom: actor and recipient phrases of a trigger, read off the dependency parse.

Handles active and passive voice ("were fired upon by soldiers"), nominal events ("the attack on the
convoy by rebels", "Russia's invasion of Ukraine", "Police launched an attack on …"), control and
participle chains ("agreed to cooperate", "…, killing 12"), datives ("gave Ivory Coast aid") and
conjoined phrases ("the United States and Jordan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.extract.event_features import subject_of

RECIPIENT_PREPS = frozenset(
    {"against", "on", "upon", "at", "to", "with", "toward", "towards", "into", "between", "among", "over", "from"}
)
NOMINAL_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of", "in"}
ACTOR_PREPS = frozenset({"by", "from"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Words that head a prepositional object but never name a participant ("on Saturday", "at least").
_NOT_PARTICIPANT = frozenset(
    {
        "least",
        "most",
        "time",
        "day",
        "week",
        "month",
        "year",
        "hour",
        "night",
        "morning",
        "evening",
        "afternoon",
        "weekend",
        "today",
        "yesterday",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "basis",
        "part",
        "behalf",
        "order",
        "effort",
        "bid",
        "response",
        "addition",
        "way",
    }
)


def _is_participant(token: Token) -> bool:
    return (
        token.pos_ in _NOMINAL_POS
        and token.lower_ not in _NOT_PARTICIPANT
        and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY")
    )


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the phrases conjoined to it ("the United States and Jordan")."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in _NOMINAL_POS and child not in found:
                found.append(child)
                stack.append(child)
    return found


def phrase_span(head: Token) -> Span:
    """The noun phrase headed by `head`: modifiers and "of" phrases, not relative clauses or conjuncts."""
    start = head.i
    end = head.i
    for child in head.children:
        if child.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct"):
            continue
        if child.i < head.i:
            start = min(start, child.left_edge.i)
        elif (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("compound", "nummod", "amod"):
            end = max(end, child.right_edge.i)
    doc: Doc = head.doc
    span = doc[start : end + 1]
    # Trim leading determiners and punctuation: "the rebels" and "rebels" code the same.
    while len(span) > 1 and span[0].pos_ in ("DET", "PUNCT"):
        span = span[1:]
    return span


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj" and _is_participant(g)]


def _verb_roles(trigger: Token) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    for child in trigger.children:
        dep = child.dep_
        if dep == "nsubj" and _is_participant(child):
            actors.append(child)
        elif dep == "nsubjpass" and _is_participant(child):
            recipients.append(child)
        elif dep == "agent":
            actors += _pobjs(child)
        elif dep in ("dobj", "dative") and _is_participant(child):
            recipients.append(child)
        elif dep == "prep" and child.lower_ in RECIPIENT_PREPS and not recipients:
            recipients += _pobjs(child)
        elif dep == "prep" and child.lower_ == "by" and passive:
            actors += _pobjs(child)
    if not actors and not (passive and recipients):
        inherited = subject_of(trigger)
        if inherited is not None and inherited is not trigger and _is_participant(inherited):
            if inherited.dep_ == "nsubjpass" and trigger.dep_ in ("conj", "xcomp"):
                recipients = recipients or [inherited]
            else:
                actors.append(inherited)
    return actors, recipients


def _noun_roles(trigger: Token) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    for child in trigger.children:
        dep = child.dep_
        possessor = dep == "poss" and _is_participant(child)
        # "Israeli air strikes", "Rwandan troops' advance": a national modifier names the actor.
        national = dep in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG") and child.i < trigger.i
        if possessor or national:
            actors.append(child)
        elif dep == "prep" and child.lower_ in ACTOR_PREPS:
            actors += _pobjs(child)
        elif dep == "prep" and child.lower_ in NOMINAL_RECIPIENT_PREPS and not recipients:
            recipients += _pobjs(child)
    if not actors and trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and trigger.head is not trigger:
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb.pos_ in ("VERB", "AUX"):
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and _is_participant(c)), None)
            subject = subject or subject_of(verb)
            if subject is not None and subject is not trigger and _is_participant(subject):
                actors.append(subject)
    return actors, recipients


def role_heads(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Head tokens of the actor and recipient phrases (conjuncts expanded), in text order."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        actors, recipients = _noun_roles(trigger)
    else:
        actors, recipients = _verb_roles(trigger)
    actor_heads = sorted({t for a in actors for t in with_conjuncts(a)}, key=lambda t: t.i)
    recipient_heads = sorted({t for r in recipients for t in with_conjuncts(r)} - set(actor_heads), key=lambda t: t.i)
    return actor_heads, recipient_heads
