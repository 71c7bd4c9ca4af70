"""The view: what the analyst is looking at (`Filters`, periods) and the aggregates behind each page.

Pure pandas over a `Dataset`: the same frames feed the pages, the command line and the
briefing pack, so a number on screen is the number in every export.
"""
