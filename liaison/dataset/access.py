"""Who may change the dataset: identities, the editors among them, and the editor every save names.

`LIAISON_AUTH` says how a reader is known:

- `none` (the default, one person on their own machine): everyone who reaches the server is
  an editor, named by what they type (or "anonymous");
- `header`: a trusted reverse proxy signs people in and passes the identity in a header
  (`LIAISON_AUTH_HEADER`, default `X-Forwarded-User`); the server must listen on loopback
  only and the proxy must strip any such header a client sends;
- `oidc`: Streamlit's own sign-in (`st.login`) against an OpenID Connect provider.

With `header` and `oidc`, editors are the identities in `LIAISON_EDITORS` (comma-separated)
or, for `oidc`, the members of the group named by `LIAISON_EDITOR_GROUP` in the `groups`
claim; everyone else reads only. The check lives here, below every page: `changes.save` and
`changes.undo` refuse a write that names no `Editor`, so a hidden button is not the only guard.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

AUTH_MODES = ("none", "header", "oidc")
AUTH_ENV = "LIAISON_AUTH"
HEADER_ENV = "LIAISON_AUTH_HEADER"
EDITORS_ENV = "LIAISON_EDITORS"
GROUP_ENV = "LIAISON_EDITOR_GROUP"
DEFAULT_HEADER = "X-Forwarded-User"
MAX_IDENTITY_CHARS = 200


class AccessError(Exception):
    """The access settings are wrong, or a write was attempted by someone who is not an editor."""


class NotAnEditorError(AccessError):
    """A save or undo named no editor: nothing was written."""

    def __init__(self) -> None:
        super().__init__("only an editor can change the data: sign in as one (nothing was written)")


@dataclass(frozen=True)
class Editor:
    """Who makes a change, as the change log records it: identity, display name and how they were known."""

    identity: str
    name: str
    mode: str

    def as_log(self) -> dict[str, str]:
        return {"identity": self.identity, "name": self.name, "mode": self.mode}


@dataclass(frozen=True)
class Access:
    """The access rule in force: the mode, the identity header, the editors by name and by group."""

    mode: str = "none"
    header: str = DEFAULT_HEADER
    editors: frozenset[str] = frozenset()
    editor_group: str = ""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Access:
        """The rule set by the environment; an unknown mode is refused with the modes that exist."""
        mode = environ.get(AUTH_ENV, "none").strip().lower() or "none"
        if mode not in AUTH_MODES:
            raise AccessError(f"{AUTH_ENV}={mode!r} is not one of {', '.join(AUTH_MODES)}")
        editors = frozenset(name.strip() for name in environ.get(EDITORS_ENV, "").split(",") if name.strip())
        header = environ.get(HEADER_ENV, "").strip() or DEFAULT_HEADER
        return cls(mode, header, editors, environ.get(GROUP_ENV, "").strip())

    @property
    def everyone_edits(self) -> bool:
        return self.mode == "none"

    def editor(self, identity: str | None, name: str = "", groups: Iterable[str] = ()) -> Editor | None:
        """The editor this person is, or None for a reader who may not change anything.

        In `none` mode the identity is whatever the person typed; otherwise it is the one the
        proxy or the provider vouched for, and it must be an editor's.
        """
        identity = _clean(identity)
        name = _clean(name) or identity
        if self.everyone_edits:
            return Editor(identity or "anonymous", name or "anonymous", self.mode)
        if not identity:
            return None
        if identity in self.editors or (self.editor_group and self.editor_group in set(groups)):
            return Editor(identity, name, self.mode)
        return None


def local_editor() -> Editor:
    """The person at this machine's shell, for the command line: whoever can run it can write the folder."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Editor(f"local:{user}", user, "local")


def _clean(text: str | None) -> str:
    """An identity as recorded: control and direction characters dropped, trimmed, bounded."""
    if not text:
        return ""
    kept = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(kept.split())[:MAX_IDENTITY_CHARS]
