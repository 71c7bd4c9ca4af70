"""The rows a reader sees beside each figure ("Show as table"), labelled and worded in their language.

Each figure's aggregate frame holds codes (ISO3, topic ids, formats, roles) and shares as
fractions; these tables say them as the interface does, so the table under a chart, the
chart itself and its export tell the same numbers in the same words.
"""

from __future__ import annotations

import pandas as pd

from liaison.words.i18n import actor_name, month_label, period_label, t, topic_labels
from liaison.words.places import country_name


def percent(shares: pd.Series) -> pd.Series:
    """Fractions as whole percentages, written as the interface writes them ("38 %")."""
    return (shares * 100).round(0).astype(int).astype(str) + " %"


def state_rows(states: pd.DataFrame, lang: str) -> pd.DataFrame:
    """States by meetings (`view.activity.state_activity`): name, meetings, roles, latest meeting."""
    return pd.DataFrame(
        {
            t("field.state", lang): [country_name(code, lang) for code in states["iso3"]],
            t("field.meetings", lang): states["meetings"],
            t("field.roles", lang): [", ".join(t(f"role.{role}", lang) for role in roles) for roles in states["roles"]],
            t("field.latest", lang): states["latest_title_fr" if lang == "fr" else "latest_title"],
        }
    )


def venue_rows(venues: pd.DataFrame, organizations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Venues (`view.activity.venue_activity`) with their meetings by format."""
    return pd.DataFrame(
        {
            t("field.venue", lang): venues["name_fr" if lang == "fr" else "name"],
            t("field.city", lang): venues["city"].fillna("—"),
            t("field.country", lang): [actor_name(code, organizations, lang) for code in venues["country_iso3"]],
            t("field.meetings", lang): venues["meetings"],
            t("format.multilateral", lang): venues["multilateral"],
            t("format.bilateral", lang): venues["bilateral"],
        }
    )


def topic_rows(counts: pd.DataFrame, taxonomy: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Topics with their meetings and share of the meetings shown."""
    return pd.DataFrame(
        {
            t("field.topic", lang): topic_labels(counts["topic_id"], taxonomy, lang),
            t("field.meetings", lang): counts["meetings"],
            t("field.share", lang): percent(counts["share"]),
        }
    )


def topic_month_rows(months: pd.DataFrame, taxonomy: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The topic-by-period heat map's non-empty cells."""
    held = months[months["meetings"] > 0]
    return pd.DataFrame(
        {
            t("field.topic", lang): topic_labels(held["topic_id"], taxonomy, lang),
            t("field.month", lang): [period_label(m, f, lang) for m, f in held[["month", "freq"]].values],
            t("field.meetings", lang): held["meetings"],
        }
    )


def topic_state_rows(pairs: pd.DataFrame, taxonomy: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The topic-by-state matrix's cells."""
    return pd.DataFrame(
        {
            t("field.topic", lang): topic_labels(pairs["topic_id"], taxonomy, lang),
            t("field.state", lang): [country_name(code, lang) for code in pairs["iso3"]],
            t("field.meetings", lang): pairs["meetings"],
        }
    )


def monthly_rows(per_month: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Meetings per month and format, months that had any."""
    held = per_month[per_month["meetings"] > 0]
    return pd.DataFrame(
        {
            t("field.month", lang): [month_label(month, lang) for month in held["month"]],
            t("field.format", lang): [t(f"format.{value}", lang) for value in held["format"]],
            t("field.meetings", lang): held["meetings"],
        }
    )


def role_rows(roles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The roles a state played, with their meetings."""
    return pd.DataFrame(
        {
            t("field.role", lang): [t(f"role.{role}", lang) for role in roles["role"]],
            t("field.meetings", lang): roles["meetings"],
        }
    )


def partner_rows(ranked: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A state's partners as a reader scans them: total, bilateral talks, meetings attended together."""
    return pd.DataFrame(
        {
            t("countries.field.partner", lang): [country_name(code, lang) for code in ranked["partner"]],
            t("countries.field.total", lang): ranked["total"],
            t("countries.field.bilateral", lang): ranked["bilateral"],
            t("countries.field.co_attendance", lang): ranked["co_attendance"],
        }
    )


def bloc_rows(blocs: pd.DataFrame, organizations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The blocs a state belongs or belonged to, with its status and dates."""
    return pd.DataFrame(
        {
            t("countries.field.bloc", lang): [actor_name(org, organizations, lang) for org in blocs["org_id"]],
            t("countries.field.status", lang): [t(f"countries.status.{status}", lang) for status in blocs["status"]],
            t("countries.field.joined", lang): blocs["joined"].fillna("—"),
            t("countries.field.left", lang): blocs["left"].fillna("—"),
        }
    )
