"""Actor recognition and coding without a dictionary server.

The public surface for other stages (the event coder in particular):

- `code_phrase(span, ctx_mentions, default_country, published=..., places=...)` -> list[Actor]:
  the PLOVER actors an arbitrary noun phrase denotes, one per coordinated member;
- `code_head(token, ctx_mentions, default_country, ...)` -> list[Actor]: the same for the noun
  phrase a head token heads (`phrase_for(token)`), for callers that work with dependency heads;
- `mention_at(token, mentions)` -> the ActorMention covering a token (persons, pronouns, roles);
- `dominant_country(doc, hits, places)` -> the article's country when the text supports one;
- `lexicon()` -> the actor lexicon (built-in tables plus the user files in EVENTWIRE_ACTORS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Token

from eventwire.actors.article import dominant_country
from eventwire.actors.coder import code_phrase, mention_at, phrase_for
from eventwire.actors.lexicon import ENV_VAR, lexicon
from eventwire.records import Actor, ActorMention, Place

__all__ = [
    "ENV_VAR",
    "code_head",
    "code_phrase",
    "dominant_country",
    "lexicon",
    "mention_at",
    "phrase_for",
]


def code_head(
    token: Token,
    ctx_mentions: list[ActorMention] | None = None,
    default_country: str | None = None,
    *,
    published: dt.date | None = None,
    places: Sequence[Place] = (),
) -> list[Actor]:
    """Actors of the noun phrase headed by `token` (its modifiers and an of/for/from phrase)."""
    return code_phrase(phrase_for(token), ctx_mentions, default_country, published=published, places=places)
