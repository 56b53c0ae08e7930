"""Page furniture: the lines a page wraps around an article, found by what they look like.

Each rule names the reason it removes a line (a small fixed vocabulary, so users can
filter and count removals). Every rule is written so that it cannot match a real
sentence: boilerplate is a closed list, links need a promotional prefix, captions end
in a photo credit, breadcrumbs are section names glued together or joined by `>`.
Furniture glued to the end of a real line ("...enemies.MNA/6056690") is split off first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .outlets import Registry, normalize_phrase

REASONS = (
    "boilerplate",
    "link",
    "slogan",
    "breadcrumb",
    "caption",
    "heading",
    "title",
    "dateline",
    "signature",
    "repeated",
)

# Whole lines that are never news, compared case-blind without trailing punctuation.
BOILERPLATE = frozenset(
    {
        "your comment", "your comments", "leave a comment", "leave a reply", "comments",
        "comment", "post a comment", "view comments", "back to top", "back to top button",
        "advertisement", "advertisment", "advertising", "sponsored", "sponsored content",
        "share", "share this", "share this article", "share this story", "share this post",
        "share on facebook", "share on twitter", "share via", "tweet", "print", "email",
        "print this article", "subscribe", "subscribe now", "sign up", "newsletter",
        "skip to content", "skip to main content", "related", "related articles",
        "related news", "related posts", "related stories", "related content",
        "you may also like", "you might also like", "recommended", "recommended for you",
        "most read", "most popular", "most viewed", "trending", "trending now", "follow us",
        "loading", "click to enlarge", "read more", "read next", "read also", "also read",
        "next article", "previous article", "next post", "previous post", "home", "menu",
        "search", "close", "copy link", "whatsapp", "facebook", "twitter", "telegram",
        "linkedin", "reddit", "top stories", "latest news", "latest", "tags", "topics",
        "more stories", "more news", "listen to this article", "font size",
    }
)  # fmt: skip
# Glued to the end of a real line they are still furniture; kept case-sensitive there.
_GLUED_BOILERPLATE = (
    "Your Comment", "Your Comments", "Back to top button", "Back to top", "Advertisement",
    "Advertisment", "Share this article", "Share this", "Leave a comment", "Leave a Reply",
)  # fmt: skip

# ... and glued to the start of one ("AdvertisementThe minister said ...").
_GLUED_HEAD = ("Advertisement", "Advertisment")

_BOILERPLATE_RE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|all rights reserved)"
    r"|tags?\s*:"
    r"|\d+\s+comments?$|comments?\s*\(\d+\)$"
    r"|(?:follow|join|like) us on\b.{0,60}$"
    r"|(?:subscribe|sign up|register)\b.{0,40}\b(?:newsletter|updates|alerts)\b.{0,40}$"
    r"|share (?:this|on|via)\b.{0,40}$",
    re.IGNORECASE,
)
_COOKIE_RE = re.compile(
    r"^(?=.{0,300}$).*(?:\bcookies?\b.*\b(?:accept|consent|policy|experience|settings)\b"
    r"|\b(?:accept|uses?|consent to)\b.*\bcookies\b)",
    re.IGNORECASE,
)
_LINK_RE = re.compile(
    r"^(?:READ(?: MORE| ALSO| NEXT)?|Read (?:more|also|next)|Also read|ALSO READ|See also"
    r"|SEE ALSO|Related|RELATED|MORE|Watch|WATCH|Listen|LISTEN|Recommended|Click here)"
    r"\s*[:|»>–—-]\s*\S"
)
_GLUED_LINK_RE = re.compile(
    r"(?<=[.!?\"”’])\s*((?:READ(?: MORE| ALSO)?|Read more|Also read|ALSO READ)\s*:.*)$"
)
_CAPTION_RE = re.compile(
    r"\s\[[A-Z][^\[\].]{0,40}\]$"  # "... Ashtiani [Twitter]", "[Getty Images]"
    r"|(?i:\((?:photo|image|picture|file photo|credit|ap photo|photo by|photo credit|video)"
    r"\b[^()]{0,80}\)$"
    r"|^(?:photo|image|picture|file photo|photo credit|caption)\s*:)"
)
# who wrote it: "By Jonas Pell", "posted by Ines Korda", "(Reporting by ...; Editing by ...)"
_BYLINE_RE = re.compile(
    r"^(?:(?i:by|posted by|written by|words by|story by|reported by)\s+"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and|&|\||—|-)\s*[A-Z][^.!?]{0,60})?"
    r"|\((?i:reporting|writing|editing|additional reporting|compiled|produced) by\b[^()]{0,150}\))$"
)
_CAPTION_STARTS = frozenset({"photo", "image", "pictu", "file ", "capti"})
_CRUMB_SEP_RE = re.compile(r"\s*(?:>|»|›|\||/|::)\s*")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_GENERIC_SIGNATURE = r"[A-Z]{2,6}/\d{4,}"  # no \b: glued furniture may follow the digits
_SIGNATURE_LINE_RE = re.compile(
    rf"^(?:{_GENERIC_SIGNATURE}|[A-Z]{{2,6}}(?:/[A-Za-z0-9-]{{1,12}})+)$"
)


@dataclass(slots=True)
class Piece:
    """One bit of furniture split off a line."""

    text: str
    reason: str


class Furniture:
    """Line rules compiled once per registry (slogans and signatures come from it)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        alts = [
            ("boilerplate", "|".join(re.escape(p) for p in _GLUED_BOILERPLATE)),
            ("signature", _GENERIC_SIGNATURE),
        ]
        slogans = sorted(registry.slogans, key=len, reverse=True)
        if slogans:
            alts.append(("slogan", "|".join(re.escape(s) for s in slogans)))
        if registry.signature_re is not None:
            own = "|".join(f"(?:{p})" for o in registry.outlets for p in o.signatures)
            alts.append(("sigreg", own))
        one = "|".join(f"(?P<{name}>{pattern})" for name, pattern in alts)
        plain = re.sub(r"\(\?P<\w+>", "(?:", one)
        self._piece_re = re.compile(one)
        self._tail_re = re.compile(
            rf"(?:(?<=[.!?\"”’)\]])\s*|(?<=[a-z]))((?:{plain})(?:\s*(?:{plain}))*)\s*$"
        )
        self._endings = (*_GLUED_BOILERPLATE, *slogans)
        self._max_slogan = max((len(x) for x in slogans), default=0) + 5
        head = "|".join(re.escape(p) for p in (*_GLUED_HEAD, *slogans))
        self._head_re = re.compile(rf"^((?:{head}))(?=[A-Z“\"‘])")

    # -- furniture glued to a real line --------------------------------------------------
    def unglue(self, line: str) -> tuple[str, list[Piece]]:
        """Split furniture off both ends of `line`; return what is left and what went."""
        pieces: list[Piece] = []
        m = self._head_re.match(line)
        if m:
            pieces.append(Piece(m.group(1), self._reason(m.group(1))))
            line = line[m.end(1) :]
        hint = "READ" in line or "Read more" in line or "Also read" in line
        m = _GLUED_LINK_RE.search(line) if hint else None
        if m and m.start(1) > 0:
            pieces.append(Piece(m.group(1).strip(), "link"))
            line = line[: m.start()].rstrip()
        glued_end = line.endswith(self._endings) or line[-1:].isdigit()
        m = self._tail_re.search(line) if glued_end else None
        if m and m.start(1) > 0:
            for part in self._piece_re.finditer(m.group(1)):
                pieces.append(Piece(part.group(0), self._reason(part.group(0))))
            line = line[: m.start(1)].rstrip()
        return line, pieces

    def _reason(self, text: str) -> str:
        m = self._piece_re.fullmatch(text)
        name = m.lastgroup if m else None
        return "signature" if name == "sigreg" else (name or "boilerplate")

    # -- whole lines -----------------------------------------------------------------------
    def classify(self, line: str) -> str | None:
        """The reason to remove the whole line, or None when no furniture rule matches.

        Cheap tests on length and first/last characters guard the regular expressions:
        most lines are sentences, and cleaning must stay far faster than reading.
        """
        n = len(line)
        if n <= 60:
            key = normalize_phrase(line).rstrip(" .:!|»>-–—")
            if key in BOILERPLATE:
                return "boilerplate"
            if _SIGNATURE_LINE_RE.match(line) or self._is_registry_signature(line):
                return "signature"
        if n <= self._max_slogan and self.registry.slogan(line) is not None:
            return "slogan"
        if _LINK_RE.match(line):
            return "link"
        if _BOILERPLATE_RE.match(line) or ("ookie" in line and _COOKIE_RE.match(line)):
            return "boilerplate"
        last = line[-1]
        if n <= 160 and last not in ".?!" and _BYLINE_RE.match(line):
            return "signature"
        if (last in ")]" or line[:5].lower() in _CAPTION_STARTS) and _CAPTION_RE.search(line):
            return "caption"
        if n <= 100 and last not in ".?!:" and is_breadcrumb(line):
            return "breadcrumb"
        return None

    def _is_registry_signature(self, line: str) -> bool:
        found = self.registry.signature(line)
        # a credit such as "(Reuters) -" starts a sentence; only a bare sign-off is removed
        return found is not None and len(found[1]) >= len(line.strip(" -–—()")) - 1


def is_breadcrumb(line: str) -> bool:
    """Section names in a row: "Home > World > Middle East" or glued "North AmericaIran"."""
    if len(line) > 100 or line.endswith((".", "?", "!", ":")):
        return False
    parts = [p for p in _CRUMB_SEP_RE.split(line) if p]
    arrows = any(sep in line for sep in (">", "»", "›"))
    if len(parts) >= 3 or (len(parts) == 2 and arrows):
        return all(p[0].isupper() and len(p.split()) <= 4 for p in parts)
    parts = _CAMEL_RE.split(line)
    if len(parts) < 3:
        return False
    return all(len(p) >= 3 and p[0].isupper() and len(p.split()) <= 3 for p in parts)
