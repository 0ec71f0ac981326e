"""batch stage: STUB, filled by its issue."""
