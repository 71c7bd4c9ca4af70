"""Text from the data or from a link, made safe to put in Streamlit's markdown, and the only links we draw.

Streamlit renders markdown in captions, messages, headers and help tooltips: a title or a
search term carrying `[x](https://…)` or `![x](https://…)` would become a link or an image
from another host, `<b>` HTML, `:red[…]` a colour, `$…$` a formula. Backslash-escaping every
ASCII punctuation mark shows those as written.

Escapes are not enough on their own: after parsing, Streamlit rewrites the text itself —
bare `http://…`, `www.…` and `name@host.org` become links, `:material/…:` an icon,
`:streamlit:` an image, `->` an arrow. Those rewrites never see a backslash, so a word joiner
(U+2060, invisible and never a line break) is put where each pattern would match: after a
colon that a word or a slash follows, before the at sign of an address, after a `www` that a
dot follows, inside an arrow. The dataset's validator refuses that character in data, so it
only ever comes from here.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

JOINER = "\u2060"
WEB_SCHEMES = ("http", "https")

# Every ASCII punctuation mark: CommonMark lets a backslash make each one literal.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_PUNCTUATION_BUT_ENTITIES = re.compile(r"([!-%'-/:<-@\[-`{-~])")
# Where Streamlit's rewrites of the parsed text would match.
_BREAKS = re.compile(
    r"(?<=:)(?=[\w+/-])"  # https://…, :material/…:, :streamlit:, :emoji:
    r"|(?<=[-.\w+])(?=@[-\w])"  # name@host.org
    r"|(?<=www)(?=\.)"  # www.host.org
    r"|(?<=[<>~-])(?=[>=-])",  # ->, <-, <->, --, >=, <=, ~=
    re.IGNORECASE,
)
# Indentation would make a code block, two spaces at a line's end a line break.
_EDGES = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)


def _neutral(text: object) -> str:
    """The text with plain line ends, no space at a line's edges, and a joiner wherever a rewrite would match."""
    plain = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _BREAKS.sub(JOINER, _EDGES.sub("", plain))


def md_escape(text: object) -> str:
    """The text as Streamlit markdown that displays it exactly as written: no link, image, HTML, icon or formula."""
    return _PUNCTUATION.sub(r"\\\1", _neutral(text))


def html_label(text: object) -> str:
    """The text on one line for our own HTML in markdown (a link's label): HTML-escaped, then markdown-escaped."""
    one_line = " ".join(str(text).split())
    return _PUNCTUATION_BUT_ENTITIES.sub(r"\\\1", html.escape(_neutral(one_line), quote=False))


def address_label(address: str) -> str:
    """A web address checked by `web_address`, as the label of its own link: escaped, with no joiner.

    Inside a link's label Streamlit turns nothing into another link, and a reader who copies
    the address from the page must get it byte for byte, without an invisible character.
    """
    return _PUNCTUATION.sub(r"\\\1", address)


def web_address(value: object) -> str | None:
    """The address percent-encoded if it is an http(s) one with a host, else None (never a link).

    An address with a user name (`https://trusted.org@elsewhere.net`) names another host than
    it seems to, so it is not linked either. `;` is encoded, so no `&…;` in the address can be
    read as a character reference.
    """
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname or "@" in parts.netloc:
        return None
    return quote(value.strip(), safe=":/?&=#%+,~@[]!$'*")
