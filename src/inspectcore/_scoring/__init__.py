"""Figures and ratings: per question and key question, group figures by a named method,
and ratings by the edition's band rules.
"""
