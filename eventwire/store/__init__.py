"""The database: `Store.from_url(url)` over SQLite (embedded default) or PostgreSQL."""

from eventwire.store.store import Store, default_url, normalise_url

__all__ = ["Store", "default_url", "normalise_url"]
