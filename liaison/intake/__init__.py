"""Intake: from an article to reviewed rows saved in the dataset, with venues placed on the map.

One flow (`add.add_from_article`) serves both the Add meetings page and `python -m liaison
ingest`: extract, draft rows, flag what is already recorded, save with the article under the
same lock and change-log entry. A promoted GDELT candidate (`promotion.py`) enters by the
same review, as a draft pre-filled from its events, citing each of its articles.
"""
