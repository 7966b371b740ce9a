"""PLOVER events: who did what to whom, per sentence, with mode, context, place, date, size and crosswalks.

Every verb and event noun of a sentence is a trigger candidate; the trained type model scores it as one
of the 16 PLOVER types or none. Accepted triggers that belong to one act ("opened fire", "launched an
attack") are merged; each event then gets its auxiliary modes from the parse, its actor and recipient
from the dependency roles (coded by the actor coder), and its place, date and counts from the other
extractors' results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.actors import code_head, dominant_country
from eventwire.extract.context import ExtractionContext
from eventwire.extract.counts import event_size
from eventwire.extract.dates import event_date
from eventwire.extract.event_features import (
    candidate_features,
    candidates,
    sentence_features,
    sentence_words,
    subject_of,
)
from eventwire.extract.event_modality import modality, recode, speech_head
from eventwire.extract.event_model import NONE_LABEL, EventModels, load_event_models
from eventwire.extract.event_roles import role_candidates
from eventwire.geo import locate_event
from eventwire.ontology import acled_for, best_cameo, modes_for
from eventwire.records import Acled, Actor, Count, DateMention, DatePrecision, Event, Place, TextInfo
from eventwire.records import Span as EvidenceSpan

MAX_SENTENCE_TOKENS = 150
INSTRUMENTS_PATH = Path(__file__).parent / "data" / "instrument_modes.yaml"
AUX_MODES = ("negation", "hypothetical", "future", "historical")
MODE_THRESHOLD = 0.4
CONTEXT_THRESHOLD = 0.45


@dataclass
class Trigger:
    token: Token
    # The type model's reading of the word; `event_type` is the type once its framing is applied.
    model_type: str
    probability: float
    # The candidate's own features (the first `n_own`), then its sentence's words (`sentence_features`),
    # shared by the sentence's candidates.
    features: list[str]
    n_own: int
    event_type: str = ""
    aux: list[str] = field(default_factory=list)
    date: dt.date | None = None
    precision: DatePrecision = "published"
    date_mention: DateMention | None = None
    extra_tokens: list[Token] = field(default_factory=list)


def _score_sentence(sentence: Span, models: EventModels) -> list[Trigger]:
    sentence_tokens = list(sentence)
    words = sentence_words(sentence_tokens)
    shared = sentence_features(words)
    tokens = list(candidates(sentence_tokens, models.trigger_nouns))
    rows = [candidate_features(token, words, with_sentence=False) for token in tokens]
    model = models.type_model
    probabilities = model.probabilities_many(rows, shared)
    event_columns = model.columns(set(model.classes) - {NONE_LABEL})
    # The most probable event type of each candidate (the first of equals, as max() would pick).
    best_columns = event_columns[probabilities[:, event_columns].argmax(axis=1)]
    scored: list[Trigger] = []
    for token, features, row, best in zip(tokens, rows, probabilities, best_columns.tolist(), strict=True):
        if row[best] >= models.sentence_threshold:
            scored.append(Trigger(token, model.classes[best], float(row[best]), features + shared, len(features)))
    if not scored:
        return []
    top = max(scored, key=lambda t: t.probability)
    return [t for t in scored if t is top or t.probability >= models.threshold]


def _frame(trigger: Trigger, doc: Doc, sentence: Span, ctx: ExtractionContext) -> Trigger:
    """Date the act, read its auxiliary modes and apply its framing ("urged X to …" is a REQUEST)."""
    token = trigger.token
    trigger.date, trigger.precision, trigger.date_mention = event_date(doc, sentence, token.i, ctx.dates, ctx.published)
    aux = modality(token, sentence, trigger.date, ctx.published)
    trigger.event_type, trigger.aux = recode(trigger.model_type, aux, token)
    return trigger


def _linked(a: Token, b: Token, hops: int = 2) -> bool:
    """True when b sits within `hops` dependency steps below a (b is part of a's act)."""
    current = b
    for _ in range(hops):
        if current.head == current:
            return False
        current = current.head
        if current == a:
            return True
    return False


def _merge(triggers: list[Trigger]) -> list[Trigger]:
    """One event per act: a trigger near another of the same type joins it ("launched an attack",
    "refused to allow the aid convoy"); the word highest in the parse owns the event."""
    kept: list[Trigger] = []
    for trigger in sorted(triggers, key=lambda t: (_depth(t.token), -t.probability)):
        owner = next(
            (
                k
                for k in kept
                if k.event_type == trigger.event_type
                and any(_linked(part, trigger.token) for part in (k.token, *k.extra_tokens))
            ),
            None,
        )
        if owner is None:
            kept.append(trigger)
        else:
            owner.extra_tokens.append(trigger.token)
    return sorted(kept, key=lambda t: t.token.i)


# Prepositions whose object is the place an act is aimed at ("fired on Goma"), not where it happened.
_TARGET_PREPS = frozenset({"on", "against", "upon", "at", "into", "toward", "towards"})


def _place_actor(head: Token, places: list[Place]) -> Actor | None:
    """A resolved place the act is aimed at ("shelled Kharkiv", "attack on Goma"): its country, no sector."""
    aimed_at = head.dep_ in ("dobj", "nsubjpass", "dative") or (
        head.dep_ == "pobj" and head.head.lower_ in _TARGET_PREPS
    )
    if not aimed_at:
        return None
    for token in _place_words(head):
        for place in places:
            if place.start <= token.idx < place.end and place.country_code and place.feature != "landmark":
                return Actor(entity_text=place.text, code=place.country_code, start=place.start, end=place.end)
    return None


def _place_words(head: Token) -> list[Token]:
    """The head, then the words of its phrase that say where it is: "Palestinian lorries", "Montenegro
    province", "settlements in the Gaza Strip"."""
    words = [head]
    words += [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "near", "outside"):
            words += [g for g in child.children if g.dep_ == "pobj"]
    return words


def _code(
    groups: list[list[Token]], ctx: ExtractionContext, default_country: str | None, places_too: bool = False
) -> list[Actor]:
    """The actors of the first candidate phrase group that codes as a political entity; failing that,
    with `places_too`, of the first that names a resolved place (a place stands for its country only
    where no participant is named)."""
    for group in groups:
        actors: list[Actor] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for head in group:
            for actor in code_head(head, ctx.actors, default_country, published=ctx.published, places=ctx.places):
                key = (actor.code, actor.sector, actor.entity_text)
                if key not in seen:
                    seen.add(key)
                    actors.append(actor)
        if actors:
            return actors
    if places_too:
        for group in groups:
            actors = [a for a in (_place_actor(head, ctx.places) for head in group) if a is not None]
            if actors:
                return actors
    return []


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _mark_main(events: list[Event], depths: list[int]) -> None:
    """Flag the sentence's main act: among its fairly confident events (at least half as confident as
    the best), the one nearest the parse root, then the most confident."""
    if events:
        floor = max(e.confidence for e in events) / 2
        best = min(
            range(len(events)),
            key=lambda i: (events[i].confidence < floor, depths[i], -events[i].confidence),
        )
        for i, event in enumerate(events):
            event.main = i == best


def _event_id(article_id: str, trigger: Token, event_type: str) -> str:
    digest = hashlib.sha256(f"{article_id}|{trigger.idx}|{event_type}".encode()).hexdigest()
    return "e" + digest[:23]


@lru_cache(maxsize=1)
def instrument_modes() -> dict[str, dict[tuple[str, ...], str]]:
    """event type -> lemma phrase -> mode (data/instrument_modes.yaml)."""
    table = yaml.safe_load(INSTRUMENTS_PATH.read_text(encoding="utf-8"))
    return {t: {tuple(k.split()): m for k, m in modes.items()} for t, modes in table.items()}


def _instrument_mode(trigger: Token, event_type: str) -> str | None:
    """The mode a weapon or means named in the act's clause gives ("drones struck", "fired tear gas")."""
    table = instrument_modes().get(event_type)
    if not table:
        return None
    clause = {t.i for t in trigger.subtree} | {trigger.i}
    subject = subject_of(trigger)
    if subject is not None:
        clause |= {t.i for t in subject.subtree}
    doc = trigger.doc
    for i in sorted(clause, key=lambda i: abs(i - trigger.i)):
        lemma = doc[i].lemma_.lower()
        pair = (lemma, doc[i + 1].lemma_.lower()) if i + 1 < len(doc) else None
        mode = table.get(pair) if pair else None
        if mode is None:
            mode = table.get((lemma,))
        if mode is not None:
            return mode
    return None


@dataclass(frozen=True)
class _SentenceScores:
    """The sentence words' part of the mode and context models' scores, summed once per sentence."""

    mode: np.ndarray
    context: np.ndarray

    @classmethod
    def of(cls, models: EventModels, trigger: Trigger) -> _SentenceScores:
        shared = trigger.features[trigger.n_own :]
        return cls(models.mode_model.partial(shared), models.context_model.partial(shared))


def _select_mode(models: EventModels, trigger: Trigger, event_type: str, sentence: _SentenceScores) -> list[str]:
    features = trigger.features
    own = [*features[: trigger.n_own], f"T={event_type}", *(f"T={event_type}|{f}" for f in features[:8])]
    allowed = models.mode_model.columns(modes_for(event_type))
    if not allowed.size:
        return []
    probabilities = models.mode_model.probabilities(own, sentence.mode)
    # The most probable allowed mode (the first in class order among equals).
    best = int(allowed[probabilities[allowed].argmax()])
    return [models.mode_model.classes[best]] if probabilities[best] >= MODE_THRESHOLD else []


def _select_context(models: EventModels, event_type: str, sentence: _SentenceScores) -> list[str]:
    model = models.context_model
    probabilities = model.probabilities([f"T={event_type}"], sentence.context)
    chosen = np.flatnonzero(probabilities >= CONTEXT_THRESHOLD).tolist()
    return sorted(c for c in (model.classes[i] for i in chosen) if c != NONE_LABEL)


def _trigger_text(trigger: Trigger) -> list[str]:
    tokens = sorted([trigger.token, *trigger.extra_tokens], key=lambda t: t.i)
    return [t.text for t in tokens]


def _evidence(trigger: Trigger, actors: list[Actor], recipients: list[Actor], extra: list[EvidenceSpan]) -> list:
    spans = [
        EvidenceSpan(label="trigger", start=t.idx, end=t.idx + len(t), text=t.text)
        for t in sorted([trigger.token, *trigger.extra_tokens], key=lambda t: t.i)
    ]
    for label, group in (("actor", actors), ("recipient", recipients)):
        for actor in group:
            if actor.start is not None and actor.end is not None:
                spans.append(EvidenceSpan(label=label, start=actor.start, end=actor.end, text=actor.entity_text))
    return sorted([*spans, *extra], key=lambda s: (s.start, s.end, s.label))


def _build_event(
    trigger: Trigger,
    doc: Doc,
    sentence: Span,
    sequence: int,
    ctx: ExtractionContext,
    models: EventModels,
    default_country: str | None,
    counts: list[Count],
    scores: _SentenceScores,
) -> Event:
    token = trigger.token
    event_type = trigger.event_type
    instrument = _instrument_mode(token, event_type)
    modes = [instrument] if instrument else _select_mode(models, trigger, event_type, scores)
    contexts = _select_context(models, event_type, scores)
    roles = role_candidates(token)
    speaker = speech_head(token)
    if event_type == "REQUEST" and trigger.model_type != "REQUEST" and speaker is not None:
        # "X said Y must …": the speaker demands, the one who must act receives the demand.
        roles.recipients = roles.actors
        roles.actors = role_candidates(speaker).actors
    actors = _code(roles.actors, ctx, default_country)
    recipients = _code(roles.recipients, ctx, default_country, places_too=True)
    place = locate_event(doc, sentence, ctx.places, token.i, text=ctx.article.text)
    all_modes = modes + [m for m in trigger.aux if m not in modes]
    acled = acled_for(
        event_type,
        all_modes,
        [a.sector for a in actors if a.sector],
        [r.sector for r in recipients if r.sector],
        contexts,
        [],
    )
    extra_spans = [
        EvidenceSpan(label="count", start=c.start, end=c.end, text=c.text)
        for c in ctx.counts
        if sentence.start_char <= c.start < sentence.end_char
    ]
    if place is not None:
        extra_spans.append(EvidenceSpan(label="place", start=place.start, end=place.end, text=place.text))
    mention = trigger.date_mention
    if mention is not None:
        extra_spans.append(EvidenceSpan(label="date", start=mention.start, end=mention.end, text=mention.text))
    raw = ctx.article.text[sentence.start_char : sentence.end_char]
    start = sentence.start_char + len(raw) - len(raw.lstrip())
    end = sentence.start_char + len(raw.rstrip())
    return Event(
        id=_event_id(ctx.article.id, token, event_type),
        article_id=ctx.article.id,
        date=trigger.date,
        date_precision=trigger.precision,
        event=[event_type],
        mode=all_modes,
        context=contexts,
        actor=actors,
        recipient=recipients,
        event_loc=place,
        size=event_size(doc, sentence, token.i, counts),
        event_text=_trigger_text(trigger),
        text=ctx.article.text[start:end],
        text_info=TextInfo(sequence=sequence, start=start, end=end),
        confidence=round(models.calibration(trigger.probability), 3),
        cameo=best_cameo(event_type, all_modes, contexts),
        acled=Acled(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
        date_text=mention.text if mention else None,
        spans=_evidence(trigger, actors, recipients, extra_spans),
    )


def extract_events(doc: Doc, ctx: ExtractionContext) -> list[Event]:
    models = load_event_models()
    default_country = dominant_country(doc, places=ctx.places)
    events: list[Event] = []
    acts: list[tuple[int, Span, list[Trigger]]] = []
    for sequence, sentence in enumerate(doc.sents):
        if len(sentence) > MAX_SENTENCE_TOKENS:
            # Run-ons this long are parsed as garbage: coding them would invent actors.
            continue
        triggers = _merge([_frame(t, doc, sentence, ctx) for t in _score_sentence(sentence, models)])
        if triggers:
            acts.append((sequence, sentence, triggers))
    # A figure in a neighbouring sentence belongs to an act only if that sentence reports no act itself.
    spans = [(sentence.start_char, sentence.end_char) for _, sentence, _ in acts]
    act_of_count = [next((a for a, b in spans if a <= c.start < b), None) for c in ctx.counts]
    for sequence, sentence, triggers in acts:
        counts = [c for c, act in zip(ctx.counts, act_of_count, strict=True) if act in (None, sentence.start_char)]
        scores = _SentenceScores.of(models, triggers[0])
        sentence_events = [
            _build_event(t, doc, sentence, sequence, ctx, models, default_country, counts, scores) for t in triggers
        ]
        _mark_main(sentence_events, [_depth(t.token) for t in triggers])
        events += sentence_events
    return events
