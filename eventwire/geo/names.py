"""Name folding and the small tables of general naming knowledge the gazetteer packages lack.

`fold` is the one key function: the index is keyed by folded names and the matcher folds token
n-grams the same way, so "Urena", "Ureña" and "UREÑA" meet at one key. The tables below are
general conventions of English news writing (postal and AP abbreviations, continent adjectives,
honorifics), not lists of places from any corpus.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`´]")
# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, accents removed, dashes as spaces, whitespace collapsed: the index key of a name.

    The key of a multi-word name equals the keys of its words joined by spaces, which is how the
    matcher builds keys from tokens.
    """
    if text.isascii():
        # Most names are plain ASCII; this path gives the same key without Unicode normalisation.
        words = text.lower().replace("-", " ").replace("`", "'").split()
    else:
        text = _DASHES.sub(" ", _APOSTROPHES.sub("'", text))
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        words = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL_LETTERS).split()
    return " ".join(words)


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

# Lowercase words of US local news that no other country's news uses alike: an article with them
# is American even where it names no state ("sheriff's deputies", "the township", "Interstate 95").
US_WORDS = frozenset("sheriff sheriff's sheriffs township townships interstate county".split())

# Adjectives of continents and world regions; country adjectives come from countryinfo.
REGION_DEMONYMS: dict[str, str] = {
    "African": "Africa",
    "Asian": "Asia",
    "European": "Europe",
    "North American": "North America",
    "South American": "South America",
    "Antarctic": "Antarctica",
}

DASHES = frozenset({"-", "–", "—"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})

# Words before a capitalised name that make it a person ("Gov. Georgia Smith", "Mr. Jordan").
HONORIFICS = frozenset(
    fold(w)
    for w in """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof. Sen. Rep. Gov. Gen. Lt. Col. Capt. Sgt. Cpl.
    Maj. Adm. Rev. Fr. Sir Dame Lady Lord President Senator Governor Judge Justice Minister Pastor
    Father Sister Brother Coach Officer Detective Constable Mayor Premier Chancellor King Queen Prince
    Princess Pope Sheikh Imam Rabbi Bishop Archbishop Cardinal Saint Secretary Commissioner Officer
    Chief Director Chairman Chairwoman Spokesman Spokeswoman Ambassador Envoy Speaker""".split()
)

# Nouns that head a named natural feature ("Indian Ocean", "Rift Valley"): the words before them
# are the feature's name, not a place of their own.
PHYSICAL_HEADS = frozenset(
    """ocean sea gulf bay strait straits river lake lakes mountains mountain range valley desert delta
    peninsula coast basin channel plateau island islands highlands plains forest cape atoll""".split()
)
# Nouns that head a named structure or site the gazetteer does not hold ("the Simón Bolívar bridge").
STRUCTURE_HEADS = frozenset(
    """bridge border crossing checkpoint camp highway motorway square plaza market airport airbase base port
    harbour harbor station stadium hospital prison jail mosque church cathedral temple palace embassy
    consulate barracks dam canal tunnel park mall building tower hotel university college school
    compound refinery mine pass junction roundabout intersection""".split()
)
# Words that end a street's name, written out or abbreviated: a place named in it ("Montana Ave.",
# "Washington Road") says nothing of where the street is. (A highway is named after the region it
# runs through: "Missouri State Highway".)
STREET_HEADS = frozenset(
    "street avenue road boulevard drive lane terrace parkway st. ave. ave rd. blvd. pkwy. ln.".split()
)
# The same in the plural, after two names: "at Concord and Market streets".
STREETS = frozenset("streets avenues roads boulevards drives lanes".split())
LANDMARK_HEADS = PHYSICAL_HEADS | STRUCTURE_HEADS | STREET_HEADS
# Nouns after a name that say which kind of place it is: "Idlib province", "Gaza City".
ADMIN_HINTS = frozenset(
    """province provinces state region district county governorate department municipality
    prefecture oblast canton territory emirate parish""".split()
)
CITY_HINTS = frozenset("city town village suburb".split())
# A compass word opening a name ("North Darfur", "West Java"): the rest names the wider region.
COMPASS_PREFIX = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower)"
    r"(?:[ -](?:east|west|eastern|western))?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# Names made only of these words ("Western", "South East", "Far North") are directions or generic
# regions, which the gazetteer holds as admin areas of a few countries; only spaCy can vouch for them.
DIRECTION_WORDS = frozenset(
    """north south east west northern southern eastern western central northeast northwest southeast
    southwest middle upper lower far greater inner outer centre center""".split()
)
# Words after a town's name that make the whole an outlet's name ("Washington Post").
MEDIA_WORDS = frozenset(
    """post times herald journal tribune gazette chronicle globe observer telegraph examiner courier
    express inquirer enquirer dispatch guardian standard mirror bulletin record daily sun star free
    morning evening register press wire news newswire radio television broadcasting sentinel ledger
    reporter""".split()
)

# Lowercase words that may sit inside a multi-word place name ("San Antonio del Táchira",
# "Bosnia and Herzegovina", "Isle of Man"); any other lowercase token ends a name.
NAME_JOINERS = frozenset(
    """of the and de del della di da do dos das la le les el al upon on en y es as ad bin ibn sur sous
    am im der den van von op aan au aux""".split()
)


# Census first names rarer than this (percent of people) are mostly other words: "China", "Asia".
MIN_FIRST_NAME_SHARE = 0.002


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names (the 1990 US census lists shipped by the `names` package), folded.

    A town name followed by a surname is a person ("Paris Hilton", "Florence Nightingale").
    """
    result: set[str] = set()
    for list_name in ("dist.male.first", "dist.female.first"):
        for line in files("names").joinpath(list_name).read_text().splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= MIN_FIRST_NAME_SHARE:
                result.add(fold(fields[0]))
    return frozenset(result)
