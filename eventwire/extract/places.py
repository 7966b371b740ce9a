"""Toponyms: spaCy place entities (resolution against GeoNames comes with the geo module)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import Place


def extract_places(doc: Doc, ctx: ExtractionContext) -> list[Place]:
    return [
        Place(text=ent.text, start=ent.start_char, end=ent.end_char)
        for ent in doc.ents
        if ent.label_ in {"GPE", "LOC", "FAC"}
    ]
