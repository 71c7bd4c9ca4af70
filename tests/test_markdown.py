"""Text from the data or a link, escaped for Streamlit's markdown; the only web addresses we link to.

The browser journeys (test_browser_injection.py) show that what these functions write draws
no link, image or markup; here each rule is pinned to the exact text it writes.
"""

from __future__ import annotations

import math
import re

import pytest
from conftest import REPO
from hostile_markup import PARAMS, hostile_folder
from streamlit.testing.v1 import AppTest

from components.markdown import JOINER, html_label, md_escape, web_address

J = JOINER

ESCAPED = [
    ("link", "[x](http://e.org)", rf"\[x\]\(http\:{J}\/\/e\.org\)"),
    ("image", "![i](https://e.org/i.png)", rf"\!\[i\]\(https\:{J}\/\/e\.org\/i\.png\)"),
    ("autolink", "<http://e.org>", rf"\<http\:{J}\/\/e\.org\>"),
    ("bare-address", "see http://e.org", rf"see http\:{J}\/\/e\.org"),
    ("bare-www", "see WWW.e.org", rf"see WWW{J}\.e\.org"),
    ("e-mail", "ann.lee+x@e.org", rf"ann\.lee\+x{J}\@e\.org"),
    ("html", '<a href="x">y</a>', r"\<a href\=\"x\"\>y\<\/a\>"),
    ("material-icon", ":material/home:", rf"\:{J}material\/home\:"),
    ("streamlit-logo", ":streamlit:", rf"\:{J}streamlit\:"),
    ("colour-directive", ":red[x]", rf"\:{J}red\[x\]"),
    ("formula", "$x^2$", r"\$x\^2\$"),
    ("emphasis-and-code", "**b** _i_ ~s~ `c`", r"\*\*b\*\* \_i\_ \~s\~ \`c\`"),
    ("entity", "&lt;b&gt;", r"\&lt\;b\&gt\;"),
    ("heading-list-and-quote", "# h\n- i\n> q\n1. n", "\\# h\n\\- i\n\\> q\n1\\. n"),
    ("setext-heading", "Title\n===", "Title\n\\=\\=\\="),
    ("indented-code-and-hard-break", "    code\nline  \nnext", "code\nline\nnext"),
    ("carriage-returns", "a\r\nb\rc", "a\nb\nc"),
    ("arrows", "a -> b <-> c >= d", rf"a \-{J}\> b \<{J}\-{J}\> c \>{J}\= d"),
    ("a-colon-before-a-space-stays-as-it-is", "pays : Russie", r"pays \: Russie"),
    ("a-time", "12:30", rf"12\:{J}30"),
    ("backslash", "C:\\dir", r"C\:\\dir"),
    ("letters-and-accents-untouched", "Réunion à Genève", "Réunion à Genève"),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in ESCAPED], ids=[case[0] for case in ESCAPED])
def test_markdown_text_is_escaped_and_broken_where_streamlit_would_rewrite_it(text, expected) -> None:
    """Every punctuation mark is escaped; a word joiner breaks each pattern Streamlit rewrites after parsing."""
    assert md_escape(text) == expected


def test_a_link_label_is_html_escaped_then_markdown_escaped_on_one_line() -> None:
    """Inside our own <a>, the label's entities survive the markdown escapes and no line break splits the link."""
    assert html_label("R&D <b>[x](http://e.org)</b>\nnext") == (
        rf"R&amp;D &lt;b&gt;\[x\]\(http\:{J}\/\/e\.org\)&lt;\/b&gt; next"
    )


WEB = [
    ("https", "https://example.org/a", "https://example.org/a"),
    ("capital-scheme", "HTTP://Example.org/", "HTTP://Example.org/"),
    ("space-and-brackets-encoded", "https://e.org/a b(c)<d>", "https://e.org/a%20b%28c%29%3Cd%3E"),
    ("entity-cannot-form", "https://e.org/?a=&lt;x", "https://e.org/?a=&lt%3Bx"),
    ("query-kept", "https://e.org/p?a=1&b=2#top", "https://e.org/p?a=1&b=2#top"),
    ("javascript", "javascript:alert(1)", None),
    ("javascript-in-capitals", "JavaScript:alert(1)", None),
    ("javascript-after-a-space", " javascript:alert(1)", None),
    ("data", "data:text/html,<script>alert(1)</script>", None),
    ("file", "file:///etc/passwd", None),
    ("mailto", "mailto:a@e.org", None),
    ("a-user-name-hiding-the-host", "https://trusted.org@elsewhere.net/", None),
    ("a-password", "https://user:pw@e.org/", None),
    ("no-host", "https://", None),
    ("scheme-relative", "//e.org/a", None),
    ("unparseable", "http://[::1", None),
    ("missing", math.nan, None),
    ("none", None, None),
]


@pytest.mark.parametrize(("value", "expected"), [case[1:] for case in WEB], ids=[case[0] for case in WEB])
def test_only_http_and_https_addresses_with_a_host_are_linked(value, expected) -> None:
    """Anything but an http(s) address with a host gets no link; the link's address is percent-encoded."""
    assert web_address(value) == expected


def _source_lines(urls: list[str]) -> None:
    """Draw the hand-made dataset's Vienna meeting's sources, with these addresses, as the card does."""
    import dataclasses
    import os
    from pathlib import Path

    import pandas as pd

    from components.meeting_card import _sources
    from liaison.dataset.store import load_dataset

    ds = load_dataset(Path(os.environ["LIAISON_DATA"]))
    both = pd.concat([ds.evidence, ds.evidence.assign(source_id="s1")]).drop_duplicates(["meeting_id", "source_id"])
    _sources(dataclasses.replace(ds, sources=ds.sources.assign(url=urls), evidence=both), "vienna-22", "en")


def test_a_source_address_that_is_not_a_web_one_is_shown_as_text_and_never_linked(mini_folder, monkeypatch) -> None:
    """A `javascript:` address (which the validator refuses, should one get past it) is text; a web one a link."""
    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))
    at = AppTest.from_function(
        _source_lines, args=(["javascript:alert(1)", "https://example.org/two"],), default_timeout=30
    )
    at.run()
    lines = [block.value for block in at.markdown if "Outlet" in block.value]
    assert len(lines) == 2
    assert all("](javascript" not in line for line in lines)
    assert any(f"javascript\\:{J}alert\\(1\\)" in line for line in lines)
    assert any("](https://example.org/two)" in line for line in lines)


# What the dashboard itself writes into markdown: links to the sources' addresses and to other meetings.
OUR_LINKS = re.compile(r"(?<!\\)\[((?:\\.|[^\\\]])*)\]\(meetings\?[^)\s]*\)")
# A source's own address, linked with itself as the label: copied from the page, it must be the address.
SOURCE_LINKS = re.compile(r"(?<!\\)\[((?:\\.|[^\\\]])*)\]\((https://example\.org/(?:one|two))\)")
OUR_ANCHORS = re.compile(r'<a href="meetings\?[^"]*" target="_self">|</a>')
# What would still be read as markup in the markdown source, once our own links are set aside.
SYNTAX = re.compile(r"(?<!\\)[\[\]<>$`]")  # links, images, HTML, autolinks, formulas, code
# What Streamlit rewrites in the parsed text (escapes undone): links, icons, its logo image.
REWRITTEN = re.compile(r"https?://|www\.|[-.\w+]@\w|:(?:material[/_]|streamlit:)", re.IGNORECASE)


# (page, link parameters, a meeting picked on the page)
PAGES = [
    ("overview", PARAMS, None),
    ("timeline", {}, "vienna-22"),
    ("map", {"topic": PARAMS["topic"]}, None),
    ("countries", {"state": PARAMS["country"]}, None),
    ("topics", {}, None),
    ("meetings", {"meeting": "vienna-22"}, None),
    ("meetings", {"meeting": PARAMS["topic"]}, None),
]


def _bodies(at: AppTest) -> list[str]:
    """Every text Streamlit reads as markdown: messages, captions, headers, and the metrics' help."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
    bodies = [str(element.value) for kind in kinds for element in at.get(kind)]
    return bodies + [element.proto.help for element in at.get("metric") if element.proto.help]


PAGE_IDS = [f"{name}-{'-'.join(params) or 'plain'}" for name, params, _ in PAGES]


@pytest.mark.parametrize(("name", "params", "picked"), PAGES, ids=PAGE_IDS)
def test_no_page_hands_markup_from_the_data_or_the_link_to_streamlit(tmp_path, monkeypatch, name, params, picked):
    """On every page, markup in the data and the link reaches Streamlit escaped; only our own links stay links."""
    monkeypatch.setenv("LIAISON_DATA", str(hostile_folder(tmp_path / "data")))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{name}.py")
    at.run()
    if picked:
        at.selectbox(key=f"{name}_meeting").set_value(picked).run()
    bodies = _bodies(at)
    assert not at.exception
    assert any(r"example\.com" in body.lower() for body in bodies)  # the hostile text is on the page, escaped
    for body in bodies:
        for label, address in SOURCE_LINKS.findall(body):
            assert re.sub(r"\\(.)", r"\1", label) == address, body
        source = OUR_ANCHORS.sub("", OUR_LINKS.sub(r"\1", SOURCE_LINKS.sub("", body)))
        assert not SYNTAX.search(source), body
        assert not REWRITTEN.search(re.sub(r"\\(.)", r"\1", source)), body
