"""How to cite a meeting or the dashboard in a briefing: one line a reader can check.

A citation names the data version, so a later reader can tell whether the record
they look at is the one that was cited.
"""

from __future__ import annotations

from datetime import date

from liaison.dataset.store import Dataset, DataVersion
from liaison.view.query import meeting_sources
from liaison.words.i18n import date_span_label, t


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def cite_meeting(ds: Dataset, meeting_id: str, lang: str = "en") -> str:
    """'Title', dates, venue. Liaison dataset <version>, meeting <id>. Sources: outlet (date), url; …"""
    meeting = ds.meetings.set_index("meeting_id").loc[meeting_id]
    venue = ds.venues.set_index("venue_id")["name_fr" if lang == "fr" else "name"].get(meeting["venue_id"])
    title = meeting["title_fr"] if lang == "fr" else meeting["title"]
    when = date_span_label(meeting["start_date"], meeting["end_date"], meeting["date_precision"], lang)
    place = f", {venue}" if _text(venue) else ""
    sources = []
    for _, source in meeting_sources(ds, meeting_id).iterrows():
        parts = [source["outlet"]]
        if _text(source["published"]):
            parts[0] += f" ({source['published']})"
        if _text(source["url"]):
            parts.append(source["url"])
        sources.append(", ".join(parts))
    return t(
        "cite.meeting",
        lang,
        title=title,
        when=when,
        place=place,
        version=ds.version.digest,
        meeting_id=meeting_id,
        sources="; ".join(sources),
    )


def cite_dashboard(version: DataVersion, accessed: date, lang: str = "en") -> str:
    """The dashboard and its data version, with the day the reader consulted it."""
    return t(
        "cite.dashboard",
        lang,
        version=version.digest,
        changed=version.changed.date().isoformat(),
        accessed=accessed.isoformat(),
    )
