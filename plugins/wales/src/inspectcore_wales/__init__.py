"""The inspectcore jurisdiction extension `wales` (work in progress)."""
