"""Name folding and the small tables of general naming knowledge the gazetteer packages lack.

`fold` is the one key function: the index is keyed by folded names and the matcher folds token
n-grams the same way, so "Urena", "Ureña" and "UREÑA" meet at one key. The tables below are
general conventions of English news writing (postal and AP abbreviations, continent adjectives,
honorifics), not lists of places from any corpus.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`´]")
_SPACES = re.compile(r"\s+")
# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, accents removed, dashes as spaces, whitespace collapsed: the index key of a name."""
    text = _APOSTROPHES.sub("'", text)
    text = _DASHES.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_SPECIAL_LETTERS)).strip()


def is_latin_name(name: str) -> bool:
    """True when the folded name is plain Latin letters, digits, spaces and light punctuation.

    Articles are English, so alternate names in other scripts only cost memory.
    """
    return all(ch.isascii() for ch in fold(name))


# Country abbreviations used in English news; the package alias lists carry two- and three-letter
# ISO codes too ("IN", "AM", "NO"), which are common words and are therefore not indexed.
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "U.S.": "US",
    "U.S.A.": "US",
    "US": "US",
    "USA": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "U.A.E.": "AE",
    "DRC": "CD",
    "DR Congo": "CD",
    "D.R. Congo": "CD",
    "Democratic Republic of Congo": "CD",
    "PRC": "CN",
    "Holland": "NL",
    "Czechia": "CZ",
    "Burma": "MM",
}

# USPS codes and AP style abbreviations of US states, and the usual Canadian and Australian ones.
ADMIN1_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US.AL": ("Ala.", "AL"),
    "US.AK": ("AK",),
    "US.AZ": ("Ariz.", "AZ"),
    "US.AR": ("Ark.", "AR"),
    "US.CA": ("Calif.", "Cal.", "CA"),
    "US.CO": ("Colo.", "CO"),
    "US.CT": ("Conn.", "CT"),
    "US.DE": ("Del.", "DE"),
    "US.DC": ("D.C.", "DC", "Washington D.C.", "Washington DC", "Washington, D.C."),
    "US.FL": ("Fla.", "FL"),
    "US.GA": ("Ga.", "GA"),
    "US.HI": ("HI",),
    "US.ID": ("ID",),
    "US.IL": ("Ill.", "IL"),
    "US.IN": ("Ind.",),
    "US.IA": ("IA",),
    "US.KS": ("Kan.", "Kans.", "KS"),
    "US.KY": ("Ky.", "KY"),
    "US.LA": ("La.",),
    "US.MD": ("Md.", "MD"),
    "US.MA": ("Mass.", "MA"),
    "US.MI": ("Mich.", "MI"),
    "US.MN": ("Minn.", "MN"),
    "US.MS": ("Miss.", "MS"),
    "US.MO": ("Mo.", "MO"),
    "US.MT": ("Mont.", "MT"),
    "US.NE": ("Neb.", "Nebr.", "NE"),
    "US.NV": ("Nev.", "NV"),
    "US.NH": ("N.H.", "NH"),
    "US.NJ": ("N.J.", "NJ"),
    "US.NM": ("N.M.", "N.Mex.", "NM"),
    "US.NY": ("N.Y.", "NY"),
    "US.NC": ("N.C.", "NC"),
    "US.ND": ("N.D.", "ND"),
    "US.OK": ("Okla.", "OK"),
    "US.OR": ("Ore.", "Oreg."),
    "US.PA": ("Pa.", "Penn.", "PA"),
    "US.RI": ("R.I.", "RI"),
    "US.SC": ("S.C.", "SC"),
    "US.SD": ("S.D.", "SD"),
    "US.TN": ("Tenn.", "TN"),
    "US.TX": ("Tex.", "TX"),
    "US.UT": ("UT",),
    "US.VT": ("Vt.", "VT"),
    "US.VA": ("Va.", "VA"),
    "US.WA": ("Wash.", "WA", "Washington state", "Washington State"),
    "US.WV": ("W.Va.", "W. Va.", "WV"),
    "US.WI": ("Wis.", "Wisc.", "WI"),
    "US.WY": ("Wyo.", "WY"),
    "CA.01": ("Alta.", "AB"),
    "CA.02": ("B.C.", "BC"),
    "CA.03": ("Man.", "MB"),
    "CA.04": ("N.B.", "NB"),
    "CA.05": ("N.L.", "Nfld."),
    "CA.07": ("N.S.", "NS"),
    "CA.08": ("Ont.", "ON"),
    "CA.09": ("P.E.I.", "PEI"),
    "CA.10": ("Que.", "Qc", "QC"),
    "CA.11": ("Sask.", "SK"),
    "CA.12": ("Y.T.",),
    "CA.13": ("N.W.T.", "NWT"),
    "AU.02": ("NSW", "N.S.W."),
    "AU.04": ("Qld", "QLD"),
    "AU.05": ("SA",),
    "AU.06": ("Tas.",),
    "AU.07": ("Vic.",),
    "AU.08": ("WA",),
    "AU.03": ("NT",),
    "AU.01": ("ACT",),
}

# Most of these abbreviations are also words, pronouns or initials ("OK", "IN", "Man.", "Miss.",
# "WA"), so they count only right after a comma that follows a place: "Tulsa, OK", "Brandon, Man.".
# These few are unambiguous on their own as well.
STANDALONE_ABBREVIATIONS = frozenset(
    fold(a) for a in ("NSW", "N.S.W.", "PEI", "P.E.I.", "NWT", "N.W.T.", "B.C.", "D.C.", "N.Y.", "N.J.", "N.C.")
)

# Adjectives of continents and world regions; country adjectives come from countryinfo.
REGION_DEMONYMS: dict[str, str] = {
    "African": "Africa",
    "Asian": "Asia",
    "European": "Europe",
    "North American": "North America",
    "South American": "South America",
    "Antarctic": "Antarctica",
}

# Words before a capitalised name that make it a person ("Gov. Georgia Smith", "Mr. Jordan").
HONORIFICS = frozenset(
    fold(w)
    for w in """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof. Sen. Rep. Gov. Gen. Lt. Col. Capt. Sgt. Cpl.
    Maj. Adm. Rev. Fr. Sir Dame Lady Lord President Senator Governor Judge Justice Minister Pastor
    Father Sister Brother Coach Officer Detective Constable Mayor Premier Chancellor King Queen Prince
    Princess Pope Sheikh Imam Rabbi Bishop Archbishop Cardinal Saint""".split()
)

# Nouns that head a named structure or site the gazetteer does not hold ("the Simón Bolívar bridge").
LANDMARK_HEADS = frozenset(
    """bridge bridges border crossing checkpoint camp camps road street avenue boulevard highway
    motorway square plaza market airport airbase base port harbour harbor station stadium hospital
    prison jail mosque church cathedral temple palace embassy consulate barracks dam canal tunnel
    park mall building tower hotel university school compound refinery mine pass valley river lake
    mountain mountains hill hills island islands district neighborhood neighbourhood quarter
    settlement village province region""".split()
)

# Lowercase words that may sit inside a multi-word place name ("San Antonio del Táchira",
# "Bosnia and Herzegovina", "Isle of Man"); any other lowercase token ends a name.
NAME_JOINERS = frozenset("of the and de del della di da do dos das la le les el al upon on en y".split())
