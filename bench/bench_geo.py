"""Time places extraction against spaCy's parse on news texts; report index build/load and memory.

    python bench/bench_geo.py [--build] [--limit N] [XML ...]

Texts come from the TR-News / GeoVirus XML files given (default: those in ../shared/gold or
$EVENTWIRE_GOLD), else from a short built-in article. The gazetteer is loaded (or, with --build,
built) before timing, so its cost is reported apart from the per-document ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from eventwire.extract.places import common_words, find_places
from eventwire.geo import load_gazetteer
from eventwire.geo.index import build_gazetteer, cache_path
from eventwire.nlp.model import load_model

REPO = Path(__file__).resolve().parents[1]
FALLBACK_TEXT = (
    "CUCUTA, Colombia — Venezuelan troops fired tear gas at volunteers on the Simón Bolívar bridge "
    "between Cúcuta and San Antonio del Táchira on Saturday. In Ureña, two trucks burned. Officials "
    "in Bogotá and Washington condemned the violence, and Brazil closed its border near Pacaraima."
)


def gold_files() -> list[Path]:
    folder = Path(os.environ.get("EVENTWIRE_GOLD") or REPO.parent / "shared" / "gold") / "geoparsing_dev"
    return sorted(folder.glob("*.xml")) if folder.is_dir() else []


def read_texts(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        texts += [t for a in ET.parse(path).getroot().iter("article") if (t := a.findtext("text"))]
    return texts


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml", nargs="*", type=Path, help="TR-News/GeoVirus XML files")
    parser.add_argument("--build", action="store_true", help="also time a fresh index build")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N texts")
    args = parser.parse_args()

    texts = read_texts(args.xml or gold_files()) or [FALLBACK_TEXT] * 20
    if args.limit:
        texts = texts[: args.limit]
    nlp = load_model()
    common_words()
    rss_before = max_rss_mb()
    if args.build:
        started = time.perf_counter()
        build_gazetteer()
        print(f"index build (fresh, from packages): {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load_s = time.perf_counter() - started
    size = cache_path().stat().st_size / 1e6 if cache_path().exists() else 0.0
    print(f"index load: {load_s:.2f} s ({len(gazetteer):,} places, cache file {size:.0f} MB)")
    print(f"peak memory: {max_rss_mb():.0f} MB with model and index ({max_rss_mb() - rss_before:.0f} MB for index)")

    parse_s = places_s = 0.0
    n_places = n_chars = 0
    for text in texts:
        started = time.perf_counter()
        doc = nlp(text)
        parse_s += time.perf_counter() - started
        started = time.perf_counter()
        n_places += len(find_places(doc, gazetteer))
        places_s += time.perf_counter() - started
        n_chars += len(text)
    print(f"{len(texts)} texts, {n_chars / 1e6:.2f} M chars, {n_places} places")
    print(f"spaCy parse: {parse_s:.2f} s; places: {places_s:.3f} s; ratio {100 * places_s / parse_s:.1f} %")


if __name__ == "__main__":
    sys.exit(main())
