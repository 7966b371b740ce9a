"""Count mentions: figures and countable noun phrases tied by the parse to what happened to them.

A mention is a figure (numbers_parse) or a countable noun phrase ("a man", "Smith", "he",
"no one") tied by the dependency parse to what happened to it. The kind comes, in order, from

1. the outcome stated right after the figure ("12 dead", "300 wounded");
2. the predicate the group is the patient or subject of ("were killed", "killing three",
   "died", "were arrested", "are in critical condition", "among the dead", "death toll rose to");
3. the counted noun itself ("300 protesters", "5,000 troops", "12 deaths", "20 vehicles").

Single people count only with an outcome predicate ("a man was shot dead" is one dead), never
from their noun alone. Conjoined groups are added up ("a man and a woman were killed" is 2).
A bare shooting ("a man was shot") counts as injured, the usual reading when no death follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from eventwire.extract.numbers_lexicon import (
    ADVERB_KINDS,
    CONDITION_ADJS,
    DEATH_NOUNS,
    DESTROY_VERBS,
    GROUP_NOUNS,
    HOSPITAL_NOUNS,
    INTRANSITIVE_KINDS,
    MULTIPLES,
    NOUN_KINDS,
    ONE_PERSON_PRONOUNS,
    PEOPLE_NOUNS,
    PROTEST_NOUNS,
    RELATIVE_PRONOUNS,
    STATE_KINDS,
    STRUCTURE_NOUNS,
    SUFFER_VERBS,
    TRANSITIVE_KINDS,
    VIOLENT_VERBS,
    WOUND_NOUNS,
    ZERO_NOUN_KINDS,
    ZERO_PRONOUNS,
)
from eventwire.extract.numbers_parse import VAGUE, NumberPhrase, find_numbers
from eventwire.records import Count, Qualifier

_POS_IDS = numpy.array([POS_IDS["NOUN"], POS_IDS["PROPN"], POS_IDS["PRON"]])
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})
_COPULAS = frozenset({"be", "remain", "lie", "stay", "become", "appear", "seem", "end", "leave"})
# "found him shot", "left a man dead": verbs whose object clause states the outcome.
_SMALL_CLAUSE_VERBS = frozenset({"find", "discover", "leave", "see", "report", "locate"})
# Tokens between a group and its predicate beyond which the count's span stops at the group.
MAX_SPAN_GAP = 12
# Amounts followed by "of" and the counted noun: "dozens of protesters", "a thousand of them".
_OF_AMOUNTS = frozenset(VAGUE) | {"dozen", "hundred", "thousand", "million", "couple"}
_QUALIFIER_RANK: dict[Qualifier, int] = {"exact": 0, "at_most": 1, "about": 2, "at_least": 3}


@dataclass(frozen=True)
class _Member:
    """One conjunct of a counted group: its figure (None when unstated) and token extent."""

    n: int | None
    qualifier: Qualifier
    start: int
    end: int


@dataclass(frozen=True)
class CountMention:
    """A Count with what the tallies need to know about how it was said."""

    count: Count
    evidence: frozenset[str]  # lemmas of the predicate and outcome words
    restated: bool  # "the victim", "he", "the two", "one of them", "one fatally"
    another: bool  # "another man", "a second victim", "two others"
    name: str | None  # a named person's surname, lower case
    noun: str | None  # lemma of the counted noun ("man" in "a man was killed"), None if bare


def count_mentions(doc: Doc) -> list[CountMention]:
    """Every count mention in the Doc, in text order: figures first, then single people ("a man",
    "Smith", "he", "no one") tied to an outcome, then multiples ("a double murder")."""
    lowers = [token.lower_ for token in doc]
    numbers = find_numbers(doc, lowers)
    figure_of: dict[int, NumberPhrase] = {}  # token carrying the figure's role -> its phrase
    noun_of: dict[int, Token | None] = {}
    for phrase in numbers:
        np, noun = _counted_np(doc, phrase)
        figure_of[np.i] = phrase
        noun_of[np.i] = noun
    mentions: list[CountMention] = []
    done: set[int] = set()
    for np in list(figure_of):
        mention = _count_group(doc, doc[np], figure_of, noun_of, done)
        if mention is not None:
            mentions.append(mention)
    nominal = numpy.isin(doc.to_array(POS), _POS_IDS)  # a cheap filter before the checks
    for i in nominal.nonzero()[0].tolist():
        token = doc[i]
        if i not in done and _is_person_np(token):
            mention = _count_group(doc, token, figure_of, noun_of, done)
            if mention is not None:
                mentions.append(mention)
    mentions.extend(_multiples(doc, lowers))
    mentions.sort(key=lambda m: (m.count.start, m.count.end))
    return mentions


def _multiples(doc: Doc, lowers: list[str]) -> list[CountMention]:
    """ "a double murder" is two dead, "a triple shooting" three people shot."""
    mentions = []
    for i, lower in enumerate(lowers):
        n = MULTIPLES.get(lower)
        if n is None:
            continue
        token = doc[i]
        head = token.head
        if token.dep_ != "amod" or head.i <= token.i:
            continue
        lemma = head.lemma_.lower()
        if lemma in DEATH_NOUNS:
            kind, evidence = "dead", frozenset({lemma})
        elif lemma in {"shooting", "stabbing"}:
            kind, evidence = "injured", frozenset({"shoot" if lemma == "shooting" else "stab"})
        else:
            continue
        start, end = token.idx, head.idx + len(head)
        text = doc[token.i : head.i + 1].text
        count = Count(what=kind, n=n, qualifier="exact", text=text, start=start, end=end)
        mentions.append(CountMention(count, evidence, restated=False, another=False, name=None, noun=None))
    return mentions


def _counted_np(doc: Doc, phrase: NumberPhrase) -> tuple[Token, Token | None]:
    """(token that carries the group's role in the clause, counted noun or None if bare)."""
    outer = doc[phrase.head]
    for i in range(phrase.start, phrase.end):
        head = doc[i].head.i
        if head < phrase.start or head >= phrase.end or head == i:
            outer = doc[i]
            if i == phrase.head:
                break
    number = doc[phrase.head]
    of_object = _of_object(number)
    if of_object is not None and doc[phrase.head].lower_ in _OF_AMOUNTS:
        return outer, of_object  # "dozens of protesters"
    if outer.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "det"} and outer.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return outer.head, outer.head
    return outer, None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _is_person_np(token: Token) -> bool:
    """A noun phrase head that stands for one person, or for nobody."""
    lower = token.lower_
    if lower in ONE_PERSON_PRONOUNS or lower in ZERO_PRONOUNS:
        return True
    if token.pos_ == "PROPN":
        if token.dep_ == "compound":
            return False
        if token.dep_ == "poss" and _is_death_noun(token.head):
            return True  # "Caskey's body", whatever the recogniser thought Caskey was
        # a name, or a headline's capitalised noun ("Man Shot Dead In ...")
        return token.ent_type_ == "PERSON" or (token.lower_ in PEOPLE_NOUNS and token.ent_type_ not in {"ORG", "GPE"})
    if token.pos_ not in {"NOUN", "PRON"}:
        return False
    lemma = token.lemma_.lower()
    if lemma not in PEOPLE_NOUNS and lemma not in ZERO_NOUN_KINDS and lower != "one":
        return False
    if _has_no(token):
        return True
    return token.tag_ == "NN" and lemma in PEOPLE_NOUNS


def _has_no(token: Token) -> bool:
    if any(child.dep_ == "det" and child.lower_ == "no" for child in token.children):
        return True
    # "no reports of injuries"
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and any(child.dep_ == "det" and child.lower_ == "no" for child in head.head.children)
    )


def _member(token: Token, figure_of: dict[int, NumberPhrase], noun_of: dict[int, Token | None]) -> _Member | None:
    """The figure one conjunct contributes, or None if it is not a countable member."""
    phrase = figure_of.get(token.i)
    if phrase is not None:
        noun = noun_of[token.i]
        end = max(phrase.end, noun.i + 1) if noun is not None else phrase.end
        return _Member(phrase.n, phrase.qualifier, min(phrase.start, token.left_edge.i), end)
    lower = token.lower_
    if lower in ZERO_PRONOUNS or _has_no(token):
        return _Member(0, "exact", token.left_edge.i, token.i + 1)
    if _is_person_np(token):
        return _Member(1, "exact", _np_start(token), token.i + 1)
    if token.tag_ in {"NNS", "NNPS"} and token.lemma_.lower() in PEOPLE_NOUNS:
        return _Member(None, "at_least", _np_start(token), token.i + 1)
    return None


def _np_start(token: Token) -> int:
    # A name or noun's own modifiers, not a relative clause or apposition after it.
    start = token.i
    for child in token.lefts:
        start = min(start, child.left_edge.i)
    return start


def _count_group(
    doc: Doc,
    np: Token,
    figure_of: dict[int, NumberPhrase],
    noun_of: dict[int, Token | None],
    done: set[int],
) -> CountMention | None:
    """The count for the group whose first conjunct is `np` (or that `np` belongs to)."""
    root = np
    while root.dep_ == "conj" and root.head.pos_ in _NOMINAL and not _own_outcome(doc, root.head, root):
        root = root.head
    if root.i in done:
        return None
    members_tokens = _conjuncts(doc, root)
    done.update(t.i for t in members_tokens)
    members = [m for m in (_member(t, figure_of, noun_of) for t in members_tokens) if m is not None]
    if not members or all(m.n is None for m in members):
        return None
    noun = noun_of.get(root.i) if root.i in figure_of else root
    found = _kind(doc, root, noun, root.i in figure_of, after=members[0].end)
    if found is None:
        return None
    kind, evidence = found
    if any(m.n for m in members) and any(_negated(t) for t in evidence):
        return None  # "two people were not injured"
    n = sum(m.n or 0 for m in members)
    qualifier = max((m.qualifier for m in members), key=_QUALIFIER_RANK.__getitem__)
    if any(m.n is None for m in members):
        qualifier = "at_least"
    start = min(m.start for m in members)
    end = max(m.end for m in members)
    # The span reaches the words that say what happened, unless the parse put them far away.
    near = [t.i for t in evidence if start - MAX_SPAN_GAP <= t.i < end + MAX_SPAN_GAP]
    start, end = min([start, *near]), max([end, *(i + 1 for i in near)])
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = doc[start:end].text
    count = Count(what=kind, n=n, qualifier=qualifier, text=text, start=start_char, end=end_char)
    return CountMention(
        count=count,
        evidence=frozenset(t.lemma_.lower() for t in evidence),
        restated=_restated(root),
        another=_another(root),
        name=root.lower_ if root.ent_type_ == "PERSON" else None,
        noun=noun.lemma_.lower() if noun is not None and noun.pos_ in {"NOUN", "PROPN"} else None,
    )


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_ANOTHER = frozenset({"another", "second", "third", "fourth", "other", "others", "additional"})


def _restated(np: Token) -> bool:
    """True for a group that refers back to people already counted."""
    if np.lower_ in ONE_PERSON_PRONOUNS and np.lower_ not in {"someone", "somebody"}:
        return True
    if any(child.dep_ == "advmod" and child.lower_ in ADVERB_KINDS for child in np.children):
        return True  # "two were shot, one fatally"
    of_object = _of_object(np)
    if of_object is not None and (of_object.pos_ == "PRON" or _has_det(of_object, _DEFINITE)):
        return True  # "one of them", "two of the victims"
    return _has_det(np, _DEFINITE) and not _another(np)


def _another(np: Token) -> bool:
    return np.lower_ in _ANOTHER or any(
        child.dep_ in {"det", "amod"} and child.lower_ in _ANOTHER for child in np.children
    )


def _has_det(token: Token, words: frozenset[str]) -> bool:
    return any(child.dep_ in {"det", "poss"} and child.lower_ in words for child in token.children)


def _conjuncts(doc: Doc, root: Token) -> list[Token]:
    found = [root]
    stack = [root]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in _NOMINAL and not _own_outcome(doc, root, child):
                found.append(child)
                stack.append(child)
    return found


def _own_outcome(doc: Doc, first: Token, other: Token) -> bool:
    """True when a conjunct is a group of its own: "two dead and three injured", "40 homes and
    20 vehicles"."""
    if _noun_class(first) != _noun_class(other):
        return True
    theirs = _postfix_state(doc, other.i + 1)
    return theirs is not None and theirs != _postfix_state(doc, first.i + 1)


def _noun_class(token: Token) -> str:
    lemma = token.lemma_.lower()
    if NOUN_KINDS.get(lemma) == "vehicles":
        return "vehicles"
    return "structures" if lemma in STRUCTURE_NOUNS else "people"


# A kind and the tokens that say so (the predicate and its outcome words), for the count's span.
_Found = tuple[str, list[Token]]


def _kind(doc: Doc, np: Token, noun: Token | None, is_figure: bool, after: int) -> _Found | None:
    """What happened to a group (or what it is); None when nothing says."""
    noun_lemma = noun.lemma_.lower() if noun is not None else ""
    if noun is not None and NOUN_KINDS.get(noun_lemma) == "vehicles":
        return "vehicles", []
    if noun is not None and noun_lemma in STRUCTURE_NOUNS:
        verb = _clause_verb(np)
        if verb is not None and verb.lemma_.lower() in DESTROY_VERBS:
            return "structures", [verb]
        return None
    if noun is not None and _has_no(noun) and noun_lemma in ZERO_NOUN_KINDS:
        return ZERO_NOUN_KINDS[noun_lemma], []
    people = noun is None or noun_lemma in PEOPLE_NOUNS or noun_lemma in GROUP_NOUNS or _is_person_np(noun)
    people = people or noun.ent_type_ == "NORP"  # "three ethnic Albanians", "4 Iraqis"
    postfix = _postfix_state(doc, after)
    if postfix is not None and people:
        return postfix, [doc[after]]
    if people or noun_lemma in NOUN_KINDS:
        found = _role_kind(np)
        if found is None and noun is not None and noun is not np:
            found = _role_kind(noun)
        if found is None:
            found = _toll_kind(np)
        if found is not None:
            return found
    if is_figure and noun is not None and noun_lemma in NOUN_KINDS:
        return NOUN_KINDS[noun_lemma], []
    if is_figure and noun is not None and noun.dep_ == "pobj" and noun.head.head.lemma_ in PROTEST_NOUNS:
        return "protesters", []
    return None


def _postfix_state(doc: Doc, i: int) -> str | None:
    # "12 dead", "300 wounded", "two people injured": the outcome right after the group.
    if i < len(doc) and doc[i].lower_ in STATE_KINDS and doc[i].pos_ in {"ADJ", "VERB"}:
        return STATE_KINDS[doc[i].lower_]
    return None


def _clause_verb(token: Token) -> Token | None:
    head = token
    for _ in range(3):
        if head.head.i == head.i:
            return head if head.pos_ in {"VERB", "AUX"} else None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def _role_kind(np: Token) -> _Found | None:
    """Kind given by the predicate the noun phrase is an argument of (or by its own modifiers)."""
    for child in np.children:
        if child.lower_ in ADVERB_KINDS and child.dep_ == "advmod":
            return ADVERB_KINDS[child.lower_], [child]  # "two shot, one fatally"
    if np.lower_ in RELATIVE_PRONOUNS:
        return None
    dep, head = np.dep_, np.head
    found: _Found | None = None
    if dep == "nsubjpass" or (dep == "dobj" and head.pos_ == "VERB"):
        found = _verb_kind(head, patient=True)
    elif dep == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        found = _verb_kind(head, patient=_passive_reading(np, head))
    elif dep == "pobj" and head.lower_ == "among":
        found = _among_kind(head)
    elif dep == "pobj" and head.lower_ == "of" and _is_death_noun(head.head):
        found = "dead", [head.head]  # "the death of Ciara Meyer", "the body of a man"
    elif dep == "pobj" and head.lower_ == "of" and _is_fatal(head.head):
        found = "dead", [head.head]  # "the fatal shooting of a man"
    elif dep == "poss" and _is_death_noun(head):
        found = "dead", [head]  # "Caskey's body", "her son's killing"
    if found is not None:
        return found
    of_object = _of_object(np)
    if of_object is not None and _is_fatal(of_object) and np.lemma_.lower() in {"victim", "person", "man", "woman"}:
        return "dead", [of_object]  # "the victim of a deadly shooting"
    for child in np.children:
        # "12 people killed in the attack", "a man who died"
        if child.dep_ in {"acl", "relcl"} and child.pos_ in {"VERB", "AUX", "ADJ"}:
            subject = next((c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                found = _verb_kind(child, patient=child.tag_ == "VBN")
            elif subject.lower_ in RELATIVE_PRONOUNS:
                found = _verb_kind(child, patient=subject.dep_ == "nsubjpass")
            if found is not None:
                return found
    return None


def _passive_reading(subject: Token, verb: Token) -> bool:
    """True when an active-looking subject is the patient: a headline's elided "was" ("Man shot,
    killed in Detroit") or a small clause ("police found Moody shot to death")."""
    if verb.lemma_.lower() not in TRANSITIVE_KINDS:
        return False  # "156 people died": intransitive verbs have no passive
    if verb.dep_ == "ccomp" and verb.tag_ in {"VBD", "VBN"} and verb.head.lemma_.lower() in _SMALL_CLAUSE_VERBS:
        return not any(c.dep_ == "dobj" for c in verb.children)
    if verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return True  # a participle with a subject and no auxiliary: a misparsed passive
    return _headline_passive(subject, verb)


def _headline_passive(subject: Token, verb: Token) -> bool:
    """ "Man shot, killed in Detroit", "2 shot on South Side": a headline drops "was"/"were".

    Prose needs a determiner before a singular noun, so a bare noun or figure subject of a
    participle with no object is the headline's elided passive.
    """
    if verb.tag_ not in {"VBD", "VBN"} or subject.ent_type_ == "PERSON" or subject.tag_ == "PRP":
        return False
    if any(c.dep_ in {"det", "poss"} for c in subject.children):
        return False
    return not any(c.dep_ in {"dobj", "aux", "auxpass"} or c.lower_ in {"at", "into"} for c in verb.children)


def _verb_kind(verb: Token, patient: bool) -> _Found | None:
    """What happened to the verb's patient (or, if not `patient`, to its active subject)."""
    if _unrealised(verb):
        return None
    found: list[_Found] = []
    for k, v in enumerate(_shared_subject_verbs(verb)):
        lemma = v.lemma_.lower()
        as_patient = patient if k == 0 else v.tag_ == "VBN"
        if as_patient and lemma in TRANSITIVE_KINDS:
            found.append((TRANSITIVE_KINDS[lemma], [v]))
        elif lemma in INTRANSITIVE_KINDS and (k > 0 or not patient):
            found.append((INTRANSITIVE_KINDS[lemma], [v]))
        elif not as_patient and v.lower_ in STATE_KINDS and any(c.lemma_ == "be" for c in v.children):
            found.append((STATE_KINDS[v.lower_], [v]))  # "are missing" parsed as a verb
        if as_patient or lemma in _COPULAS or lemma in SUFFER_VERBS or lemma in INTRANSITIVE_KINDS:
            found.extend((kind, [v, token]) for kind, token in _modifier_kinds(v))
    if not found:
        return None
    kinds = {kind for kind, _ in found}
    if {"dead", "injured"} <= kinds and any(c.dep_ == "cc" and c.lower_ == "or" for c in verb.children):
        return "casualties", [t for _, tokens in found for t in tokens]  # "killed or wounded"
    dead = [f for f in found if f[0] == "dead"]
    kind = (dead or found)[0][0]
    return kind, [t for f in found if f[0] == kind for t in f[1]]


def _shared_subject_verbs(verb: Token) -> list[Token]:
    """The verb and the verbs conjoined to it that share its subject ("shot and killed")."""
    verbs = [verb]
    stack = [verb]
    while stack:
        for child in stack.pop().children:
            own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in child.children)
            # "shot and killed"; "Man shot, killed in Detroit" parses the second verb as a clause
            linked = child.dep_ == "conj" or (child.dep_ == "advcl" and child.tag_ == "VBN" and child.i > verb.i)
            if linked and child.pos_ in {"VERB", "AUX", "ADJ"} and not own_subject:
                verbs.append(child)
                stack.append(child)
    return verbs


def _modifier_kinds(verb: Token) -> list[tuple[str, Token]]:
    """Outcomes stated by a verb's complements: "shot dead", "fatally", "to death", "in hospital"."""
    kinds: list[tuple[str, Token]] = []
    for child in verb.children:
        lower = child.lower_
        dep = child.dep_
        if dep in {"oprd", "acomp", "xcomp", "attr", "advmod"} and lower in STATE_KINDS and child.i > verb.i:
            kinds.append((STATE_KINDS[lower], child))
        elif dep == "advmod" and lower in ADVERB_KINDS:
            kinds.append((ADVERB_KINDS[lower], child))
        elif dep == "dobj" and verb.lemma_.lower() in SUFFER_VERBS and _is_wound(child):
            kinds.append(("injured", child))
        elif dep in {"prep", "agent"}:
            kinds.extend(_prep_kinds(child))
    return kinds


def _is_fatal(noun: Token) -> bool:
    """ "a fatal shooting", "a deadly attack"."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in {"fatal", "deadly"} for c in noun.children)


def _is_death_noun(noun: Token) -> bool:
    if noun.lemma_.lower() not in DEATH_NOUNS:
        return False
    return not any(child.lower_ in {"attempted", "attempt"} for child in noun.children)


def _is_wound(noun: Token) -> bool:
    return noun.lemma_.lower() in WOUND_NOUNS or any(c.lemma_.lower() in WOUND_NOUNS for c in noun.children)


def _prep_kinds(prep: Token) -> list[tuple[str, Token]]:
    lower = prep.lower_
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        lemma = obj.lemma_.lower()
        if lower == "to" and lemma == "death" and prep.head.lemma_.lower() in VIOLENT_VERBS:
            return [("dead", obj)]  # "shot to death", not "sentenced to death"
        if lower in {"to", "at", "in"} and lemma in HOSPITAL_NOUNS:
            return [("injured", obj)]
        if lower == "in" and lemma == "condition" and any(c.lower_ in CONDITION_ADJS for c in obj.children):
            return [("injured", obj)]
        if lower == "in" and lemma == "custody":
            return [("arrested", obj)]
        if lower == "among" and obj.lower_ in STATE_KINDS:
            return [(STATE_KINDS[obj.lower_], obj)]
    return []


def _among_kind(prep: Token) -> _Found | None:
    # "among the dead were three police officers"
    for kind, token in _prep_kinds(prep):
        return kind, [prep, token]
    return None


def _toll_kind(np: Token) -> _Found | None:
    """ "the death toll rose to 12", "a death toll of 12", "the toll stands at 40"."""
    head = np.head
    if np.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "toll":
        return _toll_noun_kind(head.head), [head.head]
    verb = head.head if np.dep_ == "pobj" else head
    if np.dep_ in {"pobj", "attr", "dobj", "npadvmod"}:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_.lower() == "toll":
                return _toll_noun_kind(child), [child.left_edge, verb]
    return None


def _toll_noun_kind(toll: Token) -> str:
    modifiers = {c.lemma_.lower() for c in toll.children if c.dep_ in {"compound", "amod"}}
    if "injury" in modifiers:
        return "injured"
    return "casualties" if "casualty" in modifiers else "dead"


def _unrealised(verb: Token) -> bool:
    """ "would kill him", "threatened to kill", "could have been killed": nobody was counted."""
    return any(
        child.dep_ in {"aux", "auxpass"} and (child.tag_ == "MD" or child.lower_ == "to") for child in verb.children
    )


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)
