"""A short plain-text account of an analysis, for the terminal."""

from __future__ import annotations

from typing import Any

from ..store import Store


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _outlet_list(outlets: list[str | None]) -> str:
    named = [o for o in outlets if o]
    unknown = len(outlets) - len(named)
    parts = named + ([f"{unknown} of unknown outlet"] if unknown else [])
    return ", ".join(parts) if parts else "an unknown outlet"


def event_lines(ev: dict[str, Any]) -> list[str]:
    lines = [
        f"{ev.get('date') or 'undated'}  {ev.get('title') or '(untitled)'}",
        f"    where: {', '.join(ev.get('locations', [])) or 'unknown'};"
        f" {_plural(len(ev.get('articles', [])), 'article')} from"
        f" {_outlet_list(ev.get('outlets', []))}",
    ]
    claims = ev.get("claims", [])
    if claims:
        by = {
            s: sum(1 for c in claims if c.get("status") == s)
            for s in ("corroborated", "single-source", "disputed")
        }
        lines.append(
            f"    claims: {by['corroborated']} corroborated, {by['single-source']} single-source,"
            f" {by['disputed']} disputed"
        )
    for fig in ev.get("figures", []):
        if fig.get("conflict"):
            lines.append(f"    conflicting figure: {fig.get('what')} {fig.get('value')}")
    for rel in ev.get("related", []):
        lines.append(f"    {rel['relation']}: {rel['event']}")
    return lines


def summary_text(store: Store) -> str:
    events = store.events()
    n_articles = store.count("articles")
    grouped = store.count("event_articles")
    out = [
        f"{n_articles} articles, {len(events)} events ({n_articles - grouped} articles in none)",
        "",
    ]
    for ev in sorted(events, key=lambda e: (e.get("date") or "", e["id"])):
        out.append(f"[{ev['id']}] " + "\n".join(event_lines(ev)))
    return "\n".join(out)
