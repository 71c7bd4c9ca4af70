"""Publishing: images, tables, briefing packs and citations that stand alone outside the dashboard.

Every export carries its caption (view in words, meetings, data version, sources, date), built
here once for the page buttons and the command line alike.
"""
