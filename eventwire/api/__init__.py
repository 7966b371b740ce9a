"""The HTTP API and the dashboard's server: a thin shell over `eventwire.store.queries`."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
