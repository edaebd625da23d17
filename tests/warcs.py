"""WARC files written by a well-kept writer (warcio), for batch tests and benchmarks."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(n: int, words: str = "river") -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {n} about the {words}, long enough to count as article text, with commas.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Story number {n}</h1>{paragraphs}</article><footer>© test</footer></body></html>"
    ).encode()


def write_warc(
    path: Path, records: Iterable[tuple[str, str, bytes]], *, date: str = "2021-03-04T05:06:07Z"
) -> Path:
    """records: (url, content type, body). Every record is its own gzip member."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio buffers the payload in a temporary file
    return path
