"""CAMEO <-> PLOVER crosswalk, read from data/cameo.tsv (derived from OEDA's CAMEO2PLOVER-2021).

Forward, `cameo_to_plover(code)`: the row for the code, else for its nearest listed parent
("1834" -> "183"), as the manual advises reducing unknown 3- and 4-digit codes to their cue category.
CAMEO 01 and 02 have no PLOVER equivalent and give None.

Reverse, `best_cameo(event_type, modes, contexts)`: among the rows of that type,
  1. a row with modes is eligible only if the event has one of its `modes` or `also_for` modes;
  2. an eligible row must share a mode or a context with the event, otherwise the type's root code
     (`pick` = root, e.g. 180 for ASSAULT) is returned;
  3. the best row has, in order: a mode match; more shared contexts; fewer contexts the event lacks;
     `pick` = preferred; the shorter code (a parent over its children when they tie); the lower code.
So ASSAULT+aerial gives 195, PROTEST+demo 141, PROTEST+demo+executive 1411, COERCE+arrest 173.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from eventwire.ontology.plover import normalize_event_type, read_data

_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True, slots=True)
class CameoEntry:
    code: str
    event_type: str
    modes: tuple[str, ...]
    contexts: tuple[str, ...]
    description: str
    also_for: tuple[str, ...] = ()
    pick: str = ""
    note: str = ""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoEntry]:
    """Every listed CAMEO code (2-4 digits) and its PLOVER coding."""
    lines = [line for line in read_data("cameo.tsv").splitlines() if line and not line.startswith("#")]
    table: dict[str, CameoEntry] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE):
        table[row["code"]] = CameoEntry(
            code=row["code"],
            event_type=row["event_type"],
            modes=_split(row["modes"]),
            contexts=_split(row["contexts"]),
            description=row["description"],
            also_for=_split(row["also_for"]),
            pick=row["pick"],
            note=row["note"],
        )
    return table


def cameo_to_plover(code: str) -> CameoEntry | None:
    """PLOVER type, modes and contexts for a CAMEO code; None for codes with no PLOVER equivalent.

    Raises ValueError if `code` is not 2 to 4 digits.
    """
    code = code.strip()
    if not _CODE.match(code):
        raise ValueError(f"{code!r} is not a CAMEO event code (2 to 4 digits)")
    table = cameo_table()
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


@lru_cache(maxsize=1)
def _rows_by_type() -> dict[str, tuple[CameoEntry, ...]]:
    by_type: dict[str, list[CameoEntry]] = {}
    for entry in cameo_table().values():
        by_type.setdefault(entry.event_type, []).append(entry)
    return {etype: tuple(rows) for etype, rows in by_type.items()}


def best_cameo(event_type: str, modes: Iterable[str] = (), contexts: Iterable[str] = ()) -> str | None:
    """The CAMEO code that best fits a PLOVER event (rule in the module docstring); None for an unknown type."""
    etype = normalize_event_type(event_type)
    if etype is None:
        return None
    mode_set, context_set = set(modes), set(contexts)
    rows = _rows_by_type()[etype]
    best: tuple[tuple[int, int, int, int, int, int], str] | None = None
    for row in rows:
        mode_hit = not mode_set.isdisjoint(row.modes + row.also_for)
        if row.modes and not mode_hit:
            continue
        shared = len(context_set.intersection(row.contexts))
        if not mode_hit and not shared:
            continue
        missing = len(row.contexts) - shared
        rank = (int(mode_hit), shared, -missing, int(row.pick == "preferred"), -len(row.code), -int(row.code))
        if best is None or rank > best[0]:
            best = (rank, row.code)
    if best is not None:
        return best[1]
    return next(row.code for row in rows if row.pick == "root")
