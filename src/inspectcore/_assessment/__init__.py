"""Assessing a case: validation against its edition, and the recording session behind
``inspectcore assess`` (no terminal in it).
"""
