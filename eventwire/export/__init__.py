"""Exporters for stored events: plover JSONL, CSV, Parquet, GeoJSON and ACLED-style CSV."""

from eventwire.export.renderers import RENDERERS, Renderer

__all__ = ["RENDERERS", "Renderer"]
