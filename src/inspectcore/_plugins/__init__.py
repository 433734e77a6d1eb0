"""Plugins: the hook specifications, the plugin manager that isolates failures, and the
registry of installed editions, extensions and crosswalks.
"""
