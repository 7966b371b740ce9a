"""Counts of people and things affected."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import Count


def extract_counts(doc: Doc, ctx: ExtractionContext) -> list[Count]:
    return []
