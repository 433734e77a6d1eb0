"""What people read: the HTML report and its SVG charts, spreadsheet exports, and the text
forms of diffs and crosswalks.
"""
