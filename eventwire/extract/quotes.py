"""Quotes and their speakers.

Quote marks are paired per paragraph (straight, curly and guillemet marks). Following news
convention, a quote left open at the end of a paragraph continues when the next paragraph opens
with a quote mark; every paragraph's piece becomes its own Quote (so that `text` is exactly the
article's characters between `start` and `end`), all attributed to the one speaker of the run.

A speaker is the subject of the nearest speech verb outside the quote in the quote's own sentence
("X said", "said X", "X told reporters", "X wrote", "X said in a statement"), the object of
"according to", or, for a quote paragraph with no attribution of its own, the speaker of the quote
just before it. Pronouns and titles ("he said", "the minister said") are resolved by the actor
extractor to a named person, and the speaker then points at that person's name. Scare quotes (a
word or two, the so-called "terrorists") are not quotes.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.actors import code_phrase, mention_at, phrase_for
from eventwire.extract.context import ExtractionContext
from eventwire.records import ActorMention, Quote, Speaker

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# A quote needs this many words, or ending punctuation inside the marks plus an attribution, or
# ending punctuation and three words; shorter bits between quote marks are scare quotes or titles.
MIN_WORDS = 5
MIN_WORDS_PUNCTUATED = 3
SPEECH_VERBS = frozenset(
    """say tell add state announce declare note explain claim insist warn tweet write post ask reply respond
    answer argue continue vow pledge promise urge acknowledge admit deny confirm report recall suggest stress
    emphasize emphasise comment remark complain predict conclude contend maintain assert allege shout chant
    scream whisper joke observe reiterate concede quote describe call accuse threaten demand caution lament
    boast proclaim testify recount estimate counter retort quip cry yell murmur mutter plead beg inform
    agree tweet text""".split()
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PLURAL_OR_NEUTER = frozenset({"they", "we", "i", "you"})
# How far back "it said" may look for the organisation it stands for.
IT_REACH_CHARS = 400
# How many paragraphs an unattributed quote paragraph may reach back for the previous speaker.
CONTINUATION_PARAGRAPHS = 1


@dataclass
class Piece:
    """The inside of one pair of quote marks within one paragraph."""

    start: int  # inner text, article offsets
    end: int
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark; None when the paragraph ends first
    paragraph: int
    continues: bool = False  # the quote goes on in the next paragraph


def find_pieces(text: str) -> list[Piece]:
    """Quote pieces in the text, paragraph by paragraph, with multi-paragraph runs marked."""
    pieces: list[Piece] = []
    paragraphs = _paragraphs(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch in OPENERS or (ch == STRAIGHT and open_at is None and _can_open(text, i)):
                if open_at is None:
                    open_at = i
            elif (ch in CLOSERS or ch == STRAIGHT) and open_at is not None:
                pieces.append(Piece(open_at + 1, i, open_at, i, number))
                open_at = None
        if open_at is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            continues = following is not None and (text[following] in OPENERS or text[following] == STRAIGHT)
            pieces.append(Piece(open_at + 1, p_end, open_at, None, number, continues))
    return [_trimmed(text, p) for p in pieces]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start = end + 1
    return spans


def _can_open(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space, a bracket or the line start and precedes a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def _trimmed(text: str, piece: Piece) -> Piece:
    start, end = piece.start, piece.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    piece.start, piece.end = start, end
    return piece


def extract_quotes(doc: Doc, ctx: ExtractionContext) -> list[Quote]:
    text = doc.text
    pieces = find_pieces(text)
    if not pieces:
        return []
    inside = _quoted_chars(pieces)
    runs = _runs(pieces)
    quotes: list[Quote] = []
    previous: tuple[Speaker, str | None, int] | None = None  # speaker, verb, paragraph
    for run in runs:
        found = next((a for a in (_attribution(doc, text, p, inside, ctx.actors) for p in run) if a), None)
        first = run[0]
        if found is None and previous is not None and _continues_previous(text, first, previous[2]):
            found = (previous[0], previous[1])
        speaker, verb = found if found else (None, None)
        for piece in run:
            if _is_quote(text, piece, speaker is not None, len(run) > 1):
                quotes.append(
                    Quote(
                        text=text[piece.start : piece.end], start=piece.start, end=piece.end, speaker=speaker, verb=verb
                    )
                )
        if speaker is not None:
            previous = (speaker, verb, run[-1].paragraph)
    return quotes


def _runs(pieces: list[Piece]) -> list[list[Piece]]:
    runs: list[list[Piece]] = []
    for piece in pieces:
        if runs and runs[-1][-1].continues and piece.paragraph == runs[-1][-1].paragraph + 1:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def _quoted_chars(pieces: list[Piece]) -> list[tuple[int, int]]:
    """Character ranges inside quote marks (marks included), in text order."""
    return [(p.open_at, (p.close_at + 1) if p.close_at is not None else p.end) for p in pieces]


def _is_inside(char: int, inside: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(inside, (char, sys.maxsize)) - 1
    return k >= 0 and inside[k][0] <= char < inside[k][1]


def _is_quote(text: str, piece: Piece, attributed: bool, multi_paragraph: bool) -> bool:
    inner = text[piece.start : piece.end]
    words = sum(1 for w in inner.split() if any(c.isalpha() for c in w))
    punctuated = (bool(inner) and inner[-1] in ".!?") or text[piece.end : piece.end + 1] == ","
    if words >= MIN_WORDS or multi_paragraph:
        return words > 0
    if all(w[:1].isupper() for w in inner.split()):
        return False  # a short capitalised run is a name or a title ("San Antonio Four")
    if words >= MIN_WORDS_PUNCTUATED:
        return punctuated or attributed
    return words > 0 and punctuated and attributed and piece.close_at is not None


def _continues_previous(text: str, piece: Piece, previous_paragraph: int) -> bool:
    """An unattributed quote carries on the previous speaker's words when it is in the same paragraph,
    or opens the paragraph right after."""
    gap = piece.paragraph - previous_paragraph
    if gap == 0:
        return True
    if not 0 < gap <= CONTINUATION_PARAGRAPHS:
        return False
    line_start = text.rfind("\n", 0, piece.open_at) + 1
    return not text[line_start : piece.open_at].strip()


# --- attribution ------------------------------------------------------------------------------------


def _attribution(
    doc: Doc, text: str, piece: Piece, inside: list[tuple[int, int]], mentions: list[ActorMention]
) -> tuple[Speaker, str] | None:
    frame = _frame(doc, text, piece, inside)
    if not frame:
        return None
    according = _according_to(frame)
    candidates = [t for t in frame if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")]
    anchor_before, anchor_after = piece.open_at, piece.close_at if piece.close_at is not None else piece.end
    candidates.sort(key=lambda t: min(abs(t.idx - anchor_after), abs(anchor_before - t.idx)))
    for verb in candidates:
        subject = _subject(verb, frame)
        if subject is not None:
            speaker = _speaker(doc, subject, mentions)
            if speaker is not None:
                return speaker, verb.text
    if according is not None:
        speaker = _speaker(doc, according, mentions)
        if speaker is not None:
            return speaker, "according to"
    return _introduced_by_colon(doc, piece, frame, mentions)


def _frame(doc: Doc, text: str, piece: Piece, inside: list[tuple[int, int]]) -> list[Token]:
    """Tokens of the quote's own sentence(s) outside every quote: from the start of the sentence the
    opening mark is in to the end of the sentence that follows the closing mark."""
    close = piece.close_at if piece.close_at is not None else piece.end
    before = doc.char_span(piece.open_at, piece.open_at + 1, alignment_mode="expand")
    after_index = _token_after(doc, len(text), close)
    if before is None:
        return []
    first = before[0].sent.start
    last = doc[after_index].sent.end if after_index is not None else before[0].sent.end
    line_start = text.rfind("\n", 0, piece.open_at) + 1
    line_end = text.find("\n", close)
    line_end = len(text) if line_end < 0 else line_end
    return [
        t
        for t in doc[first:last]
        if line_start <= t.idx < line_end and not _is_inside(t.idx, inside) and not t.is_space
    ]


def _token_after(doc: Doc, length: int, char: int) -> int | None:
    """The first word token after a character offset."""
    at = doc.char_span(char, char + 1, alignment_mode="expand") if char < length else None
    if at is None:
        return None
    for t in doc[at.start : at.start + 6]:
        if t.idx > char and not t.is_punct and not t.is_space:
            return t.i
    return None


def _subject(verb: Token, frame: list[Token]) -> Token | None:
    in_frame = {t.i for t in frame}
    for child in verb.children:
        if child.dep_ in _SUBJECTS and child.i in in_frame:
            return child
    # "was quoted as saying", "went on to say": the subject sits on the governing verb.
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl", "pcomp", "conj") and head is not verb:
        for child in head.children:
            if child.dep_ in _SUBJECTS and child.i in in_frame:
                return child
    return None


def _according_to(frame: list[Token]) -> Token | None:
    for t in frame:
        if t.lower_ == "according":
            for to in t.children:
                if to.lower_ == "to":
                    objects = [c for c in to.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ == "to" and nxt.i + 1 < len(t.doc):
                return _noun_after(nxt)
    return None


def _noun_after(token: Token) -> Token | None:
    for t in token.doc[token.i + 1 : token.i + 8]:
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ != "compound":
            return t
    return None


def _introduced_by_colon(
    doc: Doc, piece: Piece, frame: list[Token], mentions: list[ActorMention]
) -> tuple[Speaker, str] | None:
    """'The minister was defiant: "..."': the subject of the clause that the colon ends."""
    before = [t for t in frame if t.idx < piece.open_at]
    if not before or before[-1].text != ":":
        return None
    root = before[-1].head
    while root.head is not root and root.dep_ not in ("ROOT", "ccomp"):
        root = root.head
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    speaker = _speaker(doc, subject, mentions) if subject is not None else None
    return (speaker, root.text) if speaker is not None else None


def _speaker(doc: Doc, token: Token, mentions: list[ActorMention]) -> Speaker | None:
    """The speaker a subject token denotes, pointing at a person's name when the subject is a pronoun
    or a title the actor extractor resolved."""
    if token.lower_ == "it":
        mention = _body_before(token, mentions)
        return _as_speaker(mention) if mention is not None else None
    if token.lower_ in _PLURAL_OR_NEUTER:
        return None
    mention = mention_at(token, mentions)
    if mention is not None:
        named = _named_mention(mention, mentions) if mention.kind == "person" else mention
        if named is None:
            return None
        return Speaker(entity_text=named.text, start=named.start, end=named.end, code=named.code, sector=named.sector)
    if token.pos_ == "PRON":
        return None
    phrase = _subject_phrase(token)
    actors = code_phrase(phrase, mentions)
    if not actors and token.pos_ != "PROPN" and token.ent_type_ not in _NAMED_LABELS:
        return None  # "the time added": a speaker must be someone
    code, sector = (actors[0].code, actors[0].sector) if actors else (None, None)
    return Speaker(entity_text=phrase.text, start=phrase.start_char, end=phrase.end_char, code=code, sector=sector)


def _body_before(token: Token, mentions: list[ActorMention]) -> ActorMention | None:
    """The organisation "it" stands for in '"...," it said': the latest organisation, country or
    singular institution mentioned shortly before."""
    for m in reversed(mentions):
        if m.end > token.idx:
            continue
        if token.idx - m.end > IT_REACH_CHARS:
            return None
        if m.kind in ("organization", "country") or (m.kind == "role" and not m.text.endswith("s")):
            return m
    return None


def _as_speaker(m: ActorMention) -> Speaker:
    return Speaker(entity_text=m.text, start=m.start, end=m.end, code=m.code, sector=m.sector)


def _named_mention(mention: ActorMention, mentions: list[ActorMention]) -> ActorMention | None:
    """For a pronoun or title that stands for a person, the latest mention of the person by name."""
    if mention.canonical is None or _is_name(mention, mention.canonical):
        return mention
    named = [
        m
        for m in mentions
        if m.kind == "person"
        and m.canonical == mention.canonical
        and m.start < mention.start
        and _is_name(m, m.canonical)
    ]
    return named[-1] if named else None


def _is_name(mention: ActorMention, canonical: str) -> bool:
    """Does the mention spell (part of) the person's name, rather than "he" or "the minister"?"""
    return bool(set(canonical.lower().split()) & set(mention.text.lower().split()))


def _subject_phrase(token: Token) -> Span:
    phrase = phrase_for(token)
    return phrase if phrase.start <= token.i < phrase.end else token.doc[token.i : token.i + 1]
