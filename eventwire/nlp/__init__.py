"""The spaCy layer: one model per process, long texts parsed in chunks, language detection."""
