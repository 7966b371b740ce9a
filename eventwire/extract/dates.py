"""Date expressions resolved against the publication date."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import DateMention


def extract_dates(doc: Doc, ctx: ExtractionContext) -> list[DateMention]:
    return []
