"""Text from the data or from a link, made safe to put in Streamlit's markdown.

Streamlit renders markdown in captions, messages and headers: a title or a search term
carrying `![x](https://…)` would make the browser load an image from another host, and
`$…$` would turn into a formula. Escaping every markdown character shows them as written.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def md_escape(text: object) -> str:
    """The text with every markdown character backslash-escaped, so it displays exactly as written."""
    return _SPECIAL.sub(r"\\\1", str(text))
