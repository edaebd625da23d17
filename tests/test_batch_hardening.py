"""Batch under attack and misuse: real files, the CLI as a real subprocess.

Over-long JSONL lines, resume by another spelling of an input, two runs on one output, resume
onto a file newsextract did not write, hostile WARC headers, and bad usage (exit 2, a clear
message, no traceback, nothing overwritten).
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsextract.batch import OutputError, run

from .warcs import page, write_warc

CLI = [sys.executable, "-m", "newsextract"]
# The CLI in a process that reports its own peak RSS (kB) on stderr's last line.
WITH_PEAK_RSS = (
    "import resource, sys\n"
    "from newsextract.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "batch", *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def _jsonl_gz(path: Path, html_bytes: int) -> Path:
    """A .jsonl.gz of three lines: a page, a line whose ``html`` is ``html_bytes`` long, a page."""
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(json.dumps({"url": "https://news.example/1", "html": page(1).decode()}).encode() + b"\n")
        fh.write(b'{"url": "https://news.example/big", "html": "<p>')
        chunk = b"x" * (1 << 20)
        for _ in range(html_bytes // len(chunk)):
            fh.write(chunk)
        fh.write(b'</p>"}\n')
        fh.write(json.dumps({"url": "https://news.example/3", "html": page(3).decode()}).encode() + b"\n")
    return path


def _peak_rss_kb(source: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    proc = subprocess.run(
        [sys.executable, "-c", WITH_PEAK_RSS, "batch", str(source), "-o", str(out)]
        + ["--workers", "1", "--max-bytes", "100000", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc, int(proc.stderr.strip().splitlines()[-1])


def test_an_over_long_jsonl_line_is_that_lines_error_and_memory_stays_flat(tmp_path: Path) -> None:
    small = _jsonl_gz(tmp_path / "small.jsonl.gz", 1 << 20)
    huge = _jsonl_gz(tmp_path / "huge.jsonl.gz", 256 << 20)  # 256 MB in one line, ~1 MB on disk
    assert huge.stat().st_size < 4 << 20
    small_run, small_rss = _peak_rss_kb(small, tmp_path / "small.jsonl")
    huge_run, huge_rss = _peak_rss_kb(huge, tmp_path / "huge.jsonl")
    for proc, out in ((small_run, tmp_path / "small.jsonl"), (huge_run, tmp_path / "huge.jsonl")):
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        got = lines(out)
        assert [g["source"]["line"] for g in got] == [1, 2, 3]
        assert got[1]["error"]["kind"] == "InputTooLargeError" and "line 2" in got[1]["error"]["message"]
        assert got[0]["title"] == "Story number 1" and got[2]["title"] == "Story number 3"
    # Read whole, the line would cost its 256 MB at least; read with the bound, a chunk of it.
    assert huge_rss - small_rss < 64 * 1024, (small_rss, huge_rss)


def test_a_jsonl_page_over_the_limit_within_its_line_bound_is_an_error_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "pages.jsonl"
    rows = [{"html": page(1).decode() + "<p>" + "y" * 3000 + "</p>"}, {"html": page(2).decode()}]
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows))
    summary = run([jsonl], tmp_path / "out.jsonl", workers=1, max_bytes=2000)
    got = lines(tmp_path / "out.jsonl")
    assert summary.ok == 1 and got[0]["error"]["kind"] == "InputTooLargeError"
    assert "line 1" in got[0]["error"]["message"] and got[1]["title"] == "Story number 2"


def test_an_over_long_url_list_line_is_that_lines_error(tmp_path: Path) -> None:
    from newsextract.batch.sources import MAX_URL_LINE, iter_items

    urls = tmp_path / "urls.txt"
    urls.write_text(
        "https://a.example/1\nhttps://a.example/" + "x" * (MAX_URL_LINE + 10) + "\nhttps://a.example/3\n"
    )
    items = list(iter_items(urls))
    assert [it.source["line"] for it in items] == [1, 2, 3]
    assert items[1].error is not None and items[1].error[0] == "BadInputLine"
    assert [it.url for it in items if it.error is None] == ["https://a.example/1", "https://a.example/3"]


def test_resume_names_an_input_by_any_spelling_of_its_path(tmp_path: Path) -> None:
    records = [(f"https://news.example/{i}", "text/html", page(i)) for i in range(12)]
    write_warc(tmp_path / "big.warc.gz", records)
    out = tmp_path / "out.jsonl"
    first = batch("big.warc.gz", "-o", "out.jsonl", "--workers", "1", "--quiet", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    full = out.read_text(encoding="utf-8")
    kept = full.splitlines(keepends=True)[:5]
    for spelling in (str(tmp_path / "big.warc.gz"), "./big.warc.gz", "../" + tmp_path.name + "/big.warc.gz"):
        out.write_text("".join(kept), encoding="utf-8")  # an earlier run cut short after 5 records
        resumed = batch(spelling, "-o", "out.jsonl", "--resume", "--workers", "2", "--quiet", cwd=tmp_path)
        assert resumed.returncode == 0, resumed.stderr
        got = lines(out)
        assert len(got) == 12, spelling  # the 5 done are not written again
        assert [g["title"] for g in got] == [f"Story number {i}" for i in range(12)]
        assert '"total": 12' in resumed.stderr


def test_the_same_input_named_twice_by_two_spellings_is_one_input(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "w.warc.gz", [("https://news.example/1", "text/html", page(1))])
    link = tmp_path / "link.warc.gz"
    link.symlink_to(warc)
    summary = run([warc, tmp_path / "." / "w.warc.gz", link], tmp_path / "out.jsonl", workers=1)
    assert summary.total == 1 and lines(tmp_path / "out.jsonl")[0]["source"]["file"] == str(warc)


def test_a_second_run_on_an_output_in_use_is_refused(tmp_path: Path) -> None:
    records = [(f"https://news.example/{i}", "text/html", page(i)) for i in range(600)]
    warc = write_warc(tmp_path / "big.warc.gz", records)
    out = tmp_path / "out.jsonl"
    cmd = [*CLI, "batch", str(warc), "-o", str(out), "--resume", "--workers", "1", "--quiet"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 5000):
            time.sleep(0.02)
        assert first.poll() is None, "the first run must still be writing"
        second = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        _, first_err = first.communicate(timeout=300)
    finally:
        first.kill()
    assert second.returncode == 2, second.stderr
    assert "being written by another newsextract batch run" in second.stderr
    assert "Traceback" not in second.stderr
    assert first.returncode == 0, first_err
    got = lines(out)
    assert [g["source"]["offset"] for g in got] == sorted({g["source"]["offset"] for g in got})
    assert len(got) == 600  # every record once


def test_the_library_refuses_an_output_locked_by_another_process(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"fh = open({str(out)!r}, 'a'); fcntl.flock(fh, fcntl.LOCK_EX); print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        (tmp_path / "a.html").write_bytes(page(1))
        with pytest.raises(OutputError, match="another newsextract batch run"):
            run([tmp_path / "a.html"], out, workers=1, resume=True)
    finally:
        holder.kill()
        holder.communicate()  # reaps it and closes its pipe
    assert out.read_text() == ""


@pytest.mark.parametrize(
    "content",
    [
        "notes about the crawl\nok\n",  # 25 bytes of text
        "notes about the crawl, v2",  # text without a newline: no torn line of a record
        '{"title": "A", "body": ["x"]}\n',  # JSONL, but without ``source``
        '{"schema": "newsextract/1", "title": "A"}\n',  # a record, but not a batch line
        '{"error": {"kind": "Timeout", "message": "m"}, "source": {"file": "x"}}\n[1, 2]\n',
    ],
)
def test_resume_onto_a_file_newsextract_did_not_write_is_refused_untouched(
    tmp_path: Path, content: str
) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "notes.jsonl"
    out.write_text(content, encoding="utf-8")
    proc = batch(tmp_path / "a.html", "-o", out, "--resume", "--quiet")
    assert proc.returncode == 2 and "was not written by newsextract batch" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == content


def test_resume_cuts_a_torn_last_line_of_its_own(tmp_path: Path) -> None:
    pages = [tmp_path / f"p{i}.html" for i in range(3)]
    for i, path in enumerate(pages):
        path.write_bytes(page(i))
    out = tmp_path / "out.jsonl"
    run(pages, out, workers=1)
    full = out.read_text(encoding="utf-8")
    first = full.splitlines(keepends=True)[0]
    for torn in ('{"sch', full.splitlines(keepends=True)[1][:50]):
        out.write_text(first + torn, encoding="utf-8")
        summary = run(pages, out, workers=1, resume=True)
        assert out.read_text(encoding="utf-8") == full and summary.total == 3


# ------------------------------------------------------------------------------ hostile WARC headers
_RELATIVE = page(5).replace(b"<article>", b"<article><span class='date'>5 hours ago</span>")


@pytest.mark.parametrize(
    ("url", "content_type", "date", "body", "warned"),
    [
        pytest.param(
            "https://news.example/far",
            "text/html",
            "9999-12-31T23:59:59Z",
            _RELATIVE,
            "fetched_at:",
            id="warc-date-9999",
        ),
        pytest.param("javascript:alert(1)", "text/html", None, page(5), "url:", id="javascript-uri"),
        pytest.param("http://[::1", "text/html", None, page(5), "url:", id="broken-ipv6-uri"),
        pytest.param(
            "https://news.example/nul",
            "text/html; charset=utf-8\x00",
            None,
            page(5),
            "",  # the WARC reader drops a charset that is no name; the page reads as it declares
            id="charset-nul",
        ),
    ],
)
def test_a_page_with_hostile_warc_metadata_is_still_extracted(
    tmp_path: Path, url: str, content_type: str, date: str | None, body: bytes, warned: str
) -> None:
    records = [
        ("https://news.example/before", "text/html", page(4)),
        (url, content_type, body),
        ("https://news.example/after", "text/html", page(6)),
    ]
    warc = write_warc(tmp_path / "hostile.warc.gz", records, **({"date": date} if date else {}))
    out = tmp_path / "out.jsonl"
    proc = batch(warc, "-o", out, "--workers", "1", "--quiet")
    assert "Traceback" not in proc.stderr
    got = lines(out)
    assert [g.get("title") for g in got] == ["Story number 4", "Story number 5", "Story number 6"], got
    assert proc.returncode == 0, proc.stderr
    assert any(w.startswith(warned) for w in got[1]["warnings"])


# ------------------------------------------------------------------------------ bad usage
@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, Path]:
    """An input page, and the output of an earlier run (which bad usage must leave alone)."""
    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "out.jsonl"
    run([tmp_path / "a.html"], out, workers=1)
    return tmp_path / "a.html", out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--timeout", "-5"], "--timeout: '-5' is not a number of seconds"),
        (["--timeout", "nan"], "--timeout: 'nan' is not a number of seconds"),
        (["--resume", "--force"], "not allowed with argument --resume"),
        (["--max-bytes", "-1"], "--max-bytes: '-1' is not a positive whole number"),
        (["--max-bytes", "0"], "--max-bytes: '0' is not a positive whole number"),
        (["--workers", "0"], "--workers: '0' is not a positive whole number"),
    ],
)
def test_bad_options_are_usage_errors(earlier: tuple[Path, Path], args: list[str], said: str) -> None:
    source, out = earlier
    before = out.read_bytes()
    proc = batch(source, "-o", out, *args, "--quiet")
    assert proc.returncode == 2 and said in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and out.read_bytes() == before


def test_a_missing_input_is_a_usage_error_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "out.jsonl"
    proc = batch(tmp_path / "a.html", tmp_path / "nosuchdir", "-o", out, "--quiet")
    assert proc.returncode == 2 and f"no such input: {tmp_path / 'nosuchdir'}" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_extract_refuses_a_negative_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    proc = subprocess.run(
        [*CLI, "extract", str(tmp_path / "a.html"), "--max-bytes", "-1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "is not a positive whole number" in proc.stderr and not proc.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "text", "markdown"])
def test_output_dash_is_standard_output(tmp_path: Path, fmt: str) -> None:
    pages = [tmp_path / "a.html", tmp_path / "b.html"]
    for i, path in enumerate(pages):
        path.write_bytes(page(i))
    out = tmp_path / f"out.{fmt}"
    run(pages, out, workers=1, format=fmt)
    proc = batch(*pages, "-o", "-", "--format", fmt, "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == out.read_text(encoding="utf-8") and proc.stdout
    assert not (tmp_path / "-").exists() and '"total": 2' in proc.stderr


@pytest.mark.parametrize("args", [["--format", "parquet"], ["--resume"]])
def test_output_dash_refuses_what_a_stream_cannot_do(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    proc = batch(tmp_path / "a.html", "-o", "-", *args, "--quiet", cwd=tmp_path)
    assert proc.returncode == 2 and not proc.stdout and "Traceback" not in proc.stderr
    assert ("needs a file" in proc.stderr) if "parquet" in args else ("standard output" in proc.stderr)
    assert not (tmp_path / "-").exists()


def test_options_that_cannot_work_are_a_value_error_in_the_library(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "out.jsonl"
    for bad in ({"timeout": -5}, {"timeout": float("inf")}, {"max_bytes": 0}, {"workers": 0}):
        with pytest.raises(ValueError):
            run([tmp_path / "a.html"], out, **bad)
    with pytest.raises(ValueError, match="give one of them"):
        run([tmp_path / "a.html"], out, resume=True, force=True)
    assert not out.exists()  # refused before the output is touched


def test_the_dask_engine_refuses_an_output_another_run_holds(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from newsextract.batch.dask_engine import run_dask
    from newsextract.batch.journal import OutputError, locked

    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "out.jsonl"
    with locked(out), pytest.raises(OutputError, match="another newsextract batch run"):
        run_dask([tmp_path / "a.html"], out, scheduler="tcp://127.0.0.1:1")  # refused before any cluster
    assert out.read_text() == ""
