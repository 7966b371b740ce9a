"""`eventwire eval plover-gsr PATH`: event type, actor and recipient coding against the PLOVER GSR.

The GSR (0.5b1, 2016) codes one event per sentence with the 2016 type names; they are mapped to current
PLOVER (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT). Its 2016 country field
folded the UN and the EU into IGO, which current PLOVER splits into UNO and EUR: the scorer folds them
back, and maps the few pre-ISO codes it uses (JAP, ITL, VTN). The system's event for a sentence is its
main act (see `Event.main`); a sentence without an event counts as wrong. A keyword baseline is scored beside it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventwire.records import Actor, ArticleResult, Event

TYPE_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_RENAMES = {"UNO": "IGO", "EUR": "IGO", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

# The keyword baseline: twenty regexes, first match wins, in the spirit of dictionary coders.
BASELINE_RULES: list[tuple[str, str]] = [
    ("THREATEN", r"\bthreat|\bwarn(ed|s)?\b|\bultimatum"),
    ("REJECT", r"\breject|\brefus|\bvetoe?d?\b|\bdeclin(ed|es)\b|\bden(y|ied)\b"),
    ("ACCUSE", r"\baccus|\bcondemn|\bcriticiz|\bcriticis|\bblame|\bdenounc|\binvestigat"),
    ("REQUEST", r"\burg(ed|es)\b|\bcall(ed|s)? (on|for)\b|\bappeal|\bdemand|\basked\b|\brequest"),
    ("PROTEST", r"\bprotest|\bdemonstrat|\bmarch(ed|es)?\b|\brall(y|ied)|\bstrike\b|\bboycott"),
    ("SANCTION", r"\bsanction|\bembargo|\bexpel|\bsever(ed)? (ties|relations)|\bsuspend"),
    ("MOBILIZE", r"\bdeploy|\bmobili[sz]|\bon alert|\breinforcement|\bmassed"),
    ("ASSAULT", r"\bkill|\battack|\bshell|\bbomb|\bfir(ed|ing) (on|at)\b|\bclash|\bfight|\bmassacre"),
    ("COERCE", r"\barrest|\bdetain|\bseiz|\bban(ned|s)?\b|\bcurfew|\braid|\bdeport"),
    ("AID", r"\baid\b|\bassistance|\bdonat|\bsupplies|\brelief"),
    ("RETREAT", r"\bwithdr[ae]w|\bpull(ed)? out|\breleas|\bdemobili"),
    ("CONCEDE", r"\bconced|\beas(ed|e) (restrictions|sanctions)|\blift(ed)?\b|\bresign"),
    ("AGREE", r"\bagree|\bsign(ed)?\b|\baccord|\btreaty|\bceasefire|\bcease-fire|\bpledg|\bpromis"),
    ("CONSULT", r"\bmet\b|\bmeet|\btalks\b|\bvisit|\bnegotiat|\bdiscuss|\bconsult|\bhost"),
    ("COOPERATE", r"\bcooperat|\bjoint\b|\bpartnership|\bextradit"),
    ("SUPPORT", r"\bsupport|\bprais|\bwelcom|\bendors|\bback(ed|s)\b|\bcongratulat"),
]
_COMPILED = [(t, re.compile(p, re.I)) for t, p in BASELINE_RULES]


def baseline_type(text: str) -> str | None:
    return next((t for t, pattern in _COMPILED if pattern.search(text)), None)


def gold_type(record: dict[str, Any]) -> str:
    return TYPE_RENAMES.get(record["event"], record["event"])


def _gold_actors(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else []


def _norm_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return CODE_RENAMES.get(code, code)


def _norm_sector(sector: str | None) -> str | None:
    if not sector or not sector[:3].isalpha():
        return None
    return sector[:3].upper()


def main_event(result: ArticleResult) -> Event | None:
    """The sentence's main act (the event nearest the parse root), the most confident if several."""
    return max(result.events, key=lambda e: (e.main, e.confidence), default=None)


class SetScore:
    """Micro-averaged precision, recall and F1 of predicted sets against gold sets."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def report(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def type_report(gold: list[str], predicted: list[str | None]) -> dict[str, Any]:
    labels = sorted(set(gold))
    per_type: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "n": tp + fn,
        }
    accuracy = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold)
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type)
    return {"accuracy": round(accuracy, 3), "macro_f1": round(macro, 3), "per_type": per_type}


def _codes(actors: list[Actor]) -> set[str]:
    return {c for c in (_norm_code(a.code) for a in actors) if c}


def _sectors(actors: list[Actor]) -> set[str]:
    return {s for s in (_norm_sector(a.sector) for a in actors) if s}


def evaluate_plover_gsr(path: str | Path) -> dict[str, Any]:
    import eventwire

    records = [r for r in json.loads(Path(path).read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    inputs = [{"id": r["id"], "text": r["text"], "published": r.get("date") or None} for r in records]
    results = list(eventwire.extract_many(inputs))
    gold = [gold_type(r) for r in records]
    predicted: list[str | None] = []
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    scores = {name: SetScore() for name in ("actor_country", "recipient_country", "actor_sector", "recipient_sector")}
    n_events = 0
    for record, result, gold_label in zip(records, results, gold, strict=True):
        n_events += len(result.events)
        event = main_event(result)
        label = event.type if event else None
        predicted.append(label)
        confusion[gold_label][label or "none"] += 1
        gold_source = _gold_actors(record.get("source"))
        gold_target = _gold_actors(record.get("target"))
        actors = event.actor if event else []
        recipients = event.recipient if event else []
        scores["actor_country"].add({c for a in gold_source if (c := _norm_code(a.get("code")))}, _codes(actors))
        scores["recipient_country"].add(
            {c for a in gold_target if (c := _norm_code(a.get("code")))}, _codes(recipients)
        )
        gold_actor_sectors = {s for a in gold_source if (s := _norm_sector(a.get("sector")))}
        if gold_actor_sectors:
            scores["actor_sector"].add(gold_actor_sectors, _sectors(actors))
        gold_recipient_sectors = {s for a in gold_target if (s := _norm_sector(a.get("sector")))}
        if gold_recipient_sectors:
            scores["recipient_sector"].add(gold_recipient_sectors, _sectors(recipients))
    baseline = [baseline_type(r["text"]) for r in records]
    system = type_report(gold, predicted)
    return {
        "dataset": "PLOVER GSR 0.5b1 (2016 types mapped to current PLOVER)",
        "sentences": len(records),
        "event_type": {"accuracy": system["accuracy"], "macro_f1": system["macro_f1"]},
        "baseline_keywords": {k: v for k, v in type_report(gold, baseline).items() if k != "per_type"},
        "actor_country": scores["actor_country"].report(),
        "recipient_country": scores["recipient_country"].report(),
        "actor_sector": scores["actor_sector"].report(),
        "recipient_sector": scores["recipient_sector"].report(),
        "events_per_sentence": round(n_events / len(records), 2),
        "sentences_without_event": sum(1 for p in predicted if p is None),
        "per_type": system["per_type"],
        "confusion": {g: dict(sorted(c.items())) for g, c in sorted(confusion.items())},
    }
