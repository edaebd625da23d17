"""Where a batch's output lines go: JSONL, text, Markdown or Parquet, behind one interface.

A sink's ``render`` runs where the document was extracted (a worker process, with the Article
still at hand), so the writer in the parent only writes: ``write`` takes what ``render``
returned, line by line, in input order.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, TextIO

from ..record import Article, json_schema
from ..render import escape_markdown, framed
from .sources import SOURCE_SCHEMA

__all__ = ["FORMATS", "Sink", "arrow_schema", "check_output", "concatenate", "marked", "open_sink"]

FORMATS = ("jsonl", "text", "markdown", "parquet")
# Only JSONL is its own journal (a line per input, flushed); text has no record boundary to trust,
# and a Parquet file cut short by a kill has no footer, so nothing in it can be read back.
RESUMABLE = frozenset({"jsonl"})
# Rows per Parquet row group: some MB of text at a few KB a record; the writer holds one group.
ROWS_PER_GROUP = 1000
PARQUET_EXTRA = "pip install 'newsextract[parquet]'"


class Sink(Protocol):
    """An open output. ``render`` is a plain function (it is sent to worker processes)."""

    @staticmethod
    def render(line: dict[str, Any], article: Article | None) -> Any: ...

    def write(self, rendered: Any) -> None: ...

    def close(self) -> None: ...


def check_output(output: Path | TextIO, fmt: str | None, *, resume: bool, dedupe: str | None = None) -> str:
    """The output's format: ``fmt``, else what the extension says (``.parquet``), else JSONL.
    ``output`` is a path, or an open text stream (standard output) for the line formats.

    Raises ValueError for an unknown format, a resume the format or a stream cannot do,
    Parquet to a stream, or ``dedupe="mark"`` to a format other than JSONL (only a JSON line
    has a place for ``duplicate_of``), and ImportError naming the extra when the format's
    library is not installed: before any input is read.
    """
    stream = not isinstance(output, Path)
    fmt = fmt or ("parquet" if not stream and output.name.lower().endswith(".parquet") else "jsonl")
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    if resume and fmt not in RESUMABLE:
        raise ValueError(f"--resume needs JSONL output; {fmt} output cannot be continued")
    if stream and resume:
        raise ValueError("--resume continues an output file; standard output cannot be continued")
    if dedupe == "mark" and fmt != "jsonl":
        raise ValueError(f"--dedupe=mark adds duplicate_of to JSON lines: it needs JSONL output, not {fmt}")
    if stream and fmt == "parquet":
        raise ValueError("Parquet output needs a file (its footer is written last): give -o FILE.parquet")
    if fmt == "parquet":
        _pyarrow()
    return fmt


def open_sink(output: Path | TextIO, fmt: str, *, append: bool = False) -> Sink:
    """A sink writing ``output`` in ``fmt`` (checked with ``check_output``). A stream is
    flushed, not closed, when the sink closes."""
    if fmt == "jsonl":
        return JsonlSink(output, append=append)
    if fmt == "text":
        return TextSink(output)
    if fmt == "markdown":
        return MarkdownSink(output)
    assert isinstance(output, Path), "check_output refuses Parquet to a stream"
    return ParquetSink(output)


class _Lines:
    """An output of text lines: a file this sink opens and closes, or a stream it only flushes."""

    def __init__(self, output: Path | TextIO, *, append: bool = False) -> None:
        self._owned = isinstance(output, Path)
        self._fh: TextIO = (
            output.open("a" if append else "w", encoding="utf-8") if isinstance(output, Path) else output
        )

    def close(self) -> None:
        if self._owned:
            self._fh.close()
        else:
            self._fh.flush()


class JsonlSink(_Lines):
    """One JSON line per input, flushed as written: the file is the journal ``--resume`` reads."""

    @staticmethod
    def render(line: dict[str, Any], article: Article | None) -> str:
        return json.dumps(line, ensure_ascii=False)

    def write(self, rendered: str) -> None:
        self._fh.write(rendered + "\n")
        self._fh.flush()


def marked(rendered: str, first: dict[str, Any]) -> str:
    """A JSONL sink's rendered line with ``duplicate_of`` (the first record's source) added last."""
    assert rendered.endswith("}"), "a rendered JSON object"
    return f'{rendered[:-1]}, "duplicate_of": {json.dumps(first, ensure_ascii=False)}}}'


class TextSink(_Lines):
    """Records as ``extract --format text`` prints several: each with its source line and a rule
    after it; a failed input as one line ``SOURCE: Kind: message``."""

    @staticmethod
    def render(line: dict[str, Any], article: Article | None) -> str:
        if article is None:
            return f"{_failure(line)}\n"
        return framed(article, "text", _where(line["source"]))

    def write(self, rendered: str) -> None:
        self._fh.write(rendered + "\n")


class MarkdownSink(TextSink):
    """Records as ``extract --format markdown`` prints them; a failed input as an emphasised line."""

    @staticmethod
    def render(line: dict[str, Any], article: Article | None) -> str:
        if article is None:
            return f"**Failed:** {escape_markdown(_failure(line))}\n"
        return framed(article, "markdown", _where(line["source"]))


def _where(source: dict[str, Any]) -> str:
    where = str(source.get("file") or source.get("url"))
    return where + "".join(f" {key} {source[key]}" for key in ("line", "offset", "index") if key in source)


def _failure(line: dict[str, Any]) -> str:
    return f"{_where(line['source'])}: {line['error']['kind']}: {line['error']['message']}"


class ParquetSink:
    """One row per input, columns from the record's JSON Schema, written a row group at a time."""

    def __init__(self, output: Path) -> None:
        self._pa, pq = _pyarrow()
        self._schema = arrow_schema()
        self._writer = pq.ParquetWriter(output, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    @staticmethod
    def render(line: dict[str, Any], article: Article | None) -> dict[str, Any]:
        error = line.get("error")
        if error is None:
            return line
        return {"error_kind": error["kind"], "error_message": error["message"], "source": line["source"]}

    def write(self, rendered: dict[str, Any]) -> None:
        self._rows.append(rendered)
        if len(self._rows) >= ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows.clear()

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()


def arrow_schema() -> Any:
    """The Parquet columns: the record's fields (from its JSON Schema, so the two stay in step),
    then ``error_kind``, ``error_message`` (set on the rows of failed inputs, whose record
    columns are null) and ``source``."""
    pa, _ = _pyarrow()
    columns = [pa.field(name, _arrow_type(prop)) for name, prop in json_schema()["properties"].items()]
    columns += [
        pa.field("error_kind", pa.string()),
        pa.field("error_message", pa.string()),
        pa.field("source", _arrow_type(SOURCE_SCHEMA)),
    ]
    return pa.schema(columns)


def _arrow_type(prop: dict[str, Any]) -> Any:
    pa, _ = _pyarrow()
    if "const" in prop:
        return pa.string()  # the schema name
    kinds = [prop["type"]] if isinstance(prop["type"], str) else [t for t in prop["type"] if t != "null"]
    (kind,) = kinds
    if kind == "array":
        return pa.list_(_arrow_type(prop["items"]))
    if kind == "object":
        return pa.struct([pa.field(k, _arrow_type(v)) for k, v in prop["properties"].items()])
    return {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_()}[kind]


def concatenate(parts: Iterable[Path], output: Path, fmt: str) -> None:
    """Part files of one format, in order, into ``output`` (the Dask engine's last step)."""
    if fmt != "parquet":
        with output.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    shutil.copyfileobj(fh, out)
        return
    _, pq = _pyarrow()
    with pq.ParquetWriter(output, arrow_schema(), compression="zstd") as writer:
        for part in parts:
            for batch in pq.ParquetFile(part).iter_batches(batch_size=ROWS_PER_GROUP):
                writer.write_batch(batch)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ImportError(f"Parquet output needs pyarrow: {PARQUET_EXTRA}") from exc
    return pyarrow, pyarrow.parquet
