"""The trained event models (type, mode, context), stored as plain JSON weights.

`scripts/train_events.py` fits them with scikit-learn on `training/events/*.jsonl` and writes
`eventwire/extract/models/events.json.gz`; here they are scored with a sparse dot product, so
extraction needs neither scikit-learn nor pickles and a model file reads the same in any version.
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).parent / "models" / "events.json.gz"
NONE_LABEL = "NONE"


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: softmax over classes of summed feature weights."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(
            classes=tuple(data["classes"]),
            intercept=tuple(data["intercept"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
        )

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": list(self.intercept), "weights": self.weights}

    def scores(self, features: Iterable[str]) -> list[float]:
        totals = list(self.intercept)
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row is not None:
                for i, w in enumerate(row):
                    totals[i] += w
        return totals

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


@dataclass(frozen=True)
class Calibration:
    """Isotonic map from the model's probability to the observed share of correct events."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, p: float) -> float:
        if not self.xs:
            return p
        i = bisect.bisect_left(self.xs, p)
        if i <= 0:
            return self.ys[0]
        if i >= len(self.xs):
            return self.ys[-1]
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)


@dataclass(frozen=True)
class EventModels:
    trigger_nouns: frozenset[str]
    type_model: LinearModel
    mode_model: LinearModel
    context_model: LinearModel
    calibration: Calibration
    # Any candidate at or above `threshold` is an event; a sentence's most probable candidate needs
    # only `sentence_threshold` (see scripts/train_events.py).
    threshold: float
    sentence_threshold: float
    info: dict[str, Any]


def models_from_json(data: dict[str, Any]) -> EventModels:
    return EventModels(
        trigger_nouns=frozenset(data["trigger_nouns"]),
        type_model=LinearModel.from_json(data["type_model"]),
        mode_model=LinearModel.from_json(data["mode_model"]),
        context_model=LinearModel.from_json(data["context_model"]),
        calibration=Calibration(tuple(data["calibration"]["xs"]), tuple(data["calibration"]["ys"])),
        threshold=float(data["threshold"]),
        sentence_threshold=float(data["sentence_threshold"]),
        info=data.get("info", {}),
    )


@lru_cache(maxsize=1)
def load_event_models(path: Path = MODEL_PATH) -> EventModels:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return models_from_json(json.load(handle))
