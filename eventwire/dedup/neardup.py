"""Near-duplicate articles: syndicated copies, corrections, updates with a paragraph added.

Each article's text becomes a set of word 5-shingles and a MinHash signature (datasketch); the
signature is cut into LSH bands whose hashes are stored per article (`article_bands`), so a new
article finds its candidates with one indexed lookup in any later process. Candidates are then
verified exactly on their shingles: Jaccard ≥ 0.5, or one text ≥ 80 % contained in the other (an
update that doubled a short report, a copy cut to its first paragraphs).

With 20 bands of 3 rows, a pair at Jaccard 0.5 becomes a candidate with probability 0.93, at 0.6
with 0.99, and unrelated reports (Jaccard under 0.05) almost never.

Verified pairs form families; the original of a family is its earliest published article (then the
smallest id), and every other member points to it with `articles.duplicate_of`. Pairs and families
depend on the texts only, so the links come out the same in any ingestion order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
BANDS = 20
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 1
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
# Containment is only trusted with enough text: two one-line briefs can share a whole lede.
MIN_SHINGLES_FOR_CONTAINMENT = 20

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def shingles(text: str) -> frozenset[bytes]:
    """Hashed word 5-grams of the lower-cased, accent-folded text (the whole text when shorter)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    words = _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))
    if len(words) < SHINGLE_WORDS:
        return frozenset({_digest(" ".join(words))}) if words else frozenset()
    return frozenset(_digest(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1))


def _digest(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode(), digest_size=8).digest()


def band_keys(shingle_set: frozenset[bytes]) -> list[str]:
    """The LSH band keys of a text's MinHash: articles sharing any key are candidates."""
    if not shingle_set:
        return []
    minhash = _empty_minhash().copy()
    minhash.update_batch(sorted(shingle_set))
    values = np.asarray(minhash.hashvalues, dtype=np.uint64)
    return [
        f"{band:02d}" + hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for band in range(BANDS)
    ]


@lru_cache(maxsize=1)
def _empty_minhash() -> MinHash:
    """Drawing the permutations of (NUM_PERM, SEED) costs more than hashing an article: done once."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def near_duplicates(x: frozenset[bytes], y: frozenset[bytes]) -> bool:
    if not x or not y:
        return False
    common = len(x & y)
    if common / len(x | y) >= MIN_JACCARD:
        return True
    smaller = min(len(x), len(y))
    return smaller >= MIN_SHINGLES_FOR_CONTAINMENT and common / smaller >= MIN_CONTAINMENT


def families(published: Mapping[str, dt.date | None], pairs: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """article id -> its original (None for an original or an article without copies)."""
    parent = {a: a for a in published}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in pairs:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups: dict[str, list[str]] = {}
    for article in published:
        groups.setdefault(find(article), []).append(article)
    result: dict[str, str | None] = {}
    for members in groups.values():
        original = min(members, key=lambda a: (published[a] or dt.date.max, a))
        for member in members:
            result[member] = None if member == original else original
    return result
