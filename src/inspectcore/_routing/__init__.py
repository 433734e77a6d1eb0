"""Which questions apply to a case: evaluating conditions, the router (closed world, for a
case as it stands) and the prospect (part-answered cases), exclusions and timeliness.
"""
