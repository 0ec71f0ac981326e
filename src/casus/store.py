"""store stage: STUB, filled by its issue."""
