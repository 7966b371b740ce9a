"""Train the event models from the project's own labelled sentences (training/events/*.jsonl).

    python scripts/train_events.py            # writes eventwire/extract/models/events.json.gz
    python scripts/train_events.py --check    # cross-validated figures only, writes nothing

The type model scores every trigger candidate (verbs and event nouns) as one of the 16 PLOVER types or
NONE; the mode and context models refine accepted events. Probabilities are calibrated with isotonic
regression on cross-validated predictions, so `confidence` means "share of such events that are right".
Deterministic: the same training files give the same model file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from spacy.tokens import Span, Token

from eventwire.actors import lexicon
from eventwire.extract.event_features import candidate_features, candidates, sentence_words, trigger_lexicon
from eventwire.extract.event_model import MODEL_PATH, NONE_LABEL, LinearModel
from eventwire.nlp.model import load_model

REPO = Path(__file__).resolve().parents[1]
TRAINING = REPO / "training" / "events"
MIN_TRIGGER_NOUN_COUNT = 2
WEIGHT_DIGITS = 3
SEED = 13


@dataclass
class Example:
    features: list[str]
    label: str
    mode: str | None
    context: str | None
    sentence_words: list[str]
    group: int
    sentence: int


def read_records() -> list[dict]:
    records = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def gold_spans(record: dict) -> list[tuple[int, int, dict]]:
    spans = []
    text = record["text"]
    for event in record["events"]:
        trigger = event.get("trigger") or ""
        start = text.find(trigger) if trigger else -1
        if start >= 0:
            spans.append((start, start + len(trigger), event))
    return spans


def build_trigger_nouns(records: list[dict], docs: list) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for record, doc in zip(records, docs, strict=True):
        for start, end, _ in gold_spans(record):
            for token in doc.char_span(start, end, alignment_mode="expand") or []:
                if token.pos_ in ("NOUN", "PROPN"):
                    counts[token.lemma_.lower()] += 1
    learned = {noun for noun, n in counts.items() if n >= MIN_TRIGGER_NOUN_COUNT}
    # Event nouns of the hand-written lexicon are candidates too, so unseen phrasings can still trigger;
    # nouns that name actors ("troops", "police", "protesters") never do: they are who acts, not the act.
    return frozenset(noun for noun in learned | set(trigger_lexicon()) if not names_an_actor(noun))


def names_an_actor(lemma: str) -> bool:
    table = lexicon().table
    entries = [*table.get((lemma,), ()), *table.get((lemma + "s",), ())]
    return any(entry.kind == "role" for entry in entries)


def _linked_act(token: Token, spans: list[tuple[int, int, dict]], sentence: Span) -> dict | None:
    """The labelled event a word describes as part of the same act ("attacked …, killing 12").

    Such words are not triggers of their own in the labels, yet they are event words: learning them
    as "no event" would teach the model that "killing" is never an attack. They take the type of the
    act they are attached to when the trigger lexicon lists them under that type.
    """
    lexicon_types = trigger_lexicon().get(token.lemma_.lower(), ())
    for start, end, event in spans:
        if event["type"] not in lexicon_types:
            continue
        for trigger in sentence:
            if start < trigger.idx + len(trigger) and trigger.idx < end:
                attached = token.head == trigger or trigger.head == token
                sibling = token.head == trigger.head and token.dep_ in ("advcl", "conj", "xcomp")
                if attached or sibling:
                    return event
    return None


def build_examples(records: list[dict], docs: list, trigger_nouns: frozenset[str]) -> list[Example]:
    examples = []
    for group, (record, doc) in enumerate(zip(records, docs, strict=True)):
        spans = gold_spans(record)
        for sentence_index, sentence in enumerate(doc.sents):
            words = sentence_words(sentence)
            for token in candidates(sentence, trigger_nouns):
                start, end = token.idx, token.idx + len(token)
                hit = next((ev for s, e, ev in spans if s < end and start < e), None)
                hit = hit or _linked_act(token, spans, sentence)
                examples.append(
                    Example(
                        features=candidate_features(token, words),
                        label=hit["type"] if hit else NONE_LABEL,
                        mode=(hit.get("mode") or None) if hit else None,
                        context=(hit.get("context") or None) if hit else None,
                        sentence_words=words,
                        group=group,
                        sentence=sentence_index,
                    )
                )
    return examples


def fit(rows: list[list[str]], labels: list[str], c: float) -> tuple[LogisticRegression, DictVectorizer]:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(r, 1) for r in rows])
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, labels)
    return model, vectorizer


def export(model: LogisticRegression, vectorizer: DictVectorizer) -> LinearModel:
    coef = model.coef_
    classes = [str(c) for c in model.classes_]
    intercept = model.intercept_
    if len(classes) == 2:
        # scikit-learn stores one row for binary problems; expand to one score per class.
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    weights = {}
    for index, name in enumerate(vectorizer.get_feature_names_out()):
        column = [round(float(v), WEIGHT_DIGITS) for v in coef[:, index]]
        if any(column):
            weights[str(name)] = column
    return LinearModel.from_weights(classes, [round(float(v), WEIGHT_DIGITS) for v in intercept], weights)


def _detection(
    top: np.ndarray, correct: np.ndarray, best_in_sentence: np.ndarray, n_gold: int, low: float, high: float
) -> dict[str, float]:
    accepted = (top >= high) | (best_in_sentence & (top >= low))
    tp = float((correct * accepted).sum())
    precision = tp / max(float(accepted.sum()), 1.0)
    recall = tp / max(n_gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def calibrate(
    probabilities: np.ndarray, classes: list[str], labels: list[str], sentence_keys: list[tuple[int, int]]
) -> tuple[dict, float, float, dict]:
    """Isotonic map from top event probability to correctness, and the acceptance thresholds.

    `threshold` is the F1-best probability for any candidate. `sentence_threshold` is the lower bar for
    the most probable candidate of a sentence: most news sentences that report anything report one
    act, so the best candidate deserves a lower bar — taken as low as held-out F1 stays within
    0.005 of the single-threshold F1, which keeps precision while recovering events in unfamiliar wording.
    """
    none_index = classes.index(NONE_LABEL)
    masked = probabilities.copy()
    masked[:, none_index] = -1
    best = masked.argmax(axis=1)
    top = masked.max(axis=1)
    predicted = [classes[i] for i in best]
    correct = np.array([p == g for p, g in zip(predicted, labels, strict=True)], dtype=float)
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(top, correct)
    grid = np.linspace(0, 1, 41)
    curve = {"xs": [round(float(x), 3) for x in grid], "ys": [round(float(y), 3) for y in isotonic.predict(grid)]}
    n_gold = sum(1 for g in labels if g != NONE_LABEL)
    best_top: dict[tuple[int, int], float] = {}
    for key, value in zip(sentence_keys, top, strict=True):
        best_top[key] = max(best_top.get(key, -1.0), float(value))
    best_in_sentence = np.array([top[i] >= best_top[k] for i, k in enumerate(sentence_keys)])
    thresholds = [round(float(t), 3) for t in np.arange(0.1, 0.8, 0.025)]
    single = {t: _detection(top, correct, best_in_sentence, n_gold, t, t) for t in thresholds}
    threshold = max(thresholds, key=lambda t: single[t]["f1"])
    lows = [t for t in thresholds if t <= threshold]
    pairs = {low: _detection(top, correct, best_in_sentence, n_gold, low, threshold) for low in lows}
    sentence_threshold = min(low for low in lows if pairs[low]["f1"] >= single[threshold]["f1"] - 0.005)
    report = {"single": single[threshold], "with_sentence_threshold": pairs[sentence_threshold]}
    return curve, threshold, sentence_threshold, report


def train(check_only: bool, c_type: float, c_mode: float, c_context: float) -> dict:
    records = read_records()
    nlp = load_model()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=256))
    trigger_nouns = build_trigger_nouns(records, docs)
    examples = build_examples(records, docs, trigger_nouns)
    rows = [e.features for e in examples]
    labels = [e.label for e in examples]
    groups = np.array([e.group for e in examples])

    # Folds split by sentence group so a sentence's candidates never sit on both sides.
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    group_labels = {}
    for e in examples:
        if e.label != NONE_LABEL or e.group not in group_labels:
            group_labels[e.group] = e.label
    unique_groups = np.array(sorted(group_labels))
    fold_of_group = {}
    for fold, (_, test) in enumerate(folds.split(unique_groups, [group_labels[g] for g in unique_groups])):
        for g in unique_groups[test]:
            fold_of_group[int(g)] = fold
    fold_ids = np.array([fold_of_group[int(g)] for g in groups])

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(r, 1) for r in rows])
    cv_model = LogisticRegression(C=c_type, max_iter=3000, random_state=SEED)
    splits = [(np.where(fold_ids != f)[0], np.where(fold_ids == f)[0]) for f in range(5)]
    probabilities = cross_val_predict(cv_model, x, labels, cv=splits, method="predict_proba")
    classes = sorted(set(labels))
    sentence_keys = [(e.group, e.sentence) for e in examples]
    calibration, threshold, sentence_threshold, detection = calibrate(probabilities, classes, labels, sentence_keys)
    predicted = [classes[i] for i in probabilities.argmax(axis=1)]
    event_labels = [c for c in classes if c != NONE_LABEL]
    info = {
        "sentences": len(records),
        "candidates": len(examples),
        "events": sum(1 for lab in labels if lab != NONE_LABEL),
        "per_type": dict(sorted(Counter(lab for lab in labels if lab != NONE_LABEL).items())),
        "cv_macro_f1_types": round(float(f1_score(labels, predicted, labels=event_labels, average="macro")), 3),
        "cv_detection_at_threshold": detection,
        "threshold": threshold,
        "sentence_threshold": sentence_threshold,
        "C": {"type": c_type, "mode": c_mode, "context": c_context},
    }
    print(json.dumps(info, indent=2), file=sys.stderr)
    if check_only:
        return info

    type_model = export(*fit(rows, labels, c_type))
    positives = [e for e in examples if e.label != NONE_LABEL]
    mode_rows = [e.features + [f"T={e.label}"] + [f"T={e.label}|{f}" for f in e.features[:8]] for e in positives]
    mode_model = export(*fit(mode_rows, [e.mode or NONE_LABEL for e in positives], c_mode))
    context_rows = [[f"s={w}" for w in e.sentence_words] + [f"T={e.label}"] for e in positives]
    context_model = export(*fit(context_rows, [e.context or NONE_LABEL for e in positives], c_context))
    data = {
        "trigger_nouns": sorted(trigger_nouns),
        "type_model": type_model.to_json(),
        "mode_model": mode_model.to_json(),
        "context_model": context_model.to_json(),
        "calibration": calibration,
        "threshold": threshold,
        "sentence_threshold": sentence_threshold,
        "info": info,
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    # mtime=0 keeps the gzip bytes identical across runs.
    with open(MODEL_PATH, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(payload)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)", file=sys.stderr)
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--c-type", type=float, default=3.0)
    parser.add_argument("--c-mode", type=float, default=1.0)
    parser.add_argument("--c-context", type=float, default=0.5)
    args = parser.parse_args()
    train(args.check, args.c_type, args.c_mode, args.c_context)


if __name__ == "__main__":
    main()
