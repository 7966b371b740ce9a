"""JSON Schemas (draft 2020-12) of the contract's output: `article` (ArticleResult) and `event` (Event).

The files live beside this module. `article.schema.json` refers to `event.schema.json` for events and
places; `load_schema("article")` returns it bundled, with the event schema embedded under `$defs`, so a
validator needs no reference resolver:

    jsonschema.Draft202012Validator(load_schema("article")).validate(result.to_json_dict())
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = ("article", "event")


@cache
def _read(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def load_schema(name: str) -> dict[str, Any]:
    """A fresh copy of the named schema ('article' or 'event'), self-contained; ValueError otherwise."""
    if name not in SCHEMA_NAMES:
        raise ValueError(f"no schema called {name!r}; choose one of {', '.join(SCHEMA_NAMES)}")
    schema = copy.deepcopy(_read(name))
    if name == "article":
        # An embedded resource keeps its own $id, so "event.schema.json" refs resolve to it (2020-12 bundling).
        schema["$defs"]["event"] = copy.deepcopy(_read("event"))
    return schema
