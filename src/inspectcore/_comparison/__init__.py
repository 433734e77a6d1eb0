"""Comparing editions: the structural diff, crosswalk checks and coverage, and carrying
cases across through equivalent pairs.
"""
