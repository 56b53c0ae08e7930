"""Write the story report: per event a Markdown file and a self-contained HTML page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..store import Store
from .story import UNKNOWN, StoryView, anchor, build_view, main_kind


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storylens.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["outlet_label"] = lambda o: o or UNKNOWN
    return env


def _mention_in(item: dict[str, Any], article: str) -> dict[str, Any]:
    return next(m for m in item["mentions"] if m["article"] == article)


def _timeline(ev: dict[str, Any], events: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [
        {"date": ev.get("date"), "title": ev.get("title"), "relation": "this event", "file": None}
    ]
    for rel in ev.get("related", []):
        other = events.get(rel["event"])
        if other:
            rows.append(
                {
                    "date": other.get("date"),
                    "title": other.get("title"),
                    "relation": rel["relation"],
                    "file": f"{other['id']}.html",
                }
            )
    return sorted(rows, key=lambda r: r["date"] or "")


def _outlets_text(view: StoryView) -> str:
    labels = [c.label for c in view.columns]
    named = sorted({label for label in labels if label != UNKNOWN})
    unknown = labels.count(UNKNOWN)
    return (
        ", ".join(named + ([f"{unknown} of unknown outlet"] if unknown else [])) or "nobody known"
    )


def markdown(view: StoryView, timeline: list[dict[str, Any]]) -> str:
    ev = view.event
    out = [
        f"# {ev.get('title') or 'Untitled event'}",
        "",
        f"**When:** {ev.get('date') or 'undated'} · **Where:** "
        f"{', '.join(ev.get('locations', [])) or 'unknown'} · **Reported by:** "
        f"{len(view.columns)} articles from {_outlets_text(view)}",
        "",
    ]
    if view.matrix:
        out += [
            "## Coverage",
            "",
            "| claim | status | " + " | ".join(c.label for c in view.columns) + " |",
            "|---|---|" + "---|" * len(view.columns),
        ]
        for claim, covered in view.matrix:
            cells = " | ".join("●" if yes else "" for yes in covered)
            out.append(
                f"| {_md(claim['text'])} | {claim['status']} ({claim['independent_sources']}) | {cells} |"
            )
        out.append("")
    if view.single_source:
        out += ["## Claims only one source makes", ""]
        out += [
            f"- {_md(c['text'])} — {', '.join(o or UNKNOWN for o in c['outlets'])}"
            for c in view.single_source
        ]
        out.append("")
    if ev.get("figures"):
        out += ["## Figures", "", "| what | value | conflict | evidence |", "|---|---|---|---|"]
        for f in ev["figures"]:
            evidence = "; ".join(
                f"“{_md(view.evidence(m))}” ({view.label(m['article'])})" for m in f["mentions"]
            )
            out.append(
                f"| {f.get('what') or ''} | {f.get('qualifier') or ''} {f['value']:,} | "
                f"{'**yes**' if f.get('conflict') else 'no'} | {evidence} |"
            )
        out.append("")
    if ev.get("quotes"):
        out += ["## Quotes", ""]
        for q in ev["quotes"]:
            by = ", ".join(sorted({view.label(m["article"]) for m in q["mentions"]}))
            text = (
                f"“{q['text']}”" if q.get("kind") == "direct" else f"{q['text']} (reported speech)"
            )
            out.append(
                f"- {_md(text)} — **{q.get('speaker_name') or 'unattributed'}**, reported by {by}"
                + (" (worded differently)" if q.get("variants") else "")
            )
        out.append("")
    if ev.get("framing"):
        outlets = sorted({o for fr in ev["framing"] for o in fr["terms"]})
        out += [
            "## Framing",
            "",
            "| concept | " + " | ".join(outlets) + " |",
            "|---|" + "---|" * len(outlets),
        ]
        for fr in ev["framing"]:
            out.append(
                f"| {fr['concept']} | "
                + " | ".join(", ".join(fr["terms"].get(o, [])) for o in outlets)
                + " |"
            )
        out.append("")
    if len(timeline) > 1:
        out += ["## Timeline", ""] + [
            f"- {t['date'] or 'undated'}: {t['title']} ({t['relation']})" for t in timeline
        ]
        out.append("")
    if ev.get("summary"):
        out += ["## Summary", ""]
        for i, s in enumerate(ev["summary"], 1):
            cites = ", ".join(view.label(m["article"]) for m in s.get("mentions", []))
            out.append(f"{i}. {_md(s['text'])} [{cites}]")
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_reports(store: Store, out_dir: str | Path) -> list[Path]:
    """Write `<event>.md` and `<event>.html` for every event, and an index; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    env = _environment()
    page = env.get_template("event.html.j2")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    events = {ev["id"]: ev for ev in store.events()}
    written: list[Path] = []
    index = ["# storylens report", "", f"{len(events)} events · generated {generated}", ""]
    for ev in sorted(events.values(), key=lambda e: (e.get("date") or "", e["id"]), reverse=True):
        view = build_view(ev, list(store.articles(ev["articles"])))
        timeline = _timeline(ev, events)
        md_path, html_path = out / f"{ev['id']}.md", out / f"{ev['id']}.html"
        md_path.write_text(markdown(view, timeline), encoding="utf-8")
        framing_outlets = sorted({o for fr in ev.get("framing", []) for o in fr["terms"]})
        html_path.write_text(
            page.render(
                ev=ev,
                view=view,
                generated=generated,
                anchor=anchor,
                mention_in=_mention_in,
                main_kind=main_kind,
                UNKNOWN=UNKNOWN,
                timeline=timeline if len(timeline) > 1 else [],
                outlets_text=_outlets_text(view),
                framing_outlets=framing_outlets,
            ),
            encoding="utf-8",
        )
        written += [md_path, html_path]
        index.append(
            f"- {ev.get('date') or 'undated'} — [{ev.get('title') or ev['id']}]({ev['id']}.md) "
            f"([html]({ev['id']}.html)), {len(ev['articles'])} articles"
        )
    (out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    written.append(out / "index.md")
    return written
