"""Cheap, offline English detection: the share of very common English function words.

News text in English has 35-55 % of its words among these; Spanish, French, German, Portuguese or
Indonesian prose has under 10 %, and non-Latin scripts have almost no ASCII words at all.
For text that is not English, the same count over a few other languages' function words names the
likely language, so a skipped article is reported as "looks like Spanish" rather than just "not English".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on was with as by at from it be are were said has have had
    an this which but not they their his her he she its after who been will would more than about
    over into or also when up out there two people one all we our you can new against
    """.split()
)
# Only used to name the language of a text already judged not English; words shared with English
# ("a", "in", "on") are left out so they cannot tip the guess.
_OTHER_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "Spanish": frozenset("de el la los las del y que en por con para se una un es su al lo como más pero sus".split()),
    "French": frozenset("de le la les des du et est que une un pour dans par sur qui au aux ce il elle pas".split()),
    "German": frozenset("der die das und ist nicht den dem des ein eine mit sich auf für von zu im auch".split()),
    "Portuguese": frozenset("de o os as do da dos das e que em um uma para com por não se no na ao".split()),
    "Italian": frozenset("il lo gli della di che è per con non una un del dei alla nel sono le".split()),
    "Dutch": frozenset("de het een van en dat niet zijn op te met voor er maar ook als bij".split()),
    "Indonesian": frozenset("yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 8
MIN_SHARE = 0.18


@dataclass(frozen=True)
class LanguageGuess:
    """The verdict on one text: `code` is 'en', 'und' (too short to tell) or None (not English)."""

    code: str | None
    english_share: float
    n_words: int
    likely: str | None = None  # a language name for text that is not English, when one stands out

    def reason(self) -> str:
        """A sentence fragment for the user explaining a 'not English' verdict."""
        looks = f"looks like {self.likely}; " if self.likely else ""
        return f"not English ({looks}English function-word share {self.english_share:.2f})"


def _words(text: str, sample_chars: int) -> list[str]:
    return _WORD.findall(text[:sample_chars].lower())


def _share(words: list[str], vocab: frozenset[str]) -> float:
    return sum(1 for word in words if word in vocab) / len(words) if words else 0.0


def english_share(text: str, sample_chars: int = 20_000) -> tuple[float, int]:
    """Share of English function words among the words of the text's first `sample_chars`."""
    words = _words(text, sample_chars)
    return _share(words, _ENGLISH_FUNCTION_WORDS), len(words)


def guess_language(text: str, sample_chars: int = 20_000) -> LanguageGuess:
    words = _words(text, sample_chars)
    share = _share(words, _ENGLISH_FUNCTION_WORDS)
    if len(words) < MIN_WORDS:
        return LanguageGuess("und", share, len(words))
    if share >= MIN_SHARE:
        return LanguageGuess("en", share, len(words))
    return LanguageGuess(None, share, len(words), _likely_language(words))


def _likely_language(words: list[str]) -> str | None:
    scores = {name: _share(words, vocab) for name, vocab in _OTHER_FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    # Below this share the text is more likely a non-Latin script or a list of names than prose.
    return best if scores[best] >= MIN_SHARE else None


def detect_language(text: str) -> str | None:
    """'en' for English, 'und' for text too short to tell, None for text that is not English."""
    return guess_language(text).code
