"""PLOVER events: who did what to whom, per sentence."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import Event


def extract_events(doc: Doc, ctx: ExtractionContext) -> list[Event]:
    return []
