"""Political entities mentioned in the article, coded with PLOVER country and sector.

Every noun phrase whose head the actor lexicon knows becomes a mention: countries used as actors
(not as places: "in Syria" and datelines are left to the places extractor), organisations, role
nouns ("Venezuelan troops", "the interior minister") and persons, who are linked across the article
so that "Guaidó", "he" and "the opposition leader" carry the code of "Venezuelan opposition leader
Juan Guaidó". Damaged text (mojibake, all lower case, tables) gives fewer mentions rather than wrong
ones, because names must be capitalised as names are and every mention needs a head the lexicon knows.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.article import article_mentions, dominant_country
from eventwire.actors.coder import CodingContext
from eventwire.actors.lexicon import document_hits, lexicon
from eventwire.extract.context import ExtractionContext
from eventwire.records import ActorMention


def extract_actors(doc: Doc, ctx: ExtractionContext) -> list[ActorMention]:
    lex = lexicon()
    hits = document_hits(doc, lex)
    cc = CodingContext(lex, ctx.published, dominant_country(doc, hits, ctx.places), (), ctx.places)
    return article_mentions(doc, hits, cc)
