"""Figures: aggregated frames in, plotly or pydeck figures out, with the sentences that describe them.

Pure builders with no I/O beyond the shipped world geometry; `catalogue` names the figures
that pages, the command line and briefing packs share.
"""
