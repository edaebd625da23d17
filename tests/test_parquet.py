"""Batch output as Parquet (the ``parquet`` extra): one row per input, the record's columns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract.batch import run
from newsextract.batch.sinks import concatenate

from .test_batch import lines
from .test_record import DESIGN_KEYS
from .warcs import page, write_warc

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

QUOTED = (
    b"<html><head><meta property='og:image' content='https://news.example/i.jpg'></head>"
    b"<body><article><h1>Harbour</h1><p class='byline'>By Ana Lima</p>"
    + b"<p>The harbour reopened on Monday after the storm, and the ferries run again.</p>" * 3
    + b'<p>"We are open again," said Ana Lima, the harbour master.</p>'
    + b"</article></body></html>"
)


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    warc = write_warc(
        tmp_path / "w.warc.gz",
        [
            ("https://news.example/q", "text/html", QUOTED),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),  # skipped: no row
            ("https://news.example/index", "text/html", b"<html><body><a href='/a'>A</a></body></html>"),
            *((f"https://news.example/{i}", "text/html", page(i)) for i in range(3)),
        ],
    )
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text(json.dumps({"html": page(9).decode()}) + "\nnot json\n")  # no URL; a bad line
    return [warc, jsonl]


def _as_jsonl(row: dict) -> dict:
    """A Parquet row as the JSONL line of the same input."""
    row = dict(row)
    source = {k: v for k, v in row.pop("source").items() if v is not None}
    kind, message = row.pop("error_kind"), row.pop("error_message")
    if kind is not None:
        assert all(value is None for value in row.values())  # an error row has no record values
        return {"error": {"kind": kind, "message": message}, "source": source}
    return {**row, "source": source}


def test_cli_batch_to_parquet_equals_the_jsonl_run(tmp_path: Path, inputs: list[Path]) -> None:
    out = tmp_path / "out.parquet"
    base = [sys.executable, "-m", "newsextract", "batch", *map(str, inputs), "--quiet"]
    proc = subprocess.run([*base, "-o", str(out), "--workers", "2"], capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # the bad line
    subprocess.run([*base, "-o", str(tmp_path / "out.jsonl")], capture_output=True, timeout=120)
    expected = lines(tmp_path / "out.jsonl")

    table = pq.read_table(out)
    assert table.column_names == [*DESIGN_KEYS, "error_kind", "error_message", "source"]
    assert table.num_rows == len(expected) == 7  # one per input record but the skipped image
    schema = table.schema
    assert schema.field("authors").type == pa.list_(pa.string())
    assert schema.field("quotes").type == pa.list_(
        pa.struct([("text", pa.string()), ("speaker", pa.string()), ("paragraph", pa.int64())])
    )
    assert schema.field("images").type == pa.list_(
        pa.struct([("url", pa.string()), ("caption", pa.string()), ("credit", pa.string())])
    )
    assert schema.field("source").type.field("offset").type == pa.int64()
    rows = table.to_pylist()
    assert [_as_jsonl(row) for row in rows] == expected  # same values, same order
    first = rows[0]
    assert first["authors"] == ["Ana Lima"] and first["quotes"][0]["speaker"] == "Ana Lima"
    assert first["images"][0]["url"] == "https://news.example/i.jpg"
    kinds = [r["error_kind"] for r in rows]
    assert kinds == [None, "NotAnArticleError", None, None, None, None, "BadInputLine"]
    assert rows[5]["url"] is None and rows[5]["site"] is None and rows[5]["title"] == "Story number 9"


def test_row_groups_are_written_as_the_batch_streams(tmp_path: Path, inputs: list[Path], monkeypatch) -> None:
    from newsextract.batch import sinks

    monkeypatch.setattr(sinks, "ROWS_PER_GROUP", 2)
    out = tmp_path / "out.parquet"
    summary = run(inputs, out, workers=1)  # the extension picks the format
    assert summary.total == 8 and summary.skipped == 1
    assert pq.ParquetFile(out).metadata.num_row_groups == 4  # 7 rows: 2 + 2 + 2 + 1
    assert pq.read_table(out).num_rows == 7


def test_parquet_parts_concatenate_into_the_same_table(tmp_path: Path, inputs: list[Path]) -> None:
    parts = [tmp_path / "0.parquet", tmp_path / "1.parquet"]
    for source, part in zip(inputs, parts, strict=True):
        run([source], part, workers=1)
    concatenate(parts, tmp_path / "joined.parquet", "parquet")
    run(inputs, tmp_path / "whole.parquet", workers=1)
    assert pq.read_table(tmp_path / "joined.parquet").equals(pq.read_table(tmp_path / "whole.parquet"))


def test_parquet_cannot_resume(tmp_path: Path, inputs: list[Path]) -> None:
    with pytest.raises(ValueError, match="--resume needs JSONL"):
        run(inputs, tmp_path / "out.parquet", resume=True)
    with pytest.raises(ValueError, match="unknown output format"):
        run(inputs, tmp_path / "out.csv", format="csv")
