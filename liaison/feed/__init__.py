"""The feed: machine-coded events from GDELT 2.0 exports, kept apart from the curated record.

Owns reading raw exports as published (`gdelt.py`), CAMEO codes (`cameo.py`: country codes to
ISO3, event-code selections), the read-only events layer stored as Parquet under the data folder
(`events.py`), the candidate meetings clustered from it (`candidates.py`), what the dashboard
shows of a view's candidates (`aggregates.py`, `charts.py`). Nothing here writes `meetings.csv` or
any other curated table: a candidate becomes a meeting only through review, from the draft that
`liaison.intake.promotion` makes of it; its own export file is `liaison.publish.candidates`.
"""
