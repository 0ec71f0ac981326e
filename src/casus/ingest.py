"""ingest stage: STUB, filled by its issue."""
