"""Links, images and markup from a link's parameters or the data show as text in a real browser, never as markup.

One server on a dataset whose titles, venue, organiser, topic, summary and sources carry
markdown links, autolinks, bare addresses, images, HTML, icons, colours and formulas; each
page is opened by a link whose parameters carry more. The only links off this host are the
sources' own web addresses, which the dashboard draws itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode, urlparse

import pytest
from hostile_markup import FIELDS, LOCATOR, PARAMS, hostile_folder
from journeys import settled, start_server, stop_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injection_server(tmp_path_factory) -> Iterator[str]:
    """The dashboard on the hand-made dataset with markup in every field a page shows."""
    process, url = start_server(hostile_folder(tmp_path_factory.mktemp("injection") / "data"))
    yield url
    stop_server(process)


def rendered(page) -> dict:
    """Every link and image of the page, what markdown drew beyond text, and the main area's text."""
    found = page.evaluate(
        """() => {
            const markdown = '[data-testid="stMarkdownContainer"]';
            return {
                links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
                images: Array.from(document.querySelectorAll('img')).map(img => img.currentSrc || img.src || ''),
                drawn: Array.from(document.querySelectorAll(
                    ['img', '[data-testid="stIconMaterial"]', '.katex', 'code', 'blockquote', 'table']
                        .map(what => `${markdown} ${what}`).join(', ')
                )).map(element => element.outerHTML),
                text: document.querySelector('[data-testid="stMain"]').innerText,
            };
        }"""
    )
    found["text"] = " ".join(found["text"].replace("\u2060", "").split())
    return found


def as_read(text: str) -> str:
    """Text as a browser shows it: runs of spaces and line breaks are one space."""
    return " ".join(text.split())


CASES = [
    pytest.param(
        "",
        PARAMS,
        "Build briefing pack",
        [
            f"topic={PARAMS['topic']},",
            f"country={PARAMS['country'].upper()},",
            f"bloc={PARAMS['bloc']},",
            f"matching “{PARAMS['q']}”",
        ],
        set(),
        id="overview-with-hostile-parameters",
    ),
    pytest.param(
        "meetings",
        {"meeting": "[m](http://example.com/meeting) <img src=http://example.com/m.png>", "topic": PARAMS["topic"]},
        "is not in this dataset",
        ["meeting [m](http://example.com/meeting) <img src=http://example.com/m.png>,", f"topic={PARAMS['topic']},"],
        set(),
        id="meetings-asked-for-a-hostile-meeting",
    ),
    pytest.param(
        "meetings",
        {"meeting": "vienna-22"},
        "meeting vienna-22.",
        [as_read(value) for (table, key, column), value in FIELDS.items() if key in ("vienna-22", "vienna-mar-qat")]
        + [FIELDS["venues", "vic", "name"], FIELDS["organizations", "UN-MT", "name"]]
        + [FIELDS["taxonomy", "terrorism", "label_en"], FIELDS["sources", "s2", "outlet"]]
        + [FIELDS["sources", "s2", "title"], LOCATOR],
        {"https://example.org/two"},
        id="meetings-a-meeting-in-full",
    ),
    pytest.param(
        "map",
        {"bloc": PARAMS["bloc"]},
        "Boundaries: United Nations",
        [f"{FIELDS['venues', 'vic', 'name']} (2)", f"bloc={PARAMS['bloc']},"],
        set(),
        id="map",
    ),
]


@pytest.mark.parametrize(("path", "query", "ready", "shown", "linked"), CASES)
def test_nothing_from_a_link_or_the_data_is_drawn_as_a_link_an_image_or_markup(
    page, injection_server, path, query, ready, shown, linked
) -> None:
    """Only this host's links and the sources' web addresses; no image from elsewhere; the hostile text as written."""
    page.goto(f"{injection_server}/{path}?{urlencode(query)}")
    settled(page, ready)  # the last thing the page draws
    found = rendered(page)
    host = urlparse(page.url).hostname
    off_host = {link for link in found["links"] if urlparse(link).hostname != host}
    assert off_host == linked
    assert {urlparse(link).scheme for link in found["links"]} <= {"http", "https"}  # no mailto:, javascript:, data:
    assert [src for src in found["images"] if urlparse(src).hostname not in (host, None)] == []
    assert found["drawn"] == []
    for text in shown:
        assert text in found["text"], found["text"]
    assert page.requests_off_host == []
