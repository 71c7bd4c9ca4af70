"""What the analyst is looking at: one frozen set of filters, and its URL form.

The URL parameter names are a public contract (links in briefings must keep
working), so the mapping between fields and parameters lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# Field name -> URL parameter name.
URL_NAMES: dict[str, str] = {
    "countries": "country",
    "regions": "region",
    "blocs": "bloc",
    "formats": "format",
    "topics": "topic",
    "month_from": "from",
    "month_to": "to",
    "text": "q",
}


@dataclass(frozen=True)
class Filters:
    """A view of the data. Within one field any value matches; across fields all must."""

    month_from: str | None = None
    month_to: str | None = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        for name in ("month_from", "month_to"):
            value = getattr(self, name)
            if value is not None and not MONTH.match(value):
                raise ValueError(f"{URL_NAMES[name]}: '{value}' is not a month (YYYY-MM)")
        if self.month_from and self.month_to and self.month_to < self.month_from:
            raise ValueError(f"to: {self.month_to} is before from: {self.month_from}")

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def with_values(self, **changes: object) -> Filters:
        """A copy with some fields changed; lists become tuples so the result stays hashable."""
        normalised = {name: tuple(value) if isinstance(value, list | set) else value for name, value in changes.items()}
        return replace(self, **normalised)

    def to_params(self) -> dict[str, list[str]]:
        """URL parameters for this view, leaving out what is not set."""
        params: dict[str, list[str]] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, tuple) and value:
                params[URL_NAMES[field.name]] = list(value)
            elif isinstance(value, str) and value:
                params[URL_NAMES[field.name]] = [value]
        return params


def _values(raw: Iterable[str]) -> list[str]:
    values: list[str] = []
    for item in raw:
        values += [part.strip() for part in item.split(",") if part.strip()]
    return list(dict.fromkeys(values))


def filters_from_params(
    params: Mapping[str, list[str]], known: Mapping[str, Iterable[str]] | None = None
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters, and a message for each value that was ignored.

    `known` maps a field to its valid values (countries, topics…); values
    outside it are dropped with a message rather than silently matching nothing.
    """
    known = known or {}
    changes: dict[str, object] = {}
    ignored: list[str] = []
    for field, param in URL_NAMES.items():
        raw = _values(params.get(param, []))
        if not raw:
            continue
        if field in ("month_from", "month_to"):
            if MONTH.match(raw[0]):
                changes[field] = raw[0]
            else:
                ignored.append(f"{param}={raw[0]}")
        elif field == "text":
            changes[field] = " ".join(params.get(param, [])).strip()
        else:
            if field == "countries":
                raw = [value.upper() for value in raw]
            valid = set(known[field]) if field in known else None
            kept = [value for value in raw if valid is None or value in valid]
            ignored += [f"{param}={value}" for value in raw if value not in kept]
            if kept:
                changes[field] = tuple(kept)
    month_from, month_to = changes.get("month_from"), changes.get("month_to")
    if month_from and month_to and month_to < month_from:
        changes["month_from"], changes["month_to"] = month_to, month_from
    return Filters(**changes), ignored
