"""Who did it and to whom: candidate actor and recipient phrases of a trigger, from the dependency parse.

Handles active and passive voice ("were fired upon by soldiers"), nominal events ("the attack on the
convoy by rebels", "Russia's invasion of Ukraine", "Police launched an attack on …"), control and
participle chains ("agreed to cooperate", "…, killing 12", "offered to hand over the suspects to
Britain"), datives ("gave Tanzania a grant"), abstract objects that stand for their owner ("praised
Haiti's efforts", "defended the right of Russian troops"), pronoun subjects of reported speech
("the rebels said they would …") and conjoined phrases ("the United States and Jordan").

Candidates come in order of preference, each a group of conjoined heads; the event coder keeps the
first group that codes as a political entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.extract.event_features import subject_of
from eventwire.extract.event_modality import speech_head

RECIPIENT_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "into", "between", "among")
SECONDARY_PREPS = ("over", "from", "for", "of", "in")
NOMINAL_RECIPIENT_PREPS = ("on", "against", "of", "to", "with", "between", "at", "upon", "toward", "towards", "in")
ACTOR_PREPS = ("by", "from")
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
_NON_ENTITY_TYPES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
# Heads of prepositional objects that never name a participant ("on Saturday", "at least").
_NOT_PARTICIPANT = frozenset(
    "least most time day week month year hour night morning evening afternoon weekend today yesterday tomorrow "
    "monday tuesday wednesday thursday friday saturday sunday basis part behalf order bid response addition "
    "way".split()
)
# Objects that stand for their owner: "praised Haiti's efforts" is praise for Haiti, "rejected an
# ultimatum from Australia" a rejection of Australia.
_ABSTRACT_OBJECTS = frozenset(
    "effort right rights plan proposal policy statement decision position call role stance request demand offer "
    "initiative move campaign record attempt action actions bid idea view views stand efforts ultimatum appeal "
    "change admission warning threat accusation charge criticism invitation condition conditions "
    "resolution".split()
)
# Verbs whose clausal complement names who is to act: "demanded that the government end curbs".
_DIRECTIVE_VERBS = frozenset("demand urge insist ask request press require recommend propose".split())
_PRONOUNS = frozenset({"they", "it", "he", "she", "we", "them", "him", "her", "us"})


@dataclass
class RoleCandidates:
    """Candidate phrases, best first; each candidate is a head with its conjuncts."""

    actors: list[list[Token]] = field(default_factory=list)
    recipients: list[list[Token]] = field(default_factory=list)


def _is_participant(token: Token) -> bool:
    return (
        token.pos_ in _NOMINAL_POS and token.lower_ not in _NOT_PARTICIPANT and token.ent_type_ not in _NON_ENTITY_TYPES
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
    return sorted(found, key=lambda t: t.i)


def _owner(token: Token) -> Token:
    """For an abstract object ("Haiti's efforts", "the right of Russian troops"), its owner."""
    if token.lemma_.lower() not in _ABSTRACT_OBJECTS:
        return token
    for child in token.children:
        if child.dep_ == "poss" and _is_participant(child):
            return child
    for preps in (("by", "from"), ("of",)):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                objects = _pobjs(child)
                if objects:
                    return objects[0]
    # "an Australian ultimatum", "a United Nations appeal"
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.i < token.i and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return child
    return token


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj" and _is_participant(g)]


def _speaker_for(pronoun: Token, trigger: Token) -> Token | None:
    """The subject of the speech verb framing the trigger, for a pronoun subject ("X said they would …")."""
    speech = speech_head(trigger)
    if speech is None:
        return None
    subject = next((c for c in speech.children if c.dep_ == "nsubj" and _is_participant(c)), None)
    if subject is None or subject.lower_ in _PRONOUNS:
        return None
    return subject


def _objects(verb: Token) -> list[Token]:
    """Recipient heads a verb governs, in order of preference: indirect object, direct object,
    prepositional objects of the usual recipient prepositions, then of weaker ones."""
    found: list[Token] = []
    children = list(verb.children)
    found += [c for c in children if c.dep_ == "dative" and _is_participant(c)]
    found += [_owner(c) for c in children if c.dep_ == "dobj" and _is_participant(c)]
    for preps in (RECIPIENT_PREPS, SECONDARY_PREPS):
        for child in children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += [_owner(p) for p in _pobjs(child)]
    # Recipients the parser hangs on the direct object ("handed aid to Gaza", "imposed sanctions on X").
    for child in children:
        if child.dep_ == "dobj":
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in ("to", "for", "on", "against", "upon", "with"):
                    found += _pobjs(grand)
    return found


def _complements(verb: Token) -> list[Token]:
    """Verbs an event verb controls ("agreed to set up", "offered to hand over", "is willing to send")."""
    found = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX", "ADJ")]
    for child in list(found):
        found += [g for g in child.children if g.dep_ == "xcomp" and g.pos_ == "VERB"]
    return found


def _verb_roles(trigger: Token) -> RoleCandidates:
    roles = RoleCandidates()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    actors: list[Token] = []
    recipients: list[Token] = []
    for child in trigger.children:
        if child.dep_ == "nsubj" and _is_participant(child):
            actors.append(child)
        elif child.dep_ == "nsubjpass" and _is_participant(child):
            recipients.append(child)
        elif child.dep_ == "agent" or (passive and child.dep_ == "prep" and child.lower_ == "by"):
            actors += _pobjs(child)
    if not actors and not (passive and recipients):
        inherited = subject_of(trigger)
        if inherited is not None and inherited != trigger and _is_participant(inherited):
            if inherited.dep_ == "nsubjpass" and trigger.dep_ in ("conj", "xcomp"):
                recipients.append(inherited)
            else:
                actors.append(inherited)
    if trigger.dep_ in ("acomp", "prep", "attr") and trigger.head.lemma_ == "be" and not actors:
        # "Norway is willing to send …", "Brazil is against intervention": the subject hangs on the copula.
        actors += [c for c in trigger.head.children if c.dep_ == "nsubj" and _is_participant(c)]
    for actor in list(actors):
        if actor.lower_ in _PRONOUNS:
            speaker = _speaker_for(actor, trigger)
            if speaker is not None:
                actors.insert(actors.index(actor), speaker)
    if not passive:
        recipients += _objects(trigger)
    if trigger.lemma_.lower() in _DIRECTIVE_VERBS:
        for clause in trigger.children:
            if clause.dep_ == "ccomp":
                recipients += [c for c in clause.children if c.dep_ == "nsubj" and _is_participant(c)]
    for complement in _complements(trigger):
        recipients += _objects(complement)
    roles.actors = [with_conjuncts(a) for a in actors]
    roles.recipients = [with_conjuncts(r) for r in recipients]
    return roles


def _noun_roles(trigger: Token) -> RoleCandidates:
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
        elif dep == "prep" and child.lower_ in NOMINAL_RECIPIENT_PREPS:
            recipients += [_owner(p) for p in _pobjs(child)]
    if trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and trigger.head != trigger:
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb.pos_ in ("VERB", "AUX"):
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and _is_participant(c)), None)
            subject = subject or subject_of(verb)
            if subject is not None and subject != trigger and _is_participant(subject):
                actors.append(subject)
            recipients += [o for o in _objects(verb) if o != trigger]
    return RoleCandidates([with_conjuncts(a) for a in actors], [with_conjuncts(r) for r in recipients])


def role_candidates(trigger: Token) -> RoleCandidates:
    """Actor and recipient candidates of an event trigger, best first."""
    roles = _noun_roles(trigger) if trigger.pos_ in ("NOUN", "PROPN") else _verb_roles(trigger)
    actor_tokens = {t.i for group in roles.actors for t in group}
    roles.recipients = [g for g in roles.recipients if not any(t.i in actor_tokens for t in g)]
    return roles
