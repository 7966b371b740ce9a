"""Political entities mentioned in the article."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.records import ActorMention

_KIND = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}


def extract_actors(doc: Doc, ctx: ExtractionContext) -> list[ActorMention]:
    return [
        ActorMention(text=ent.text, start=ent.start_char, end=ent.end_char, kind=_KIND[ent.label_])
        for ent in doc.ents
        if ent.label_ in _KIND
    ]
