"""The edition model: questions, sections, groups, facts, answer domains, conditions,
rule records, provenance and multilingual text. Records only; no algorithm lives here, and
nothing here imports another subpackage of inspectcore but ``_util``.
"""
