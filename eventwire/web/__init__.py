"""The dashboard: sources in `src/`, built by `npm run build` into `static/` (committed)."""
