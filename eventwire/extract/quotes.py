"""Quotes and their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import Quote


def extract_quotes(doc: Doc, ctx: ExtractionContext) -> list[Quote]:
    return []
