"""The outlet registry: who published an article, and the evidence that says so.

Corroboration counts outlets, so naming one wrongly is worse than not naming it: every
rule here needs evidence (a domain, a signature, a slogan, the page's own site name) and an
article without any stays unknown. The registry is a user-editable TOML file (format in
`storylens/data/outlets.toml`), parsed once per process through `Context.resource`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..datafiles import load_toml
from ..errors import UsageError

_FIELDS = frozenset(
    {"name", "aliases", "domains", "signatures", "slogans", "country", "ownership", "kind"}
)


@dataclass(slots=True, frozen=True, kw_only=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    country: str | None = None
    ownership: str | None = None
    kind: str | None = None


def normalize_phrase(text: str) -> str:
    """Case- and spacing-blind form used to compare slogans and names."""
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class Registry:
    """Lookup tables over the outlets, built once: domain, name, slogan and signature."""

    outlets: list[Outlet]
    source: str = "<bundled>"
    by_domain: dict[str, Outlet] = field(init=False, default_factory=dict)
    by_name: dict[str, Outlet] = field(init=False, default_factory=dict)
    by_slogan: dict[str, Outlet] = field(init=False, default_factory=dict)
    signature_re: re.Pattern[str] | None = field(init=False, default=None)
    _sig_owner: dict[str, Outlet] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        parts: list[str] = []
        for i, outlet in enumerate(self.outlets):
            for domain in outlet.domains:
                self.by_domain[domain.lower().removeprefix("www.")] = outlet
            for name in (outlet.name, *outlet.aliases):
                self.by_name.setdefault(normalize_phrase(name), outlet)
            for slogan in outlet.slogans:
                self.by_slogan[normalize_phrase(slogan)] = outlet
            for j, pattern in enumerate(outlet.signatures):
                group = f"s{i}_{j}"
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise UsageError(
                        f"outlet {outlet.name!r}: signature {pattern!r} is not a valid "
                        f"regular expression ({exc}); fix it in the registry",
                        source=self.source,
                    ) from exc
                parts.append(f"(?P<{group}>{pattern})")
                self._sig_owner[group] = outlet
        if parts:
            self.signature_re = re.compile("|".join(parts))

    @property
    def slogans(self) -> list[str]:
        return [s for o in self.outlets for s in o.slogans]

    def by_url(self, url: str | None) -> tuple[Outlet, str] | None:
        """The outlet whose domain (or a parent domain of it) serves `url`."""
        host = url_host(url)
        if not host:
            return None
        labels = host.split(".")
        for k in range(len(labels) - 1):
            candidate = ".".join(labels[k:])
            if candidate in self.by_domain:
                return self.by_domain[candidate], candidate
        return None

    def signature(self, text: str) -> tuple[Outlet, str] | None:
        """The first registered signature in `text`, with the text it matched."""
        if self.signature_re is None:
            return None
        m = self.signature_re.search(text)
        if m is None or m.lastgroup is None:
            return None
        return self._sig_owner[m.lastgroup], m.group(m.lastgroup).strip()

    def slogan(self, line: str) -> Outlet | None:
        return self.by_slogan.get(normalize_phrase(line))

    def name(self, name: str | None) -> Outlet | None:
        return self.by_name.get(normalize_phrase(name)) if name else None


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def load_registry(path: str | Path | None = None) -> Registry:
    """Parse a registry file (the bundled one when `path` is None)."""
    data, source = load_toml(path, "outlets.toml", "outlet registry", "outlet_registry")
    return Registry([_outlet(entry, source) for entry in data.get("outlet", [])], source)


def _outlet(entry: dict[str, Any], source: str) -> Outlet:
    unknown = set(entry) - _FIELDS
    if "name" not in entry or unknown:
        problem = f"unknown keys {sorted(unknown)}" if unknown else "no name"
        raise UsageError(
            f"outlet entry {entry.get('name', entry)!r} has {problem}; valid keys: "
            f"{', '.join(sorted(_FIELDS))}",
            source=source,
        )
    return Outlet(
        name=str(entry["name"]),
        aliases=tuple(entry.get("aliases", ())),
        domains=tuple(entry.get("domains", ())),
        signatures=tuple(entry.get("signatures", ())),
        slogans=tuple(entry.get("slogans", ())),
        country=entry.get("country"),
        ownership=entry.get("ownership"),
        kind=entry.get("kind"),
    )
