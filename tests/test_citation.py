"""Citations: a line a briefing can carry, naming the data version and the sources."""

from __future__ import annotations

from datetime import UTC, date, datetime

from liaison.dataset.store import DataVersion
from liaison.publish.citation import cite_dashboard, cite_meeting


def test_a_meeting_citation_names_title_dates_place_version_and_sources(mini) -> None:
    text = cite_meeting(mini, "vienna-22")
    assert text == (
        f"“Title vienna-22”, 6–7 May 2025, Vienna International Centre. Liaison dataset {mini.version.digest}, "
        "meeting vienna-22. Sources: Outlet Two (2025-05-28)."
    )


def test_a_citation_in_french_with_a_link(mini) -> None:
    text = cite_meeting(mini, "vienna-mar-qat", "fr")
    assert text.startswith("« Titre vienna-mar-qat », 6–7 mai 2025, Centre international de Vienne.")
    assert "Outlet One (2025-05), https://example.org/one" in text


def test_an_undated_meeting_without_venue_is_cited_as_such(mini) -> None:
    assert cite_meeting(mini, "undated-madrid").startswith("“Title undated-madrid”, date not stated. Liaison")


def test_the_dashboard_citation_carries_version_and_dates() -> None:
    version = DataVersion("abc123def456", datetime(2025, 6, 1, tzinfo=UTC))
    assert cite_dashboard(version, date(2026, 11, 23)) == (
        "Liaison — international security cooperation meetings, dataset version abc123def456 "
        "(last changed 2025-06-01), consulted 2026-11-23."
    )
