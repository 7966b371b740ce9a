"""The trained event models (type, mode, context), stored as plain JSON weights.

`scripts/train_events.py` fits them with scikit-learn on `training/events/*.jsonl` and writes
`eventwire/extract/models/events.json.gz`; here they are scored with a sparse dot product, so
extraction needs neither scikit-learn nor pickles and a model file reads the same in any version.
"""

from __future__ import annotations

import bisect
import gzip
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).parent / "models" / "events.json.gz"
NONE_LABEL = "NONE"


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: softmax over classes of summed feature weights.

    Weights sit in one matrix (a row per feature) so a candidate's scores are one indexed sum.
    """

    classes: tuple[str, ...]
    intercept: np.ndarray
    rows: dict[str, int]
    matrix: np.ndarray

    @classmethod
    def from_weights(
        cls, classes: Sequence[str], intercept: Sequence[float], weights: dict[str, Sequence[float]]
    ) -> LinearModel:
        rows = {feature: i for i, feature in enumerate(weights)}
        matrix = np.array(list(weights.values()), dtype=np.float64).reshape(len(rows), len(classes))
        return cls(tuple(classes), np.array(intercept, dtype=np.float64), rows, matrix)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls.from_weights(data["classes"], data["intercept"], data["weights"])

    def to_json(self) -> dict[str, Any]:
        weights = {f: [float(w) for w in self.matrix[i]] for f, i in self.rows.items()}
        return {"classes": list(self.classes), "intercept": [float(v) for v in self.intercept], "weights": weights}

    def scores(self, features: Iterable[str]) -> np.ndarray:
        return self.intercept + self.partial(features)

    def partial(self, features: Iterable[str]) -> np.ndarray:
        """The summed weights of `features`, without the intercept: a part of many scores, summed once."""
        indices = [i for i in map(self.rows.get, features) if i is not None]
        return self.matrix[indices].sum(axis=0)

    def probabilities_many(self, rows: Sequence[Sequence[str]], shared: Sequence[str] = ()) -> np.ndarray:
        """Class probabilities for many feature lists at once (one row per list, columns = classes);
        `shared` features belong to every list and are summed once."""
        lookup = self.rows.get
        indices: list[int] = []
        starts: list[int] = []
        for features in rows:
            starts.append(len(indices))
            indices += [i for i in map(lookup, features) if i is not None]
        if not rows:
            return np.zeros((0, len(self.classes)))
        # "bias" is in every row, so no row is empty and reduceat's segments are well formed.
        scores = np.add.reduceat(self.matrix[indices], starts, axis=0) + self.scores(shared)
        exps = np.exp(scores - scores.max(axis=1, keepdims=True))
        return exps / exps.sum(axis=1, keepdims=True)

    def probabilities(self, features: Iterable[str], shared: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (in `classes` order) of `features` plus features whose `partial` sum is `shared`."""
        scores = self.scores(features) if shared is None else self.scores(features) + shared
        exps = np.exp(scores - scores.max())
        return exps / exps.sum()

    def columns(self, labels: Iterable[str]) -> np.ndarray:
        """Column numbers of the given class labels, in class order (unknown labels are left out)."""
        wanted = set(labels)
        return np.array([i for i, c in enumerate(self.classes) if c in wanted], dtype=np.intp)


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
