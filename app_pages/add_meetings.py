"""Add meetings: draft them from an article or by hand, review, save; edit a meeting; see and undo changes."""

from datetime import date

import streamlit as st

from components.change_history import change_history
from components.data import dataset, geocoder, store
from components.draft_review import draft_review, drafts_frame, source_form
from components.feed_promote import promoted_review
from components.identity import access, current_editor
from components.markdown import md_escape
from components.meeting_editor import meeting_editor
from components.view import current
from liaison.intake.article import propose
from liaison.intake.drafts import MAX_ARTICLE_BYTES, ArticleError, decode_article
from liaison.words.i18n import t

lang = current().lang
dataset(lang)
data = store()
base = data.snapshot()

st.title(t("edit.title", lang), anchor=False)
st.caption(t("edit.intro", lang, folder=md_escape(data.location)))
if access().everyone_edits:
    typed = st.text_input(t("edit.author", lang), key="edit_author", placeholder=t("edit.author.placeholder", lang))
    author = current_editor(typed)
else:
    author = current_editor()
    if author is None:
        st.warning(t("auth.not_editor", lang))
        st.stop()
    st.caption(t("edit.signed_in_as", lang, name=md_escape(author.name)))
promoted_review(data, base, geocoder(), author, lang)
from_article, by_hand, edit, history = st.tabs(
    [t("edit.tab.article", lang), t("edit.tab.hand", lang), t("edit.tab.edit", lang), t("edit.tab.history", lang)]
)


def _css_text(text: str) -> str:
    """`text` as a CSS string literal that cannot end the string or the style block."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;…’'()-" else f"\\{ord(ch):x} " for ch in text) + '"'


def _upload_widget_in(lang: str) -> None:
    """Streamlit's uploader writes its own button and limits in English: say them in `lang` instead.

    Streamlit has no option for these texts (streamlit/streamlit#13500), so CSS scoped to this
    one uploader hides them and draws ours; the widget itself is untouched.
    """
    scope = ".st-key-article_upload [data-testid='stFileUploaderDropzone']"
    st.html(
        "<style>"
        f"{scope} [data-testid='stFileUploaderDropzoneInstructions'] {{display: none;}}"
        f"{scope} button {{font-size: 0;}}"
        f"{scope} button > * {{display: none;}}"
        f"{scope} button::after {{content: {_css_text(t('edit.upload.browse', lang))}; font-size: 0.875rem;}}"
        f"{scope}::before {{content: {_css_text(t('edit.upload.instructions', lang))}; font-size: 0.875rem;"
        " flex: 1; opacity: 0.8; margin-right: 1rem;}"
        "</style>"
    )


def _published(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


with from_article:
    source = source_form("article", lang)
    pasted = st.text_area(t("edit.paste", lang), key="article_text", height=200)
    with st.container(key="article_upload"):
        _upload_widget_in(lang)
        upload = st.file_uploader(
            t("edit.upload", lang),
            type=["txt", "html", "htm"],
            key="article_file",
            max_upload_size=MAX_ARTICLE_BYTES // (1024 * 1024),
        )
    if st.button(t("edit.draft", lang), key="article_draft", icon=":material/auto_awesome:"):
        try:
            text = decode_article(upload.getvalue(), upload.name) if upload else decode_article(pasted.encode())
        except ArticleError as error:
            st.error(md_escape(error.said_in(lang)))
        else:
            proposal = propose(text, _published(source.published), source.language, base.frames, geocoder())
            if proposal.problems:
                st.error(t("edit.article.problems", lang))
                st.code("\n".join(problem.said_in(lang) for problem in proposal.problems), language=None)
            elif proposal.drafts:
                st.session_state["article_drafts"] = {"frame": drafts_frame(proposal.drafts, proposal.evidence, lang)}
                st.session_state["article_body"] = text
            else:
                st.warning(t("edit.no_meeting", lang))
    if "article_drafts" in st.session_state:
        with st.expander(t("edit.article", lang)):
            st.text(st.session_state.get("article_body", ""))
        article = st.session_state.get("article_body")
        draft_review(data, base, "article_drafts", source, article, geocoder(), author, lang)

with by_hand:
    source = source_form("hand", lang)
    if "hand_drafts" not in st.session_state:
        st.session_state["hand_drafts"] = {"frame": drafts_frame([{"format": "bilateral"}], lang=lang)}
    draft_review(data, base, "hand_drafts", source, None, geocoder(), author, lang)

with edit:
    meeting_editor(data, base, author, lang)

with history:
    change_history(data, author, lang)
