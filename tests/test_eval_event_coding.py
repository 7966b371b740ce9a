"""The event coder against the PLOVER GSR: floors on type accuracy and actor country F1."""

from __future__ import annotations

import pytest
from conftest import require_gold

from eventwire.eval.event_coding import baseline_type, evaluate_plover_gsr


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate_plover_gsr(require_gold("plover_gsr", "PLOVER_GSR_CAMEO.json"))


def test_event_type_accuracy_floor(report: dict) -> None:
    assert report["sentences"] == 322
    assert report["event_type"]["accuracy"] >= 0.70


def test_actor_country_floor(report: dict) -> None:
    assert report["actor_country"]["f1"] >= 0.75


def test_system_beats_the_keyword_baseline(report: dict) -> None:
    assert report["event_type"]["accuracy"] > report["baseline_keywords"]["accuracy"] + 0.15
    assert report["event_type"]["macro_f1"] > report["baseline_keywords"]["macro_f1"]


def test_report_has_per_type_figures_and_confusion(report: dict) -> None:
    assert len(report["per_type"]) == 16
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 322


def test_keyword_baseline_reads_obvious_sentences() -> None:
    assert baseline_type("Police arrested twelve students.") == "COERCE"
    assert baseline_type("The ministers met in Geneva.") == "CONSULT"
