"""Build the sample corpus's WARC archive from the HTML pages in `sample/warc_src/`.

The archive is committed, so the build must be byte-for-byte reproducible: every record
gets a fixed WARC-Date and a record id derived from its target URI (uuid5), and warcio's
gzip members carry no timestamp. Run it again after editing a page under `warc_src/`:

    .venv/bin/python tools/build_sample_warc.py

Besides the three HTML responses the archive holds what a real crawl holds around them
(a warcinfo record, the request records, and a plain-text robots.txt response), so a
reader has to pick out the HTML responses itself.
"""

from __future__ import annotations

import argparse
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "storylens" / "sample"
SOURCE_DIR = SAMPLE / "warc_src"
OUTPUT = SAMPLE / "corpus" / "warc" / "crawl-2025.warc.gz"
ID_NAMESPACE = uuid.UUID("6f1c3f52-1d0e-4c57-9a43-5b1f0e2a7c11")


@dataclass(frozen=True)
class Page:
    """One crawled page: the file it is built from, where it was fetched, and when."""

    file: str
    uri: str
    fetched: str


PAGES = (
    Page(
        "harborwire_quake_2024-08-19.html",
        "https://harborwire.example/world/2024/08/19/brannock-earthquake",
        "2025-06-05T10:00:01Z",
    ),
    Page(
        "pulse24_talks_2025-05-11.html",
        "https://pulse24now.example/world/secret-arms-deal-port-salen-talks",
        "2025-06-05T10:00:07Z",
    ),
    Page(
        "harborwire_strike_2025-05-19.html",
        "https://harborwire.example/business/2025/05/19/port-salen-dockworkers-strike",
        "2025-06-05T10:00:12Z",
    ),
)
ROBOTS = Page("", "https://pulse24now.example/robots.txt", "2025-06-05T10:00:00Z")
ROBOTS_BODY = b"User-agent: *\nDisallow: /admin/\n"


def _record_id(kind: str, uri: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, kind + ' ' + uri)}>"


def _warc_headers(kind: str, uri: str, date: str) -> dict[str, str]:
    return {"WARC-Record-ID": _record_id(kind, uri), "WARC-Date": date}


def _write_pair(writer: WARCWriter, uri: str, date: str, body: bytes, content_type: str) -> None:
    """A request record and its response, as a crawler writes them."""
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3]
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", host), ("User-Agent", "storylens-sample-crawler/1.0")],
        is_http_request=True,
    )
    writer.write_record(
        writer.create_warc_record(
            uri,
            "request",
            http_headers=request_headers,
            warc_headers_dict=_warc_headers("request", uri, date),
        )
    )
    response_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Date", "Thu, 05 Jun 2025 10:00:00 GMT"),
        ],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            uri,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=response_headers,
            warc_headers_dict=_warc_headers("response", uri, date),
        )
    )


def build(output: Path = OUTPUT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = {
            "software": "storylens tools/build_sample_warc.py",
            "format": "WARC File Format 1.0",
        }
        writer.write_record(_warcinfo(writer, OUTPUT.name, info))
        _write_pair(writer, ROBOTS.uri, ROBOTS.fetched, ROBOTS_BODY, "text/plain")
        for page in PAGES:
            body = (SOURCE_DIR / page.file).read_bytes()
            _write_pair(writer, page.uri, page.fetched, body, "text/html; charset=utf-8")
    return output


def _warcinfo(writer: WARCWriter, filename: str, info: dict[str, str]) -> ArcWarcRecord:
    payload = "".join(f"{key}: {value}\r\n" for key, value in info.items()).encode("utf-8")
    headers = _warc_headers("warcinfo", filename, "2025-06-05T10:00:00Z")
    headers["WARC-Filename"] = filename
    return writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(payload),
        length=len(payload),
        warc_content_type="application/warc-fields",
        warc_headers_dict=headers,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    print(build(parser.parse_args().output))


if __name__ == "__main__":
    main()
