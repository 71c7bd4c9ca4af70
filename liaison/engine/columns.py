"""The meeting table's columns, in order: what `meetings --json` prints, whichever engine answers.

The in-memory view (`liaison.view.query.meeting_table`) and the engine's expression
(`liaison.engine.expressions.meeting_table`) both answer with exactly these, so one list names them.
"""

MEETING_COLUMNS = (
    "meeting_id",
    "title",
    "title_fr",
    "series",
    "edition",
    "format",
    "start_date",
    "end_date",
    "date_precision",
    "venue_id",
    "venue",
    "venue_fr",
    "city",
    "country_iso3",
    "organizer",
    "parent_meeting_id",
    "states",
    "topics",
)
