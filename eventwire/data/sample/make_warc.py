"""Build warc/crawl.warc.gz from the pages and texts kept in warc/src/.

The archive holds one warcinfo record, one HTTP response record per HTML page and one resource record per
plain-text file, as listed in warc/src/manifest.json. Record ids and dates come from the manifest, never
from the clock or a random source, so running the script twice gives byte-identical output and the committed
archive can be checked against its sources.

Usage: python eventwire/data/sample/make_warc.py [OUTPUT]
"""

from __future__ import annotations

import json
import sys
import uuid
from datetime import datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLE_DIR = Path(__file__).resolve().parent
SOURCE_DIR = SAMPLE_DIR / "warc" / "src"
DEFAULT_OUTPUT = SAMPLE_DIR / "warc" / "crawl.warc.gz"
ARCHIVE_NAME = "crawl.warc.gz"
CRAWL_DATE = "2025-04-12T23:00:00Z"
RECORD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eventwire.example-outlet.test/sample-corpus/warc")
CONTENT_TYPES = {"response": "text/html; charset=utf-8", "resource": "text/plain; charset=utf-8"}


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, name)}>"


def http_date(warc_date: str) -> str:
    return format_datetime(datetime.fromisoformat(warc_date.replace("Z", "+00:00")), usegmt=True)


def warcinfo_record(writer: WARCWriter) -> ArcWarcRecord:
    fields = (
        b"software: eventwire sample corpus make_warc.py (warcio)\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: Fictional news pages written for the eventwire sample corpus\r\n"
        b"isPartOf: eventwire-sample-corpus\r\n"
    )
    headers = {"WARC-Record-ID": record_id("warcinfo"), "WARC-Date": CRAWL_DATE, "WARC-Filename": ARCHIVE_NAME}
    return writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_content_type="application/warc-fields",
        warc_headers_dict=headers,
    )


def source_record(writer: WARCWriter, entry: dict[str, str]) -> ArcWarcRecord:
    body = (SOURCE_DIR / entry["file"]).read_bytes()
    record_type = entry["record_type"]
    content_type = CONTENT_TYPES[record_type]
    headers = {"WARC-Record-ID": record_id(entry["target_uri"]), "WARC-Date": entry["date"]}
    if record_type == "resource":
        return writer.create_warc_record(
            entry["target_uri"],
            "resource",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type=content_type,
            warc_headers_dict=headers,
        )
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Date", http_date(entry["date"])),
            ("Server", "nginx"),
            ("Cache-Control", "max-age=300"),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        entry["target_uri"],
        "response",
        payload=BytesIO(body),
        length=len(body),
        warc_headers_dict=headers,
        http_headers=http_headers,
    )


def build_warc(output: Path) -> None:
    """Write the archive described by warc/src/manifest.json to ``output``."""
    manifest = json.loads((SOURCE_DIR / "manifest.json").read_text(encoding="utf-8"))
    with output.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(warcinfo_record(writer))
        for entry in manifest:
            writer.write_record(source_record(writer, entry))


if __name__ == "__main__":
    build_warc(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
