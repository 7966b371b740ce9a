"""Scorers for `eventwire eval DATASET PATH`: each returns a JSON-able dict with a baseline beside
the system's figures, so every gain is visible and honest."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

# dataset name -> "module:function"; imported on use so one scorer's dependencies never slow another.
EVALUATORS: dict[str, str] = {
    "plover-gsr": "eventwire.eval.event_coding:evaluate_plover_gsr",
    "geo": "eventwire.eval.geo:evaluate_geo",
    "gvdb": "eventwire.eval.casualties:evaluate_gvdb",
    "dedup": "eventwire.eval.dedup:evaluate_dedup",
}


def get_evaluator(dataset: str) -> Callable[[Path], dict[str, Any]]:
    try:
        target = EVALUATORS[dataset]
    except KeyError:
        known = ", ".join(sorted(EVALUATORS))
        raise ConfigError(f"unknown dataset {dataset!r}; known datasets: {known}") from None
    module_name, function_name = target.split(":")
    return getattr(importlib.import_module(module_name), function_name)
