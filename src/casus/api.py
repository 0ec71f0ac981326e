"""api stage: STUB, filled by its issue."""
