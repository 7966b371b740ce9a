"""Deterministic augmentation of the hand-written conflict-half training sentences.

Reads the hand-written lines in ``conflict_*.jsonl`` and ``negatives_conflict.jsonl`` (this folder) and writes
``conflict_augmented.jsonl``: copies of eligible sentences with the countries (names, adjectives, peoples,
capitals, other cities) swapped for other countries and small numbers changed, with ``actor_code`` and
``recipient_code`` adjusted. A sentence is eligible only when

* every ISO country code on its events is named in the text through a form listed in ``COUNTRIES``
  (so a code known only from world knowledge, e.g. a rebel group's home country, is never swapped blindly);
* it names no year (a dated sentence describes a real past event that must stay where it happened) and is
  not a background fact (``FACT_SOURCES``);
* every other capitalised word is generic (``GENERIC_CAPS``) — proper names of people, groups, rivers and
  so on would no longer fit another country, so their sentences are left alone;
* none of the countries involved is in ``NOT_SWAPPED`` (great powers and places whose sentences are
  too specific to move elsewhere).

Targets are drawn from the source country's region, and never a landlocked country for a sentence about
ships or the sea. Selection is per event type: augmented lines are added until each conflict type reaches
``TARGET_PER_TYPE`` sentences (hand-written + augmented), preferring lines with an auxiliary mode until a
fifth of a type's augmented lines carry one, and negatives until ``TARGET_NEGATIVES``. Augmented lines
never exceed ``MAX_AUGMENTED_SHARE`` of all lines. Every line is tagged ``"src": "augmented"``.

Usage::

    python training/events/augment_conflict.py          # rewrite conflict_augmented.jsonl
    python training/events/augment_conflict.py --stats  # print counts per type for README_conflict.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT_NAME = "conflict_augmented.jsonl"
CONFLICT_TYPES = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "THREATEN", "ACCUSE", "REJECT")
TARGET_PER_TYPE = 380
TARGET_NEGATIVES = 760
MAX_AUGMENTED_SHARE = 0.36
AUX_SHARE = 0.2
VARIANTS_PER_LINE = 3
CHOSEN_PER_LINE = 2


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str
    people: str
    capital: str
    cities: tuple[str, ...]


def _c(code: str, name: str, adj: str, people: str, capital: str, *cities: str) -> Country:
    return Country(code, name, adj, people, capital, cities)


COUNTRIES: tuple[Country, ...] = (
    _c("AFG", "Afghanistan", "Afghan", "Afghans", "Kabul", "Kandahar", "Herat"),
    _c("ALB", "Albania", "Albanian", "Albanians", "Tirana", "Durres"),
    _c("DZA", "Algeria", "Algerian", "Algerians", "Algiers", "Oran", "Constantine"),
    _c("AGO", "Angola", "Angolan", "Angolans", "Luanda", "Huambo"),
    _c("ARG", "Argentina", "Argentine", "Argentines", "Buenos Aires", "Cordoba", "Rosario"),
    _c("ARM", "Armenia", "Armenian", "Armenians", "Yerevan", "Gyumri"),
    _c("AUS", "Australia", "Australian", "Australians", "Canberra", "Sydney", "Melbourne"),
    _c("AUT", "Austria", "Austrian", "Austrians", "Vienna", "Graz"),
    _c("AZE", "Azerbaijan", "Azerbaijani", "Azerbaijanis", "Baku", "Ganja"),
    _c("BHR", "Bahrain", "Bahraini", "Bahrainis", "Manama", "Muharraq"),
    _c("BGD", "Bangladesh", "Bangladeshi", "Bangladeshis", "Dhaka", "Chittagong", "Sylhet"),
    _c("BLR", "Belarus", "Belarusian", "Belarusians", "Minsk", "Gomel", "Grodno"),
    _c("BEN", "Benin", "Beninese", "Beninese", "Porto-Novo", "Cotonou"),
    _c("BOL", "Bolivia", "Bolivian", "Bolivians", "La Paz", "Santa Cruz", "Cochabamba"),
    _c("BRA", "Brazil", "Brazilian", "Brazilians", "Brasilia", "Sao Paulo", "Rio de Janeiro"),
    _c("BGR", "Bulgaria", "Bulgarian", "Bulgarians", "Sofia", "Plovdiv"),
    _c("BFA", "Burkina Faso", "Burkinabe", "Burkinabe", "Ouagadougou", "Bobo-Dioulasso"),
    _c("BDI", "Burundi", "Burundian", "Burundians", "Gitega", "Bujumbura"),
    _c("KHM", "Cambodia", "Cambodian", "Cambodians", "Phnom Penh", "Siem Reap"),
    _c("CMR", "Cameroon", "Cameroonian", "Cameroonians", "Yaounde", "Douala", "Bamenda"),
    _c("CAN", "Canada", "Canadian", "Canadians", "Ottawa", "Toronto", "Montreal"),
    _c("TCD", "Chad", "Chadian", "Chadians", "N'Djamena", "Abeche"),
    _c("CHL", "Chile", "Chilean", "Chileans", "Santiago", "Valparaiso", "Concepcion"),
    _c("COL", "Colombia", "Colombian", "Colombians", "Bogota", "Medellin", "Cali"),
    _c("COD", "Congo", "Congolese", "Congolese", "Kinshasa", "Goma", "Bukavu"),
    _c("HRV", "Croatia", "Croatian", "Croatians", "Zagreb", "Rijeka"),
    _c("CUB", "Cuba", "Cuban", "Cubans", "Havana", "Santiago de Cuba"),
    _c("DNK", "Denmark", "Danish", "Danes", "Copenhagen", "Aarhus"),
    _c("ECU", "Ecuador", "Ecuadorian", "Ecuadorians", "Quito", "Guayaquil"),
    _c("EGY", "Egypt", "Egyptian", "Egyptians", "Cairo", "Alexandria"),
    _c("SLV", "El Salvador", "Salvadoran", "Salvadorans", "San Salvador", "Santa Ana"),
    _c("ERI", "Eritrea", "Eritrean", "Eritreans", "Asmara", "Massawa"),
    _c("EST", "Estonia", "Estonian", "Estonians", "Tallinn", "Tartu"),
    _c("ETH", "Ethiopia", "Ethiopian", "Ethiopians", "Addis Ababa", "Mekelle", "Gondar"),
    _c("FIN", "Finland", "Finnish", "Finns", "Helsinki", "Tampere"),
    _c("FRA", "France", "French", "French people", "Paris", "Marseille", "Lyon"),
    _c("GAB", "Gabon", "Gabonese", "Gabonese", "Libreville", "Port-Gentil"),
    _c("GEO", "Georgia", "Georgian", "Georgians", "Tbilisi", "Batumi", "Kutaisi"),
    _c("DEU", "Germany", "German", "Germans", "Berlin", "Hamburg", "Munich"),
    _c("GHA", "Ghana", "Ghanaian", "Ghanaians", "Accra", "Kumasi"),
    _c("GRC", "Greece", "Greek", "Greeks", "Athens", "Thessaloniki"),
    _c("GUY", "Guyana", "Guyanese", "Guyanese", "Georgetown"),
    _c("HTI", "Haiti", "Haitian", "Haitians", "Port-au-Prince", "Cap-Haitien"),
    _c("HND", "Honduras", "Honduran", "Hondurans", "Tegucigalpa", "San Pedro Sula"),
    _c("HUN", "Hungary", "Hungarian", "Hungarians", "Budapest", "Debrecen"),
    _c("IND", "India", "Indian", "Indians", "New Delhi", "Mumbai", "Kolkata"),
    _c("IDN", "Indonesia", "Indonesian", "Indonesians", "Jakarta", "Surabaya", "Medan"),
    _c("IRN", "Iran", "Iranian", "Iranians", "Tehran", "Isfahan", "Tabriz"),
    _c("IRQ", "Iraq", "Iraqi", "Iraqis", "Baghdad", "Basra", "Mosul"),
    _c("IRL", "Ireland", "Irish", "Irish people", "Dublin", "Cork"),
    _c("ITA", "Italy", "Italian", "Italians", "Rome", "Milan", "Naples"),
    _c("CIV", "Ivory Coast", "Ivorian", "Ivorians", "Abidjan", "Bouake"),
    _c("JPN", "Japan", "Japanese", "Japanese", "Tokyo", "Osaka"),
    _c("JOR", "Jordan", "Jordanian", "Jordanians", "Amman", "Zarqa"),
    _c("KAZ", "Kazakhstan", "Kazakh", "Kazakhs", "Astana", "Almaty"),
    _c("KEN", "Kenya", "Kenyan", "Kenyans", "Nairobi", "Mombasa", "Kisumu"),
    _c("KOS", "Kosovo", "Kosovar", "Kosovars", "Pristina", "Prizren"),
    _c("KGZ", "Kyrgyzstan", "Kyrgyz", "Kyrgyz", "Bishkek", "Osh"),
    _c("LVA", "Latvia", "Latvian", "Latvians", "Riga", "Daugavpils"),
    _c("LBN", "Lebanon", "Lebanese", "Lebanese", "Beirut", "Sidon"),
    _c("LBR", "Liberia", "Liberian", "Liberians", "Monrovia", "Buchanan"),
    _c("LBY", "Libya", "Libyan", "Libyans", "Tripoli", "Benghazi", "Misrata"),
    _c("LTU", "Lithuania", "Lithuanian", "Lithuanians", "Vilnius", "Kaunas"),
    _c("MDG", "Madagascar", "Malagasy", "Malagasy", "Antananarivo", "Toamasina"),
    _c("MWI", "Malawi", "Malawian", "Malawians", "Lilongwe", "Blantyre"),
    _c("MYS", "Malaysia", "Malaysian", "Malaysians", "Kuala Lumpur", "Penang"),
    _c("MLI", "Mali", "Malian", "Malians", "Bamako", "Gao", "Mopti"),
    _c("MEX", "Mexico", "Mexican", "Mexicans", "Mexico City", "Guadalajara", "Monterrey"),
    _c("MDA", "Moldova", "Moldovan", "Moldovans", "Chisinau", "Balti"),
    _c("MNG", "Mongolia", "Mongolian", "Mongolians", "Ulaanbaatar", "Erdenet"),
    _c("MAR", "Morocco", "Moroccan", "Moroccans", "Rabat", "Casablanca", "Fez"),
    _c("MOZ", "Mozambique", "Mozambican", "Mozambicans", "Maputo", "Beira"),
    _c("MMR", "Myanmar", "Burmese", "Burmese", "Naypyitaw", "Yangon", "Mandalay"),
    _c("NPL", "Nepal", "Nepali", "Nepalis", "Kathmandu", "Pokhara"),
    _c("NZL", "New Zealand", "New Zealand", "New Zealanders", "Wellington", "Auckland"),
    _c("NIC", "Nicaragua", "Nicaraguan", "Nicaraguans", "Managua", "Masaya"),
    _c("NER", "Niger", "Nigerien", "Nigeriens", "Niamey", "Zinder", "Agadez"),
    _c("NGA", "Nigeria", "Nigerian", "Nigerians", "Abuja", "Lagos", "Kano"),
    _c("NOR", "Norway", "Norwegian", "Norwegians", "Oslo", "Bergen"),
    _c("PAK", "Pakistan", "Pakistani", "Pakistanis", "Islamabad", "Karachi", "Lahore"),
    _c("PAN", "Panama", "Panamanian", "Panamanians", "Panama City"),
    _c("PRY", "Paraguay", "Paraguayan", "Paraguayans", "Asuncion", "Ciudad del Este"),
    _c("PER", "Peru", "Peruvian", "Peruvians", "Lima", "Arequipa", "Cusco"),
    _c("POL", "Poland", "Polish", "Poles", "Warsaw", "Krakow", "Gdansk"),
    _c("PRT", "Portugal", "Portuguese", "Portuguese", "Lisbon", "Porto"),
    _c("QAT", "Qatar", "Qatari", "Qataris", "Doha", "Al Wakrah"),
    _c("ROU", "Romania", "Romanian", "Romanians", "Bucharest", "Cluj"),
    _c("RWA", "Rwanda", "Rwandan", "Rwandans", "Kigali", "Butare"),
    _c("SAU", "Saudi Arabia", "Saudi", "Saudis", "Riyadh", "Jeddah"),
    _c("SEN", "Senegal", "Senegalese", "Senegalese", "Dakar", "Thies"),
    _c("SRB", "Serbia", "Serbian", "Serbs", "Belgrade", "Novi Sad", "Nis"),
    _c("SLE", "Sierra Leone", "Sierra Leonean", "Sierra Leoneans", "Freetown", "Kenema"),
    _c("SVK", "Slovakia", "Slovak", "Slovaks", "Bratislava", "Kosice"),
    _c("SOM", "Somalia", "Somali", "Somalis", "Mogadishu", "Kismayo", "Baidoa"),
    _c("ZAF", "South Africa", "South African", "South Africans", "Pretoria", "Johannesburg", "Durban"),
    _c("KOR", "South Korea", "South Korean", "South Koreans", "Seoul", "Busan"),
    _c("SSD", "South Sudan", "South Sudanese", "South Sudanese", "Juba", "Malakal"),
    _c("ESP", "Spain", "Spanish", "Spaniards", "Madrid", "Barcelona", "Seville"),
    _c("LKA", "Sri Lanka", "Sri Lankan", "Sri Lankans", "Colombo", "Kandy", "Jaffna"),
    _c("SDN", "Sudan", "Sudanese", "Sudanese", "Khartoum", "Omdurman", "Port Sudan"),
    _c("SWE", "Sweden", "Swedish", "Swedes", "Stockholm", "Gothenburg"),
    _c("CHE", "Switzerland", "Swiss", "Swiss", "Bern", "Geneva", "Zurich"),
    _c("SYR", "Syria", "Syrian", "Syrians", "Damascus", "Aleppo", "Homs"),
    _c("TJK", "Tajikistan", "Tajik", "Tajiks", "Dushanbe", "Khujand"),
    _c("TZA", "Tanzania", "Tanzanian", "Tanzanians", "Dodoma", "Dar es Salaam"),
    _c("THA", "Thailand", "Thai", "Thais", "Bangkok", "Chiang Mai"),
    _c("TGO", "Togo", "Togolese", "Togolese", "Lome", "Sokode"),
    _c("TUN", "Tunisia", "Tunisian", "Tunisians", "Tunis", "Sfax"),
    _c("TUR", "Turkey", "Turkish", "Turks", "Ankara", "Istanbul", "Izmir"),
    _c("UGA", "Uganda", "Ugandan", "Ugandans", "Kampala", "Gulu"),
    _c("UKR", "Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kharkiv", "Odesa"),
    _c("URY", "Uruguay", "Uruguayan", "Uruguayans", "Montevideo", "Salto"),
    _c("UZB", "Uzbekistan", "Uzbek", "Uzbeks", "Tashkent", "Samarkand"),
    _c("VEN", "Venezuela", "Venezuelan", "Venezuelans", "Caracas", "Maracaibo"),
    _c("VNM", "Vietnam", "Vietnamese", "Vietnamese", "Hanoi", "Ho Chi Minh City"),
    _c("YEM", "Yemen", "Yemeni", "Yemenis", "Sanaa", "Aden", "Hodeidah"),
    _c("ZMB", "Zambia", "Zambian", "Zambians", "Lusaka", "Ndola"),
    _c("ZWE", "Zimbabwe", "Zimbabwean", "Zimbabweans", "Harare", "Bulawayo"),
)
# Sentences about these are too specific (great powers, the Israeli-Palestinian conflict, cross-strait
# relations) to be moved to another country; they are neither swapped out nor swapped in.
NOT_SWAPPED = frozenset({"USA", "RUS", "CHN", "ISR", "PSE", "GBR", "TWN", "HKG", "PRK", "UKR", "IRN"})

# Capitalised words that do not tie a sentence to one country.
GENERIC_CAPS = frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    President Prime Minister Ministry Foreign Affairs Interior Defence Justice Finance Health Education
    Parliament Senate Congress Assembly National Supreme Court Constitutional High Army Navy Air Force
    Forces Police Guard Republican Presidential Palace Central Bank Electoral Commission Council Security
    General Secretary Chief Attorney Office State Department Committee Independence Day Christmas Eid
    Ramadan Muslim Muslims Christian Christians Catholic Shiite Sunni Koran Prophet Western West European
    African Arab Union Human Rights Watch Amnesty International Red Cross Reporters Without Borders UN EU
    AU NATO ECOWAS IMF ICC Europe Africa Asia Mr Ms Dr I Monday's Friday's Sunday's Saturday's
    """.split()
)
# After a country name these nouns make the name an attribute ("Kosovo police"), so the target's
# adjective is used instead of its name ("Kenyan police").
ATTRIBUTIVE_NOUNS = frozenset(
    """
    military army police government junta troops forces authorities officials security border navy
    air soldiers parliament court courts president embassy consulate delegation riot opposition
    """.split()
)
NONSTATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
VOWEL_SOUND = re.compile(r"^(?:A|E(?!u)|I|O|U(?!g|k|r))")
NUMBER = re.compile(r"(?<![\w,.$-])([3-9]|[1-9]\d{1,2})(?![\w,%-]|\.\d)")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Form:
    country: Country
    role: str  # name | adjective | people | capital | city0, city1 ...


def _forms() -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for c in COUNTRIES:
        for role, text in (("name", c.name), ("adjective", c.adjective), ("people", c.people), ("capital", c.capital)):
            forms.setdefault(text, Form(c, role))
        for i, city in enumerate(c.cities):
            forms.setdefault(city, Form(c, f"city{i}"))
    return forms


FORMS = _forms()
# Swaps stay inside a region, so regional bodies, seasons and neighbours in a sentence still make sense.
REGIONS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "BEN BFA CIV GHA LBR MLI NER NGA SEN SLE TGO CMR TCD GAB",
        "BDI COD ERI ETH KEN MWI MOZ RWA SOM SSD SDN TZA UGA ZMB ZWE AGO ZAF MDG",
        "DZA EGY IRQ JOR LBN LBY MAR SAU SYR TUN YEM BHR QAT",
        "ALB AUT BGR BLR HRV DNK EST FIN FRA DEU GRC HUN IRL ITA KOS LVA LTU MDA NOR POL PRT ROU SRB SVK "
        "ESP SWE CHE TUR GEO ARM AZE CAN AUS NZL",
        "ARG BOL BRA CHL COL CUB ECU SLV GUY HTI HND MEX NIC PAN PRY PER URY VEN",
        "AFG BGD IND NPL PAK LKA KAZ KGZ TJK UZB MNG",
        "KHM IDN JPN MYS MMR KOR THA VNM",
    )
)
REGION_OF = {code: region for region in REGIONS for code in region}
LANDLOCKED = frozenset(
    "AFG ARM AUT AZE BLR BOL BFA BDI TCD ETH HUN KAZ KOS KGZ MWI MLI MDA MNG NPL NER PRY RWA SRB SVK SSD CHE "
    "TJK UGA UZB ZMB ZWE".split()
)
NAVAL = re.compile(
    r"\b(?:nav(?:y|al)|warships?|submarines?|coast guard|frigates?|destroyers?|vessels?|ships?|"
    r"boats?|ports?|sea|maritime|waters|shoal|islands?)\b",
    re.IGNORECASE,
)
# Background facts (geography, institutions) would become false statements in another country.
FACT_SOURCES = frozenset({"neg_entertainment_background", "neg_news_misc"})
# A year ties a sentence to a real past event, which must not be moved to another country.
YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d(?:s)?\b")
# Longest first, so "South Sudan", "Mexico City" and "Port Sudan" win over "Sudan" and "Mexico"; "Niger"
# followed by Delta/river is the river, not the country.
FORM_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f in sorted(FORMS, key=len, reverse=True)) + r")\b"
    r"(?! Delta| [Rr]iver|-)"
)


def _render(country: Country, role: str) -> str:
    if role.startswith("city"):
        i = int(role[4:])
        return country.cities[i] if i < len(country.cities) else country.capital
    return str(getattr(country, role))


def _load_handwritten() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    files = [*sorted(HERE.glob("conflict_*.jsonl")), HERE / "negatives_conflict.jsonl"]
    for path in files:
        if path.name == OUT_NAME:
            continue
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


class Swapper:
    """Rewrites one sentence and its events for a mapping of source country -> target country."""

    def __init__(self, mapping: dict[str, Country], numbers: dict[str, str]) -> None:
        self.mapping = mapping
        self.numbers = numbers

    def text(self, s: str) -> str:
        pieces: list[str] = []
        pos = 0
        for m in FORM_RE.finditer(s):
            form = FORMS[m.group(0)]
            role = form.role
            following = WORD.match(s, m.end() + 1)
            if role == "name" and following and following.group(0) in ATTRIBUTIVE_NOUNS:
                role = "adjective"
            new = _render(self.mapping[form.country.code], role)
            pieces.append(_fix_article(s[pos : m.start()], new))
            pieces.append(new)
            pos = m.end()
        pieces.append(s[pos:])
        out = "".join(pieces)
        return NUMBER.sub(lambda m: self.numbers.get(m.group(1), m.group(1)), out)

    def code(self, code: str | None) -> str | None:
        if code in self.mapping:
            return self.mapping[code].code
        return code


def _fix_article(before: str, word: str) -> str:
    """Make an "a"/"an" that ends ``before`` agree with the swapped-in ``word``."""

    def fix(m: re.Match[str]) -> str:
        new = "an" if VOWEL_SOUND.match(word) else "a"
        return (new.capitalize() if m.group(1)[0].isupper() else new) + " "

    return re.sub(r"\b([Aa]n?) $", fix, before)


def _mentioned_codes(text: str) -> set[str]:
    return {FORMS[m.group(0)].country.code for m in FORM_RE.finditer(text)}


def _event_codes(row: dict[str, Any]) -> set[str]:
    codes = set()
    for ev in row["events"]:
        for key in ("actor_code", "recipient_code"):
            code = ev.get(key)
            if code and code not in NONSTATE_CODES:
                codes.add(code)
    return codes


def _eligible(row: dict[str, Any], vocabulary: set[str]) -> set[str] | None:
    """The country codes to swap, or None when the sentence must not be augmented."""
    text = row["text"]
    if row["src"] in FACT_SOURCES:
        return None
    mentioned = _mentioned_codes(text)
    if not mentioned or mentioned & NOT_SWAPPED or not _event_codes(row) <= mentioned:
        return None
    if YEAR.search(text):
        return None
    stripped = FORM_RE.sub(" ", text)
    words = WORD.findall(stripped)
    for i, word in enumerate(words):
        if not word[0].isupper() or word.removesuffix("'s") in GENERIC_CAPS:
            continue
        first = text.startswith(word) and i == 0
        if first and word.lower() in vocabulary:
            continue
        return None
    return mentioned


def _variant(row: dict[str, Any], codes: set[str], k: int) -> dict[str, Any] | None:
    seed = int(hashlib.sha256(f"{k}:{row['text']}".encode()).hexdigest(), 16)
    rng = random.Random(seed)
    mapping: dict[str, Country] = {}
    naval = bool(NAVAL.search(row["text"]))
    for src in sorted(codes):
        used = codes | {c.code for c in mapping.values()}
        pool = [
            c
            for c in COUNTRIES
            if c.code in REGION_OF[src] and c.code not in used and not (naval and c.code in LANDLOCKED)
        ]
        if not pool:
            return None
        mapping[src] = rng.choice(pool)
    numbers = {}
    for n in NUMBER.findall(row["text"]):
        value = int(n)
        numbers[n] = str(max(3, rng.randint(max(3, value // 2), value * 2 + 3)))
    sw = Swapper(mapping, numbers)
    text = sw.text(row["text"])
    events = []
    for ev in row["events"]:
        new = dict(ev)
        for key in ("trigger", "actor", "recipient"):
            if ev[key] is not None:
                new[key] = sw.text(ev[key])
                if new[key] not in text:
                    return None
        new["actor_code"] = sw.code(ev["actor_code"])
        new["recipient_code"] = sw.code(ev["recipient_code"])
        events.append(new)
    if text == row["text"]:
        return None
    return {"text": text, "events": events, "src": "augmented"}


def _types(row: dict[str, Any]) -> set[str]:
    return {ev["type"] for ev in row["events"]}


def _has_aux(row: dict[str, Any], typ: str) -> bool:
    return any(ev["type"] == typ and ev["aux"] for ev in row["events"])


def augment(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    vocabulary = {w for r in rows for w in WORD.findall(r["text"]) if w.islower()}
    seen = {r["text"] for r in rows}
    candidates: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        codes = _eligible(row, vocabulary)
        if codes is None:
            continue
        for k in range(VARIANTS_PER_LINE):
            new = _variant(row, codes, k)
            if new is not None and new["text"] not in seen:
                seen.add(new["text"])
                candidates.append((row["text"], new))
    # A stable but shuffled order, so that one source sentence's variants are not taken together.
    candidates.sort(key=lambda pair: hashlib.sha256(pair[1]["text"].encode()).hexdigest())

    hand_counts = Counter(t for r in rows for t in _types(r))
    counts = Counter(hand_counts)
    negatives = sum(1 for r in rows if not r["events"])
    budget = int(MAX_AUGMENTED_SHARE * len(rows) / (1 - MAX_AUGMENTED_SHARE))
    chosen: list[dict[str, Any]] = []
    taken: set[int] = set()
    added_aux: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    # First pass: lines with an auxiliary mode, up to AUX_SHARE of each type's planned augmented lines.
    for aux_pass in (True, False):
        for i, (source, row) in enumerate(candidates):
            if i in taken or len(chosen) >= budget or per_source[source] >= CHOSEN_PER_LINE:
                continue
            types = _types(row)
            if types:
                wanted = [t for t in types if t in CONFLICT_TYPES and counts[t] < TARGET_PER_TYPE]
                if aux_pass:
                    wanted = [
                        t
                        for t in wanted
                        if _has_aux(row, t) and added_aux[t] < AUX_SHARE * (TARGET_PER_TYPE - hand_counts[t])
                    ]
                if not wanted:
                    continue
                for t in types:
                    counts[t] += 1
                    added_aux[t] += _has_aux(row, t)
            elif aux_pass or negatives >= TARGET_NEGATIVES:
                continue
            else:
                negatives += 1
            taken.add(i)
            per_source[source] += 1
            chosen.append(row)
    return chosen


def stats(rows: list[dict[str, Any]]) -> str:
    lines = ["| type | sentences | hand-written | augmented | with aux mode |", "|---|---|---|---|---|"]
    for typ in (*CONFLICT_TYPES, None):
        sel = [r for r in rows if (typ in _types(r) if typ else not r["events"])]
        hand = sum(1 for r in sel if r["src"] != "augmented")
        aux = sum(1 for r in sel if typ and _has_aux(r, typ))
        aux_cell = f"{aux} ({aux / max(len(sel), 1):.0%})" if typ else "-"
        lines.append(f"| {typ or 'none (hard negatives)'} | {len(sel)} | {hand} | {len(sel) - hand} | {aux_cell} |")
    hand_total = sum(1 for r in rows if r["src"] != "augmented")
    lines.append("")
    lines.append(
        f"Lines: {len(rows)}; hand-written {hand_total} ({hand_total / len(rows):.0%}), "
        f"augmented {len(rows) - hand_total} ({(len(rows) - hand_total) / len(rows):.0%})."
    )
    codes = {ev[k] for r in rows for ev in r["events"] for k in ("actor_code", "recipient_code") if ev[k]}
    lines.append(f"Distinct actor/recipient codes: {len(codes - NONSTATE_CODES)} countries and territories.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stats", action="store_true", help="print counts instead of writing the file")
    args = parser.parse_args()
    hand = _load_handwritten()
    if args.stats:
        aug_path = HERE / OUT_NAME
        with aug_path.open(encoding="utf-8") as fh:
            aug = [json.loads(line) for line in fh if line.strip()]
        print(stats(hand + aug))
        return
    rows = augment(hand)
    with (HERE / OUT_NAME).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} augmented lines to {OUT_NAME}")


if __name__ == "__main__":
    main()
