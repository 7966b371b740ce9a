"""Deduplication: per-article events grouped into canonical events."""

from eventwire.dedup.canonical import update_canonical

__all__ = ["update_canonical"]
