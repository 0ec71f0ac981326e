"""analysis stage: STUB, filled by its issue."""
