"""Saving from a page: run the save, and say in the reader's language why it was refused.

Every edit on the Add meetings page (drafts, one meeting's fields, undo) ends the same way:
saved, or refused because someone saved first, because the data would be invalid, because
another save holds the folder, because there is nothing to undo, or because the person is
not an editor. One place says each.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from liaison.dataset.access import NotAnEditorError
from liaison.dataset.changes import NothingToUndoError, Saved, StaleRevisionError
from liaison.dataset.files import FolderBusyError
from liaison.dataset.store import DatasetError
from liaison.words.i18n import t


def attempt(save: Callable[[], Saved], lang: str, on_stale: Callable[[], None] = lambda: None) -> Saved | None:
    """`save()`'s result, or None once the reason it was refused is on the page (nothing was written)."""
    try:
        return save()
    except StaleRevisionError:
        st.warning(t("edit.stale", lang))
        on_stale()
    except DatasetError as error:
        st.error(t("edit.invalid", lang))
        st.code("\n".join(str(problem) for problem in error.problems), language=None)
    except FolderBusyError:
        st.warning(t("edit.busy", lang))
    except NothingToUndoError:
        st.info(t("edit.history.nothing", lang))
    except NotAnEditorError:
        st.error(t("auth.not_editor", lang))
    return None
