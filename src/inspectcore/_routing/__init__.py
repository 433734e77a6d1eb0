"""Which questions apply to a case: each question's gates decided once (decide) under a
reading of the case, by the closed-world router (a case as it stands) or the prospect
(part-answered cases), with one three-valued condition evaluator; a case routed once for
every step (routed); exclusions and timeliness.
"""
