"""Reading edition, extension and crosswalk data: the TOML shapes, building the model
from them, parsing conditions, and the lint that checks every rule.
"""
