"""Trigger candidates and their features: the one definition shared by training and extraction.

A candidate is a verb, or a noun whose lemma the training data used as an event trigger ("attack",
"talks", "sanctions"). Its features describe the word and its syntactic neighbourhood: what it
governs (objects, prepositional phrases, particles), what governs it (a speech verb, an
"agreed to …" head), its subject, voice and polarity, plus a light bag of the sentence's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

LEXICON_PATH = Path(__file__).parent / "data" / "trigger_lexicon.yaml"

# Verbs that introduce reported speech: their own act is rarely the event; their complement is.
SPEECH_VERBS = frozenset(
    "say tell add state announce report claim declare note explain insist stress quote confirm reiterate "
    "write tweet post warn".split()
)
LIGHT_VERBS = frozenset("launch carry conduct stage hold make take give begin continue start mount".split())
_CHILD_DEPS = {"dobj", "prt", "neg", "acomp", "attr", "dative", "oprd", "ccomp", "xcomp", "advcl", "agent"}
_MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "should", "must", "to"})
_STOP_POS = {"DET", "PUNCT", "SPACE", "NUM", "CCONJ", "SCONJ", "PART", "SYM", "X", "PRON", "AUX", "ADP"}
MAX_SENTENCE_TOKENS = 120


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, tuple[str, ...]]:
    """lemma -> the PLOVER types it typically expresses (data/trigger_lexicon.yaml)."""
    by_type = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    lexicon: dict[str, list[str]] = {}
    for event_type, lemmas in by_type.items():
        for lemma in lemmas:
            lexicon.setdefault(str(lemma), []).append(event_type)
    return {lemma: tuple(sorted(set(types))) for lemma, types in lexicon.items()}


# Participles that work as prepositions ("according to", "including") never name an act.
PREPOSITIONAL_PARTICIPLES = frozenset(
    {"according", "including", "following", "regarding", "concerning", "excluding", "pending", "considering"}
)


def is_candidate(token: Token, trigger_nouns: frozenset[str]) -> bool:
    pos = token.pos_
    if pos == "VERB":
        return token.is_alpha and token.lower_ not in PREPOSITIONAL_PARTICIPLES
    if pos in ("NOUN", "PROPN") and token.lemma_.lower() in trigger_nouns:
        return True
    if pos == "ADJ" and token.tag_ == "VBN":
        # The small model tags some participles and event adjectives oddly ("wounded", "armed").
        return True
    # "The government is against military intervention": a stance, the act of rejecting.
    return token.lower_ == "against" and token.head.lemma_ == "be"


def candidates(sentence: Iterable[Token], trigger_nouns: frozenset[str]) -> Iterator[Token]:
    for token in sentence:
        if is_candidate(token, trigger_nouns):
            yield token


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_head(token: Token) -> str:
    """A compact description of a noun phrase head: its entity label or its lemma."""
    if token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return token.ent_type_
    return _lemma(token)


def subject_of(token: Token) -> Token | None:
    """The grammatical subject of a verb, looking through xcomp/conj/advcl chains ("agreed to go")."""
    current: Token | None = token
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if current.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and current.head != current:
            if current.dep_ in ("acl", "relcl"):
                return current.head
            current = current.head
        else:
            return None
    return None


def candidate_features(token: Token, words: list[str], *, with_sentence: bool = True) -> list[str]:
    """Features of a trigger candidate; `words` are its sentence's `sentence_words` (computed once).
    `with_sentence=False` leaves out the sentence's words (`sentence_features`), which every candidate
    of a sentence shares."""
    lexicon = trigger_lexicon()
    lemma = _lemma(token)
    pos, dep = token.pos_, token.dep_
    feats = [
        "bias",
        f"l={lemma}",
        f"w={token.lower_}",
        f"pos={pos}",
        f"dep={dep}",
        f"l+dep={lemma}|{dep}",
        f"l+pos={lemma}|{pos}",
    ]
    feats += [f"lex={t}" for t in lexicon.get(lemma, ())]
    if dep == "ROOT":
        feats.append("root")
    children = [(child, child.dep_) for child in token.children]
    if any(d in ("auxpass", "nsubjpass") for _, d in children):
        feats += ["passive", f"l+passive={lemma}"]
    if any(d == "neg" for _, d in children):
        feats.append("negated")
    nominal = pos in ("NOUN", "PROPN")
    for child, child_dep in children:
        if child_dep in _CHILD_DEPS:
            child_lemma = _lemma(child)
            feats += [f"clex={t}" for t in lexicon.get(child_lemma, ())]
            feats.append(f"c:{child_dep}={child_lemma}")
            feats.append(f"l+c:{child_dep}={lemma}|{child_lemma}")
        elif child_dep == "prep":
            prep = _lemma(child)
            feats.append(f"prep={prep}")
            feats.append(f"l+prep={lemma}|{prep}")
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    feats.append(f"prep+obj={prep}|{_phrase_head(pobj)}")
                    feats += [f"plex={t}" for t in lexicon.get(_lemma(pobj), ())]
        elif child_dep in ("compound", "amod") and nominal:
            modifier = _lemma(child)
            feats.append(f"mod={modifier}")
            feats.append(f"l+mod={lemma}|{modifier}")
        elif child_dep == "aux" and child.lower_ in _MODAL_AUX:
            feats.append(f"aux={child.lower_}")
    subject = subject_of(token)
    if subject is not None:
        subject_head = _phrase_head(subject)
        feats.append(f"subj={subject_head}")
        feats.append(f"l+subj={lemma}|{subject_head}")
    head = token.head
    if head.i != token.i:
        head_lemma = _lemma(head)
        feats.append(f"h={head_lemma}")
        feats.append(f"h+dep={head_lemma}|{dep}")
        feats += [f"hlex={t}" for t in lexicon.get(head_lemma, ())]
        if head_lemma in SPEECH_VERBS:
            feats.append("under_speech")
        if head_lemma in LIGHT_VERBS and dep in ("dobj", "attr"):
            feats.append(f"light={head_lemma}")
    if lemma in SPEECH_VERBS:
        feats.append("speech_verb")
    if with_sentence:
        feats += sentence_features(words)
    return feats


def sentence_features(words: list[str]) -> list[str]:
    return [f"s={word}" for word in words]


def sentence_words(sentence: Iterable[Token]) -> list[str]:
    """The sentence's distinct content lemmas: light context shared by all its candidates."""
    seen: dict[str, None] = {}
    for i, token in enumerate(sentence):
        if i >= MAX_SENTENCE_TOKENS:
            break
        if token.pos_ in _STOP_POS or not token.is_alpha or token.is_stop:
            continue
        seen.setdefault(_lemma(token))
    return list(seen)
