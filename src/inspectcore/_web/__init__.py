"""(placeholder until wt-web lands)"""
