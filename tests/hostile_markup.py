"""A dataset and a link whose every shown field carries markup: links, autolinks, images, HTML, icons, formulas.

Shared by the AppTest sweep of every page (test_markdown.py) and the real-browser journeys
(test_browser_injection.py). The only web addresses the dashboard itself may link to are
the sources' own, listed in SOURCE_LINKS.
"""

from __future__ import annotations

from pathlib import Path

from conftest import mini_tables, write_tables

SOURCE_LINKS = {"https://example.org/one", "https://example.org/two"}
FIELDS = {
    ("meetings", "vienna-22", "title"): "Talks [title](http://example.com/title) ![t](http://example.com/title.png)",
    ("meetings", "vienna-22", "summary"): (
        "Summary <http://example.com/summary>\nsee www.example.com and mail@example.com\n"
        "<img src=http://example.com/s.png> :material/home: :streamlit: $x^2$ :red[red]"
    ),
    ("meetings", "vienna-22", "reported_participants"): "[20+](javascript:alert(1))",
    ("meetings", "vienna-mar-qat", "title"): "Side [s](http://example.com/side) www.example.com/side",
    ("venues", "vic", "name"): "Centre <a href=http://example.com/venue>x</a>",
    ("venues", "vic", "city"): "http://example.com/city",
    ("organizations", "UN-MT", "name"): "[Team](http://example.com/org)",
    ("taxonomy", "terrorism", "label_en"): "Terror [t](http://example.com/topic)",
    ("sources", "s1", "outlet"): "[Outlet](http://example.com/outlet)",
    ("sources", "s2", "outlet"): "https://example.com/outlet-two",
    ("sources", "s2", "title"): "![s](http://example.com/source.png)",
    ("sources", "s2", "url"): "https://example.org/two",
}
LOCATOR = "paragraph <http://example.com/locator>"
PARAMS = {
    "topic": "[x](http://example.com/param)",
    "country": "<http://example.com/country>",
    "bloc": "![i](http://example.com/bloc.png)",
    "q": "Talks [title](http://example.com/title)",
}
_KEYS = {"meetings": "meeting_id", "venues": "venue_id", "organizations": "org_id", "taxonomy": "topic_id"}


def hostile_folder(folder: Path) -> Path:
    """The hand-made dataset with FIELDS written in, and markup in every evidence locator and note."""
    tables = mini_tables()
    for (table, key, column), value in FIELDS.items():
        next(row for row in tables[table] if row[_KEYS.get(table, "source_id")] == key)[column] = value
    for row in tables["evidence"]:
        row["locator"] = LOCATOR
        row["note"] = "[note](http://example.com/note) ![n](http://example.com/note.png)"
    return write_tables(folder, tables)
