"""Deterministic country-swap augmentation of the hand-written cooperative-event sentences.

Reads every hand-written line in ``training/events/coop_*.jsonl`` (never ``coop_augmented.jsonl``) and writes
``coop_augmented.jsonl``: copies of sentences in which every mention of a country (name, adjective, capital) is
replaced consistently by another country, with the actor/recipient codes moved along. Only sentences whose
remaining capitalised words are all known (countries, capitals, a few organisations and titles) are used, so
that no person, armed group or city tied to the original country survives the swap and makes the label wrong.

Run from the repository root: ``python training/events/augment_coop.py``. The output is the same on every run.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "coop_augmented.jsonl"
COOP_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST")
TARGET_PER_TYPE = 365
MAX_VARIANTS_PER_SOURCE = 2
SEED = "eventwire-coop-augment-v1"

# code: (name, adjective, capital). Countries whose names need an article ("the Philippines") or collide with
# other names ("Niger" in "Niger Delta", "Guinea" in "Papua New Guinea") are left out on purpose.
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "KEN": ("Kenya", "Kenyan", "Nairobi"),
    "ETH": ("Ethiopia", "Ethiopian", "Addis Ababa"),
    "SOM": ("Somalia", "Somali", "Mogadishu"),
    "SDN": ("Sudan", "Sudanese", "Khartoum"),
    "SSD": ("South Sudan", "South Sudanese", "Juba"),
    "UGA": ("Uganda", "Ugandan", "Kampala"),
    "TZA": ("Tanzania", "Tanzanian", "Dodoma"),
    "RWA": ("Rwanda", "Rwandan", "Kigali"),
    "BDI": ("Burundi", "Burundian", "Bujumbura"),
    "NGA": ("Nigeria", "Nigerian", "Abuja"),
    "GHA": ("Ghana", "Ghanaian", "Accra"),
    "SEN": ("Senegal", "Senegalese", "Dakar"),
    "MLI": ("Mali", "Malian", "Bamako"),
    "TCD": ("Chad", "Chadian", "N'Djamena"),
    "CMR": ("Cameroon", "Cameroonian", "Yaounde"),
    "ZMB": ("Zambia", "Zambian", "Lusaka"),
    "ZWE": ("Zimbabwe", "Zimbabwean", "Harare"),
    "MWI": ("Malawi", "Malawian", "Lilongwe"),
    "MOZ": ("Mozambique", "Mozambican", "Maputo"),
    "AGO": ("Angola", "Angolan", "Luanda"),
    "NAM": ("Namibia", "Namibian", "Windhoek"),
    "ZAF": ("South Africa", "South African", "Pretoria"),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
    "LBY": ("Libya", "Libyan", "Tripoli"),
    "TUN": ("Tunisia", "Tunisian", "Tunis"),
    "DZA": ("Algeria", "Algerian", "Algiers"),
    "MAR": ("Morocco", "Moroccan", "Rabat"),
    "LBN": ("Lebanon", "Lebanese", "Beirut"),
    "JOR": ("Jordan", "Jordanian", "Amman"),
    "IRQ": ("Iraq", "Iraqi", "Baghdad"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "SAU": ("Saudi Arabia", "Saudi", "Riyadh"),
    "QAT": ("Qatar", "Qatari", "Doha"),
    "KWT": ("Kuwait", "Kuwaiti", "Kuwait City"),
    "OMN": ("Oman", "Omani", "Muscat"),
    "TUR": ("Turkey", "Turkish", "Ankara"),
    "GBR": ("Britain", "British", "London"),
    "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Berlin"),
    "ITA": ("Italy", "Italian", "Rome"),
    "ESP": ("Spain", "Spanish", "Madrid"),
    "PRT": ("Portugal", "Portuguese", "Lisbon"),
    "BEL": ("Belgium", "Belgian", "Brussels"),
    "POL": ("Poland", "Polish", "Warsaw"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv"),
    "RUS": ("Russia", "Russian", "Moscow"),
    "HUN": ("Hungary", "Hungarian", "Budapest"),
    "ROU": ("Romania", "Romanian", "Bucharest"),
    "SRB": ("Serbia", "Serbian", "Belgrade"),
    "HRV": ("Croatia", "Croatian", "Zagreb"),
    "GRC": ("Greece", "Greek", "Athens"),
    "SWE": ("Sweden", "Swedish", "Stockholm"),
    "NOR": ("Norway", "Norwegian", "Oslo"),
    "FIN": ("Finland", "Finnish", "Helsinki"),
    "DNK": ("Denmark", "Danish", "Copenhagen"),
    "AUT": ("Austria", "Austrian", "Vienna"),
    "IRL": ("Ireland", "Irish", "Dublin"),
    "ARM": ("Armenia", "Armenian", "Yerevan"),
    "AZE": ("Azerbaijan", "Azerbaijani", "Baku"),
    "GEO": ("Georgia", "Georgian", "Tbilisi"),
    "CHN": ("China", "Chinese", "Beijing"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "KOR": ("South Korea", "South Korean", "Seoul"),
    "IND": ("India", "Indian", "New Delhi"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"),
    "AFG": ("Afghanistan", "Afghan", "Kabul"),
    "BGD": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "LKA": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "NPL": ("Nepal", "Nepalese", "Kathmandu"),
    "THA": ("Thailand", "Thai", "Bangkok"),
    "VNM": ("Vietnam", "Vietnamese", "Hanoi"),
    "KHM": ("Cambodia", "Cambodian", "Phnom Penh"),
    "MYS": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "IDN": ("Indonesia", "Indonesian", "Jakarta"),
    "KAZ": ("Kazakhstan", "Kazakh", "Astana"),
    "UZB": ("Uzbekistan", "Uzbek", "Tashkent"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz", "Bishkek"),
    "TJK": ("Tajikistan", "Tajik", "Dushanbe"),
    "MNG": ("Mongolia", "Mongolian", "Ulaanbaatar"),
    "AUS": ("Australia", "Australian", "Canberra"),
    "NZL": ("New Zealand", "New Zealand", "Wellington"),
    "CAN": ("Canada", "Canadian", "Ottawa"),
    "MEX": ("Mexico", "Mexican", "Mexico City"),
    "GTM": ("Guatemala", "Guatemalan", "Guatemala City"),
    "HND": ("Honduras", "Honduran", "Tegucigalpa"),
    "NIC": ("Nicaragua", "Nicaraguan", "Managua"),
    "CRI": ("Costa Rica", "Costa Rican", "San Jose"),
    "PAN": ("Panama", "Panamanian", "Panama City"),
    "CUB": ("Cuba", "Cuban", "Havana"),
    "HTI": ("Haiti", "Haitian", "Port-au-Prince"),
    "COL": ("Colombia", "Colombian", "Bogota"),
    "VEN": ("Venezuela", "Venezuelan", "Caracas"),
    "ECU": ("Ecuador", "Ecuadorian", "Quito"),
    "PER": ("Peru", "Peruvian", "Lima"),
    "BOL": ("Bolivia", "Bolivian", "La Paz"),
    "BRA": ("Brazil", "Brazilian", "Brasilia"),
    "CHL": ("Chile", "Chilean", "Santiago"),
    "ARG": ("Argentina", "Argentine", "Buenos Aires"),
    "PRY": ("Paraguay", "Paraguayan", "Asuncion"),
    "URY": ("Uruguay", "Uruguayan", "Montevideo"),
}

# Capitalised words that may stay in a swapped sentence: organisations and titles not tied to one country.
ALLOWED_PHRASES = (
    "United Nations",
    "UN",
    "U.N.",
    "Security Council",
    "General Assembly",
    "European Union",
    "EU",
    "European Commission",
    "African Union",
    "AU",
    "World Bank",
    "International Monetary Fund",
    "IMF",
    "World Food Programme",
    "WFP",
    "World Health Organization",
    "WHO",
    "Red Cross",
    "Red Crescent",
    "NATO",
    "Arab League",
    "Human Rights Watch",
    "Amnesty International",
    "UNICEF",
    "International Committee",
    "Asian Development Bank",
    "African Development Bank",
    "Paris Club",
    "Doctors Without Borders",
    "Norwegian Refugee Council",
    "International Atomic Energy Agency",
    "IAEA",
    "Interpol",
    "Europol",
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Minister",
    "Senate",
    "Parliament",
    "Congress",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Ramadan",
    "Eid",
    "Christmas",
    "Easter",
)
# Country names embedded in the names of seas, oceans and firms, which must not be swapped.
BLOCKED_PHRASES = (
    "Indian Ocean",
    "South China Sea",
    "Sea of Japan",
    "Gulf of Oman",
    "Turkish Airlines",
    "Turkish Cypriot",
    "Greek Cypriot",
    "Irish Sea",
    "British Columbia",
    "Persian Gulf",
    "Arabian Sea",
    "Gulf of Finland",
)
U_AS_YOU = ("Ugandan", "Uganda", "Uruguayan", "Uruguay", "Ukrainian", "Ukraine")

# Countries whose name and adjective are the same word: fine as a swap target, ambiguous as a source.
TARGET_ONLY = {"NZL"}

FORM_TO_CODE: dict[str, tuple[str, int]] = {}
for _code, _forms in COUNTRIES.items():
    for _i, _form in enumerate(_forms):
        FORM_TO_CODE.setdefault(_form, (_code, _i))
FORMS_RE = re.compile(
    r"\b(?:(?P<art>[Aa]n?) )?(?P<form>"
    + "|".join(re.escape(f) for f in sorted(FORM_TO_CODE, key=len, reverse=True))
    + r")(?![\w-])"
)
ALLOWED_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(ALLOWED_PHRASES, key=len, reverse=True)) + r")(?![\w-])"
)
CAPITALISED_RE = re.compile(r"\b[A-Z][\w'.-]*")
ENTITY_FIELDS = (("actor", "actor_code"), ("recipient", "recipient_code"), ("actor2", "actor2_code"))


def article_for(word: str, original: str) -> str:
    """'a' or 'an' before ``word``, keeping the capitalisation of the original article."""
    vowel = word[0] in "AEIO" or (word[0] == "U" and not word.startswith(U_AS_YOU))
    art = "an" if vowel else "a"
    return art.capitalize() if original[0].isupper() else art


def swap(text: str, mapping: dict[str, str]) -> str:
    """Replace every country form in ``text`` by the same form of the mapped country."""

    def repl(m: re.Match[str]) -> str:
        code, idx = FORM_TO_CODE[m.group("form")]
        new = COUNTRIES[mapping[code]][idx] if code in mapping else m.group("form")
        art = m.group("art")
        return f"{article_for(new, art)} {new}" if art else new

    return FORMS_RE.sub(repl, text)


def countries_in(text: str) -> list[str]:
    return sorted({FORM_TO_CODE[m.group("form")][0] for m in FORMS_RE.finditer(text)})


def swappable(text: str) -> bool:
    """True when every capitalised word but the sentence's first is a country form or an allowed phrase."""
    present = countries_in(text)
    if any(p in text for p in BLOCKED_PHRASES) or not present or TARGET_ONLY & set(present):
        return False

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    # Blank out known words without moving the others, so that only the word at offset 0 counts as "first".
    rest = ALLOWED_RE.sub(blank, FORMS_RE.sub(blank, text))
    return all(m.start() == 0 for m in CAPITALISED_RE.finditer(rest))


def variant(rec: dict[str, Any], rng: random.Random, taken: set[str]) -> dict[str, Any] | None:
    """One country-swapped copy of ``rec`` (None when no clean swap is possible)."""
    present = countries_in(rec["text"])
    pool = sorted(set(COUNTRIES) - set(present))
    targets = rng.sample(pool, len(present))
    mapping = dict(zip(present, targets, strict=True))
    text = swap(rec["text"], mapping)
    if text in taken:
        return None
    events = []
    for ev in rec["events"]:
        new = dict(ev)
        new["trigger"] = swap(ev["trigger"], mapping)
        for field, code_field in ENTITY_FIELDS:
            if new.get(field):
                new[field] = swap(ev[field], mapping)
            if new.get(code_field) in mapping:
                new[code_field] = mapping[new[code_field]]
        for field in ("trigger", "actor", "recipient", "actor2"):
            if new.get(field) and new[field] not in text:
                return None
        events.append(new)
    return {"text": text, "events": events, "src": "augmented"}


def load_handwritten() -> list[dict[str, Any]]:
    records = []
    for path in sorted(HERE.glob("coop_*.jsonl")):
        if path == OUT:
            continue
        with path.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


def augment(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Country-swapped copies of ``records`` until every cooperative type has TARGET_PER_TYPE sentences."""
    taken = {r["text"] for r in records}
    counts: Counter[str] = Counter()
    for rec in records:
        counts.update({e["type"] for e in rec["events"]})
    # A stable, content-based order, so adding a sentence elsewhere does not reshuffle everything.
    candidates = sorted(
        (r for r in records if r["events"] and swappable(r["text"])),
        key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest(),
    )
    out: list[dict[str, Any]] = []
    for round_no in range(MAX_VARIANTS_PER_SOURCE):
        for rec in candidates:
            types = {e["type"] for e in rec["events"]} & set(COOP_TYPES)
            if not any(counts[t] < TARGET_PER_TYPE for t in types):
                continue
            rng = random.Random(f"{SEED}|{round_no}|{rec['text']}")
            new = variant(rec, rng, taken)
            if new is None:
                continue
            taken.add(new["text"])
            out.append(new)
            counts.update({e["type"] for e in new["events"]})
    return out


def main() -> None:
    out = augment(load_handwritten())
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts = Counter(t for rec in load_handwritten() + out for t in {e["type"] for e in rec["events"]})
    print(f"{len(out)} augmented sentences")
    for t in COOP_TYPES:
        print(f"  {t:10} {counts[t]}")


if __name__ == "__main__":
    main()
