"""Who is reading: the editor this session is, if any, by the access rule in force (`LIAISON_AUTH`).

The rule itself lives in `liaison.dataset.access`; this reads what Streamlit knows of the
person — a name typed on the page (`none`), the reverse proxy's header (`header`) or the
signed-in user's claims (`oidc`) — and turns it into an `Editor`, or None for a reader.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.markdown import md_escape
from liaison.dataset.access import Access, Editor
from liaison.words.i18n import t


def access() -> Access:
    """The access rule, read from the environment on each run (cheap), so a bad setting says so at once."""
    return Access.from_environ(os.environ)


def signed_in() -> tuple[str, str, list[str]]:
    """The identity, display name and groups the proxy or the provider vouched for ("" when nobody)."""
    rule = access()
    if rule.mode == "header":
        identity = st.context.headers.get(rule.header) or ""
        return identity, identity, []
    if rule.mode == "oidc" and _logged_in():
        identity = str(st.user.get("email") or st.user.get("sub") or "")
        groups = st.user.get("groups") or []
        return identity, str(st.user.get("name") or identity), [str(group) for group in groups]
    return "", "", []


def _logged_in() -> bool:
    """Whether the provider signed this person in; without an `[auth]` section nobody is."""
    return bool(st.user.get("is_logged_in", False))


def current_editor(typed_name: str = "") -> Editor | None:
    """This session's editor, or None for a reader (who sees no way to change the data)."""
    rule = access()
    if rule.everyone_edits:
        return rule.editor(typed_name)
    identity, name, groups = signed_in()
    return rule.editor(identity, name, groups)


def sign_in_box(lang: str) -> None:
    """In the sidebar: who is signed in, and the button to sign in or out (`oidc` only)."""
    rule = access()
    if rule.everyone_edits:
        return
    identity, name, _ = signed_in()
    editor = current_editor()
    if identity:
        role = t("auth.editor", lang) if editor else t("auth.reader", lang)
        st.sidebar.caption(t("auth.signed_in", lang, name=md_escape(name), role=role))
    if rule.mode != "oidc":
        return
    if not _sign_in_configured():
        reason = "LIAISON_AUTH=oidc needs an [auth] section in .streamlit/secrets.toml"
        st.sidebar.error(t("auth.misconfigured", lang, reason=reason))
    elif _logged_in():
        if st.sidebar.button(t("auth.sign_out", lang), key="auth_sign_out"):
            st.logout()
    elif st.sidebar.button(t("auth.sign_in", lang), key="auth_sign_in", type="primary"):
        st.login()


def _sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False
