"""Case files: one child's case as assessed, read and written losslessly, the files of an
inspection found on disk, the lock and keeper that make saving safe, and output-path checks.
"""
