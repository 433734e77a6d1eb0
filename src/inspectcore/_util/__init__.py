"""Small helpers with no knowledge of editions or cases: atomic file writes, TOML,
escaping text for a terminal, and the data folders plugins ship.
"""
