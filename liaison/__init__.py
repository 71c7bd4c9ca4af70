"""Liaison: who met whom, where, when and on what, in international security cooperation.

The package is the domain: it loads and validates the dataset, filters and
aggregates it, and builds figures. It never imports Streamlit, so every part
of it runs in tests, in the command line and in scheduled jobs alike.
"""

__version__ = "0.1.0"
