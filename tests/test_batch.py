"""Batch: real WARC files, folders, JSONL, URL lists; resume after kill -9; a real Dask cluster."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsextract.batch import iter_results, run
from newsextract.render import escape_markdown

from .faultserver import FaultServer
from .warcs import page, write_warc

FIXTURES = Path(__file__).parent / "fixtures"
UK = "Київ вітає весну: у місті відкрили нову бібліотеку на березі Дніпра, де читачі можуть брати книжки."


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def mixed_warc(tmp_path: Path) -> Path:
    wrong_charset = (
        "<html><body><article><h1>Новина</h1>" + f"<p>{UK}</p>" * 4 + "</article></body></html>"
    ).encode("cp1251")
    return write_warc(
        tmp_path / "mixed.warc.gz",
        [
            ("https://news.example/a", "text/html; charset=utf-8", page(1)),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
            (
                "https://news.example/uk",
                "text/html; charset=utf-8",
                wrong_charset,
            ),  # says UTF-8, is windows-1251
            ("https://news.example/a", "text/html", page(1)),  # the same URL captured twice
            (
                "https://news.example/index",
                "text/html",
                b"<html><body><a href='/a'>A</a> <a href='/b'>B</a></body></html>",
            ),
        ],
    )


def test_warc_every_record_accounted_for(mixed_warc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run([mixed_warc], out, workers=1)
    assert summary.to_dict() == {"ok": 3, "not_article": 1, "errors": 0, "skipped": 1, "total": 5}
    got = lines(out)
    assert len(got) == 4 and len({json.dumps(g["source"], sort_keys=True) for g in got}) == 4
    by_url = {}
    for g in got:
        by_url.setdefault(g.get("url"), []).append(g)
    assert len(by_url["https://news.example/a"]) == 2  # duplicates are both kept, with distinct offsets
    uk = by_url["https://news.example/uk"][0]
    assert uk["body"][0] == UK  # the wrong HTTP charset did not win
    assert uk["published"] is None and all(g["source"]["file"] == str(mixed_warc) for g in got)


def test_capture_time_feeds_relative_dates(tmp_path: Path) -> None:
    html = page(7).replace(b"<article>", b"<article><span class='date'>3 hours ago</span>")
    warc = write_warc(
        tmp_path / "rel.warc.gz", [("https://news.example/r", "text/html", html)], date="2019-06-01T12:00:00Z"
    )
    ((_, line),) = list(iter_results([warc]))
    assert line is not None and line["published"].startswith("2019-06-01T09:00")
    assert line["fetched_at"] == "2019-06-01T12:00:00+00:00"  # the record says when it was captured


def test_truncated_gzip_member_is_an_error_record(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "cut.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(3)]
    )
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 300])  # the last member loses its end
    summary = run([warc], tmp_path / "out.jsonl", workers=1)
    got = lines(tmp_path / "out.jsonl")
    assert summary.ok == 2 and summary.errors == 1
    assert got[-1]["error"]["kind"] in ("TruncatedRecord", "TruncatedArchive")
    assert got[-1]["source"]["offset"] > got[-2]["source"]["offset"]


def test_folder_jsonl_and_missing_inputs(tmp_path: Path) -> None:
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(
        json.dumps({"url": "https://x.example/1", "html": page(3).decode()}) + "\n" + "not json\n"
    )
    out = tmp_path / "out.jsonl"
    pages = len(list((FIXTURES / "generic").glob("*.html")))  # every page of the folder is an article
    summary = run([FIXTURES / "generic", jsonl, tmp_path / "nope.warc.gz"], out, workers=2)
    assert summary.to_dict() == {
        "ok": pages + 1,
        "not_article": 0,
        "errors": 2,
        "skipped": 0,
        "total": pages + 3,
    }
    kinds = sorted(g["error"]["kind"] for g in lines(out) if "error" in g)
    assert kinds == ["BadInputLine", "FileNotFoundError"]


def test_url_list_is_fetched(tmp_path: Path) -> None:
    with FaultServer() as server:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{server.base}/ok\n# a comment\n{server.base}/gone\n")
        from newsextract.fetch import FetchConfig

        summary = run(
            [urls],
            tmp_path / "out.jsonl",
            workers=1,
            fetch_config=FetchConfig(per_host_delay=0, max_attempts=1),
        )
    assert summary.ok == 1 and summary.errors == 1
    got = {g["source"]["line"]: g for g in lines(tmp_path / "out.jsonl")}
    assert got[1]["title"] == "Fault server article" and got[3]["error"]["kind"] == "BadStatusError"
    assert list(got) == [1, 3]


def test_a_time_limit_shorter_than_the_first_loads_still_lets_every_page_finish(tmp_path: Path) -> None:
    """In a fresh process, the language model's cache off (its load takes about 0.6 s): the
    worker loads the pipeline, dateparser and the model before its first page, outside the
    page's time limit, so pages that need the model finish within a limit shorter than the load."""
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("".join(json.dumps({"html": page(i).decode()}) + "\n" for i in range(3)))
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newsextract", "batch", str(jsonl), "-o", str(out), "--workers", "1"]
        + ["--timeout", "0.3", "--quiet"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NEWSEXTRACT_CACHE_DIR": ""},
    )
    assert proc.returncode == 0, proc.stderr
    assert [line.get("language") for line in lines(out)] == ["en"] * 3  # the pages declare none


def _big_batch(tmp_path: Path) -> tuple[list[str], Path]:
    """The command of a 1,500-page batch on 2 workers, and its output file."""
    records = [(f"https://news.example/{i}", "text/html", page(i)) for i in range(1500)]
    warc = write_warc(tmp_path / "big.warc.gz", records)
    out = tmp_path / "out.jsonl"
    return [
        sys.executable,
        "-m",
        "newsextract",
        "batch",
        str(warc),
        "-o",
        str(out),
        "--workers",
        "2",
        "--quiet",
    ], out


def _wait_for_output(out: Path, size: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < size):
        time.sleep(0.02)


def _batch_under_way(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, set[int]]:
    """The big batch as a subprocess, some lines written: (runner, output, worker pids)."""
    cmd, out = _big_batch(tmp_path)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_output(out, 20_000)
    return proc, out, _children(proc.pid)


def test_resume_after_kill_9(tmp_path: Path) -> None:
    cmd, out = _big_batch(tmp_path)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_output(out, 40_000)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole process group: runner and its workers
    proc.wait()
    partial = out.read_bytes().count(b"\n")
    assert 0 < partial < 1500, "the kill must land mid-run"
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    got = lines(out)
    offsets = [g["source"]["offset"] for g in got]
    assert len(offsets) == 1500 and len(set(offsets)) == 1500  # nothing lost, nothing twice
    assert offsets == sorted(offsets)  # the first run wrote a prefix in order; the resume the rest
    assert sorted(g["title"] for g in got) == sorted(f"Story number {i}" for i in range(1500))
    assert b'"total": 1500' in resumed.stderr


def test_cli_batch_exit_codes(tmp_path: Path, mixed_warc: Path) -> None:
    out = tmp_path / "o.jsonl"
    ok = subprocess.run(
        [sys.executable, "-m", "newsextract", "batch", str(mixed_warc), "-o", str(out), "--quiet"],
        capture_output=True,
        timeout=120,
    )
    assert ok.returncode == 0 and b'"skipped": 1' in ok.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n")
    bad = subprocess.run(
        [sys.executable, "-m", "newsextract", "batch", str(broken), "-o", str(tmp_path / "b.jsonl")],
        capture_output=True,
        timeout=120,
    )
    assert bad.returncode == 1 and b'"errors": 1' in bad.stderr


def test_cli_batch_refuses_to_overwrite_an_earlier_run(tmp_path: Path, mixed_warc: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"earlier": "run"}\n')
    cmd = [sys.executable, "-m", "newsextract", "batch", str(mixed_warc), "-o", str(out), "--quiet"]
    refused = subprocess.run(cmd, capture_output=True, timeout=120)
    assert refused.returncode == 2 and b"--resume" in refused.stderr and b"--force" in refused.stderr
    assert out.read_text() == '{"earlier": "run"}\n'  # untouched
    forced = subprocess.run([*cmd, "--force"], capture_output=True, timeout=120)
    assert forced.returncode == 0 and "earlier" not in out.read_text()
    with pytest.raises(FileExistsError):
        run([mixed_warc], out, workers=1)  # the library says the same


def test_dask_local_cluster_matches_local_run(tmp_path: Path, mixed_warc: Path) -> None:
    distributed = pytest.importorskip("distributed")
    second = write_warc(
        tmp_path / "second.warc.gz",
        [(f"https://news.example/s{i}", "text/html", page(100 + i)) for i in range(5)],
    )
    from newsextract.batch.dask_engine import run_dask

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        summary = run_dask([mixed_warc, second], tmp_path / "dask.jsonl", scheduler=cluster.scheduler_address)
        run_dask(
            [mixed_warc, second], tmp_path / "dask.md", scheduler=cluster.scheduler_address, format="markdown"
        )
    local = run([mixed_warc, second], tmp_path / "local.jsonl", workers=1)
    run([mixed_warc, second], tmp_path / "local.md", workers=1, format="markdown")
    assert (tmp_path / "dask.md").read_text() == (tmp_path / "local.md").read_text()
    assert (
        (tmp_path / "dask.md")
        .read_text()
        .startswith(f"Source: `{mixed_warc} offset 0`\n\n# Story number 1\n")
    )
    assert (
        summary.to_dict()
        == local.to_dict()
        == {"ok": 8, "not_article": 1, "errors": 0, "skipped": 1, "total": 10}
    )
    assert lines(tmp_path / "dask.jsonl") == lines(tmp_path / "local.jsonl")  # same lines, same order
    assert not (tmp_path / "dask.jsonl.parts").exists()


def test_a_jsonl_line_with_a_bad_capture_time_is_that_lines_error(tmp_path: Path) -> None:
    rows = [
        {"html": page(1).decode(), "url": "https://news.example/1", "fetched_at": "not a time"},
        {"html": page(2).decode(), "url": "https://news.example/2", "fetched_at": 1717171717},
        {"html": page(3).decode(), "url": "https://news.example/3", "fetched_at": "2024-06-01T10:00:00Z"},
    ]
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    summary = run([source], tmp_path / "out.jsonl", workers=1)
    got = lines(tmp_path / "out.jsonl")
    assert summary.ok == 1 and summary.errors == 2
    assert [line["source"]["line"] for line in got if "error" in line] == [1, 2]
    assert all(line["error"]["kind"] == "BadInputLine" for line in got if "error" in line)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_cli_batch_on_a_full_disk_says_so_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_bytes(page(1))
    proc = subprocess.run(
        [sys.executable, "-m", "newsextract", "batch", str(tmp_path / "in"), "-o", "/dev/full", "--quiet"],
        capture_output=True,
        timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "cannot write /dev/full: No space left on device" in err
    assert "Traceback" not in err


def test_an_uncompressed_warc_cut_short_reports_its_last_record_truncated(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "cut.warc", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(3)]
    )
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 300])  # the file ends inside the last record's body
    summary = run([warc], tmp_path / "out.jsonl", workers=1)
    got = lines(tmp_path / "out.jsonl")
    assert summary.ok == 2 and summary.errors == 1
    assert got[-1]["error"]["kind"] == "TruncatedRecord"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed first alarm
def test_a_timeout_that_lands_in_a_finalizer_still_ends_the_document(monkeypatch) -> None:
    import gc

    from newsextract import pipeline
    from newsextract.batch.options import Options
    from newsextract.batch.worker import Worker

    class SlowToDie:
        def __del__(self) -> None:
            time.sleep(1.0)  # the first alarm lands here, where Python swallows exceptions

    def stuck(*args, **kwargs):
        SlowToDie()
        gc.collect()
        time.sleep(30)  # without a second alarm the limit would be lost here

    monkeypatch.setattr(pipeline, "extract", stuck)
    line = Worker(Options(timeout=0.2))(({"file": "x"}, None, b"<html></html>", None, None))
    assert line["error"]["kind"] == "Timeout"


def _children(pid: int) -> set[int]:
    kids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.add(int(stat.parent.name))
    return kids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_workers_exit_quietly_when_the_runner_is_killed(tmp_path: Path) -> None:
    proc, _, workers = _batch_under_way(tmp_path)
    assert workers, "the runner must have started its workers"
    proc.kill()  # the runner only: its workers are not signalled by anyone but the kernel
    try:
        _, err = proc.communicate(timeout=20)  # EOF once the last holder of stderr (a worker) is gone
    finally:
        for worker in workers:  # leave no process behind, whatever the outcome
            try:
                os.kill(worker, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert b"Traceback" not in err


def test_a_warc_record_over_the_size_limit_is_an_error_line_not_read(tmp_path: Path) -> None:
    big = page(1) + b"<p>" + b"x" * 5000 + b"</p>"
    warc = write_warc(
        tmp_path / "w.warc.gz",
        [("https://news.example/big", "text/html", big), ("https://news.example/2", "text/html", page(2))],
    )
    summary = run([warc], tmp_path / "out.jsonl", workers=1, max_bytes=2000)
    got = lines(tmp_path / "out.jsonl")
    assert summary.ok == 1 and got[0]["error"]["kind"] == "InputTooLargeError"


def test_the_progress_total_is_known_before_the_run(tmp_path: Path, mixed_warc: Path) -> None:
    import io

    from tqdm import tqdm

    from newsextract.batch.progress import Progress
    from newsextract.batch.sources import Item, count_items

    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text('{"html": "<p>a</p>"}\n\n{"html": "<p>b</p>"}\n')
    urls = tmp_path / "u.txt"
    urls.write_text("# a comment\nhttps://a.example/1\n\nhttps://a.example/2\nhttps://a.example/3\n")
    assert [count_items(p) for p in (jsonl, urls, tmp_path / "page.html")] == [2, 3, 1]
    # WARC: the bar counts bytes, a record's offset says how far the reading is
    second = tmp_path / "second.warc.gz"
    second.write_bytes(mixed_warc.read_bytes())
    size = mixed_warc.stat().st_size
    progress = Progress(tqdm(total=2 * size, file=io.StringIO()), [mixed_warc, second], by_bytes=True)
    progress.advance(Item(source={"file": str(mixed_warc), "offset": 100}))
    assert progress.bar.n == 100
    progress.advance(Item(source={"file": str(second), "offset": 50}))
    assert progress.bar.n == size + 50
    progress.close()
    assert progress.bar.n == 2 * size


def test_a_multi_worker_batch_writes_lines_in_input_order(tmp_path: Path) -> None:
    big = (
        "<html><body><article><h1>Big</h1>"
        + "<p>Paragraph of a long page, with enough words to count as article text.</p>" * 8000
        + "</article></body></html>"
    )
    rows = [json.dumps({"url": "https://news.example/big", "html": big})]
    rows += [json.dumps({"url": f"https://news.example/{i}", "html": page(i).decode()}) for i in range(12)]
    rows.insert(7, "not json")  # unreadable, in the middle: written where it stands
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("\n".join(rows) + "\n")
    (tmp_path / "last.html").write_bytes(page(99))
    out = tmp_path / "out.jsonl"
    summary = run([jsonl, tmp_path / "missing.html", tmp_path / "last.html"], out, workers=2)
    got = lines(out)
    assert summary.ok == 14 and summary.errors == 2
    assert [g["source"] for g in got] == [{"file": str(jsonl), "line": n} for n in range(1, 15)] + [
        {"file": str(tmp_path / "missing.html")},
        {"file": str(tmp_path / "last.html")},
    ]
    assert got[0]["title"] == "Big" and got[7]["error"]["kind"] == "BadInputLine"
    assert [g["title"] for g in got[8:14]] == [f"Story number {i}" for i in range(6, 12)]


def test_the_window_bounds_what_is_read_ahead_of_a_slow_document(tmp_path: Path, monkeypatch) -> None:
    from newsextract.batch import pools, runner

    monkeypatch.setattr(pools, "WINDOW_PER_WORKER", 2)
    read: list[int] = []
    real = runner.iter_items

    def counting(path: Path, take, **options):  # the reader's own take and limits, passed through
        for item in real(path, take, **options):
            read.append(item.source["line"])
            yield item

    monkeypatch.setattr(runner, "iter_items", counting)
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("".join(json.dumps({"html": page(i).decode()}) + "\n" for i in range(40)))
    results = runner.iter_results([jsonl], workers=2)
    item, line = next(results)
    assert item.source["line"] == 1 and line is not None
    assert len(read) <= 1 + 2 * 2 + 1  # the first line, the window, and one the feeder holds
    closing = threading.Thread(target=results.close, daemon=True)
    closing.start()  # the pool shuts down even with its feeder blocked on the window
    closing.join(timeout=30)
    assert not closing.is_alive() and len(read) < 40


def test_cli_batch_text_and_markdown_match_extract(tmp_path: Path) -> None:
    pages = [FIXTURES / "generic" / "wp-news-graph.html", tmp_path / "story.html"]
    pages[1].write_bytes(page(5))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    for fmt in ("text", "markdown"):
        out = tmp_path / f"out.{fmt}"
        cmd = [sys.executable, "-m", "newsextract", "batch", *map(str, pages), str(bad), "-o", str(out)]
        proc = subprocess.run([*cmd, "--format", fmt, "--quiet"], capture_output=True, timeout=120)
        assert proc.returncode == 1, proc.stderr  # the bad line failed
        extracted = subprocess.run(
            [sys.executable, "-m", "newsextract", "extract", *map(str, pages), "--format", fmt],
            capture_output=True,
            timeout=120,
        )
        written = out.read_text(encoding="utf-8")
        records, failure = (
            written[: len(extracted.stdout.decode())],
            written[len(extracted.stdout.decode()) :],
        )
        assert records == extracted.stdout.decode()  # the renderings and separators of extract
        said = f"{bad} line 1: BadInputLine: line 1: needs a JSON object with 'html'"
        said = f"**Failed:** {escape_markdown(said)}" if fmt == "markdown" else said
        assert failure.startswith(said) and failure.count("\n") == 2  # one line, then the blank one
        resume = subprocess.run([*cmd, "--format", fmt, "--resume"], capture_output=True, timeout=120)
        assert resume.returncode == 2 and b"--resume needs JSONL" in resume.stderr
        assert out.read_text(encoding="utf-8") == written  # untouched


def test_downloads_come_out_in_input_order_as_they_complete(tmp_path: Path, monkeypatch) -> None:
    from types import SimpleNamespace

    import newsextract.fetch
    from newsextract.batch.download import downloaded
    from newsextract.batch.sources import Item
    from newsextract.errors import BadStatusError

    class Backwards:  # the last URL finishes first
        def __init__(self, config: object) -> None:
            pass

        def fetch_many(self, urls):
            for url in reversed(list(urls)):
                if url.endswith("gone"):
                    yield BadStatusError("410", url=url)
                else:
                    yield SimpleNamespace(
                        url=url, final_url=url, content=b"<p>x</p>", encoding=None, fetched_at=None
                    )

        def close(self) -> None:
            pass

    monkeypatch.setattr(newsextract.fetch, "Fetcher", Backwards)
    urls = ["https://a.example/1", "https://a.example/gone", "https://a.example/1", "https://a.example/3"]
    items = [Item(source={"line": i}, url=u, extra={"fetch": True}) for i, u in enumerate(urls)]
    items.insert(2, Item(source={"file": "page.html"}, data=b"<p>y</p>"))
    got = list(downloaded(iter(items)))
    assert [it.source for it in got] == [it.source for it in items]
    assert got[1].error == ("BadStatusError", "410") and got[3].data == got[0].data == b"<p>x</p>"


def test_the_cli_offers_the_formats_the_sinks_write() -> None:
    from newsextract import cli
    from newsextract.batch import sinks

    assert cli.FORMATS == sinks.FORMATS


def test_cli_batch_parquet_without_pyarrow_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(1))
    out = tmp_path / "out.parquet"
    no_pyarrow = (
        "import sys; sys.modules['pyarrow'] = None; from newsextract.cli import main; sys.exit(main())"
    )
    proc = subprocess.run(
        [sys.executable, "-c", no_pyarrow, "batch", str(tmp_path / "a.html"), "-o", str(out), "--quiet"],
        capture_output=True,
        timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "pip install 'newsextract[parquet]'" in err
    assert "Traceback" not in err and not out.exists()


# ------------------------------------------------------------------------------ strided workers
# With several workers on WARC archives and page files, each worker reads the inputs itself and
# extracts every N-th record; these run the real processes (fork) on real files.


def _corrupted_warc(path: Path, records: int, broken: int) -> Path:
    """A WARC.gz whose gzip member ``broken`` is damaged: the archive is unreadable after it."""
    warc = write_warc(
        path, [(f"https://news.example/c{i}", "text/html", page(200 + i)) for i in range(records)]
    )
    from fastwarc.warc import ArchiveIterator

    with warc.open("rb") as fh:
        offsets = [record.stream_pos for record in ArchiveIterator(fh)]
    data = bytearray(warc.read_bytes())
    for i in range(offsets[broken] + 60, offsets[broken] + 90):
        data[i] ^= 0x55
    warc.write_bytes(bytes(data))
    return warc


@pytest.fixture
def strided_inputs(tmp_path: Path, mixed_warc: Path) -> list[Path]:
    """Every kind of record a strided run must keep in its place: pages, skipped records, a
    truncated archive (error after a record), a damaged one, a missing file, a page folder."""
    many = [(f"https://news.example/m{i}", "text/html", page(i)) for i in range(23)]
    many[5] = ("https://news.example/m5.css", "text/css", b"body {}")
    big = write_warc(tmp_path / "many.warc.gz", many)
    cut = write_warc(
        tmp_path / "cut.warc.gz", [(f"https://news.example/t{i}", "text/html", page(i)) for i in range(3)]
    )
    cut.write_bytes(cut.read_bytes()[:-300])
    damaged = _corrupted_warc(tmp_path / "damaged.warc.gz", 5, broken=2)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(7):
        (folder / f"p{i}.html").write_bytes(page(300 + i))
    (folder / "empty.html").write_bytes(b"")
    return [mixed_warc, big, cut, tmp_path / "missing.warc.gz", damaged, folder, tmp_path / "missing.html"]


def _no_pool(*args, **kwargs):
    raise AssertionError("these inputs must not go through the pool")


def test_strided_workers_write_the_lines_of_one_worker_in_the_same_order(
    tmp_path: Path, strided_inputs: list[Path], monkeypatch
) -> None:
    from newsextract.batch import runner

    one = run(strided_inputs, tmp_path / "one.jsonl", workers=1)
    expected = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    kinds = [g["error"]["kind"] for g in lines(tmp_path / "one.jsonl") if "error" in g]
    assert {"TruncatedRecord", "TruncatedArchive", "FileNotFoundError"} <= set(kinds)
    assert one.skipped == 2 and one.total == 44
    monkeypatch.setattr(runner, "pooled", _no_pool)
    for workers in (2, 3):
        out = tmp_path / f"strided-{workers}.jsonl"
        summary = run(strided_inputs, out, workers=workers)
        assert out.read_text(encoding="utf-8") == expected  # same lines, same order
        assert summary.to_dict() == one.to_dict()
    run(strided_inputs, tmp_path / "one.md", workers=1, format="markdown")
    run(strided_inputs, tmp_path / "two.md", workers=2, format="markdown")  # rendered in the workers
    assert (tmp_path / "two.md").read_text() == (tmp_path / "one.md").read_text()


def test_strided_iter_results_keeps_every_place_and_leaves_the_bytes_in_the_worker(
    strided_inputs: list[Path],
) -> None:
    one = list(iter_results(strided_inputs, workers=1))
    two = list(iter_results(strided_inputs, workers=2))
    assert [(item.source, item.url, item.skip, item.error, line) for item, line in two] == [
        (item.source, item.url, item.skip, item.error, line) for item, line in one
    ]
    assert sum(line is None for _, line in two) == 2  # the skipped records have their places
    assert all(item.data is None for item, _ in two)  # the pages never crossed to the parent


def test_each_strided_worker_reads_only_its_own_records(tmp_path: Path, monkeypatch) -> None:
    from newsextract.batch import sources

    log = tmp_path / "reads.log"
    record, page_file = sources._record, sources._page

    def logged(what: str):
        def note(*args):
            item = (record if what == "record" else page_file)(*args)
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)  # the workers share the log
            os.write(fd, f"{os.getpid()} {json.dumps(item.source, sort_keys=True)}\n".encode())
            os.close(fd)
            return item

        return note

    monkeypatch.setattr(sources, "_record", logged("record"))  # the forked workers inherit these
    monkeypatch.setattr(sources, "_page", logged("page"))
    warc = write_warc(
        tmp_path / "w.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(9)]
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(5):
        (folder / f"p{i}.html").write_bytes(page(50 + i))
    got = list(iter_results([warc, folder], workers=2))
    reads = [line.split(" ", 1) for line in log.read_text().splitlines()]
    assert sorted(source for _, source in reads) == sorted(item.key for item, _ in got)  # each once
    assert len({pid for pid, _ in reads}) == 2 and str(os.getpid()) not in {pid for pid, _ in reads}


def test_strided_resume_with_two_workers(tmp_path: Path, strided_inputs: list[Path]) -> None:
    full = tmp_path / "full.jsonl"
    run(strided_inputs, full, workers=1)
    out = tmp_path / "out.jsonl"
    run(strided_inputs, out, workers=2)
    written = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(written[:17]) + written[17][:40], encoding="utf-8")  # a kill mid-write
    summary = run(strided_inputs, out, workers=2, resume=True)
    assert out.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    assert summary.total == 44 and summary.skipped == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_per_document_time_limit_in_every_runner(tmp_path: Path, workers: int) -> None:
    slow = b"<html><body>" + b"<div><p>slow, slow, slow text of a page that takes a while</p></div>" * 60_000
    records = [(f"https://x.example/{i}", "text/html", page(i)) for i in range(5)]
    # Places 0 and 1 warm the workers up (a first page loads models: it may time out too).
    records[2] = ("https://x.example/slow", "text/html", slow + b"</body></html>")
    warc = write_warc(tmp_path / "slow.warc.gz", records)
    summary = run([warc], tmp_path / "out.jsonl", workers=workers, timeout=0.05)
    got = lines(tmp_path / "out.jsonl")
    assert got[2]["error"]["kind"] == "Timeout" and all("title" in g for g in got[3:])
    assert summary.total == 5


def _slow_outcome(self, payload):
    from newsextract.batch import worker

    time.sleep(0.02)
    return worker.__dict__["_real_outcome"](self, payload)


def _consume(results, into: list) -> None:
    try:
        for pair in results:
            into.append(pair)
    except Exception as exc:  # what the test looks at
        into.append(exc)


def test_a_strided_worker_killed_mid_run_is_an_error_not_a_hang(tmp_path: Path, monkeypatch) -> None:
    from newsextract.batch import BatchWorkerError, worker

    monkeypatch.setitem(worker.__dict__, "_real_outcome", worker.Worker.outcome)
    monkeypatch.setattr(worker.Worker, "outcome", _slow_outcome)  # 100 pages: seconds per worker
    warc = write_warc(
        tmp_path / "w.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(100)]
    )
    before = _children(os.getpid())  # a Dask test may have left its resource tracker
    results = iter_results([warc], workers=2)
    got = [next(results)]
    workers = _children(os.getpid()) - before
    assert len(workers) == 2
    import multiprocessing

    (second,) = [p.pid for p in multiprocessing.active_children() if p.name == "newsextract-batch-1"]
    os.kill(second, signal.SIGKILL)
    consumer = threading.Thread(target=_consume, args=(results, got), daemon=True)
    consumer.start()
    consumer.join(timeout=60)
    assert not consumer.is_alive(), "the parent must not wait forever for a dead worker"
    error = got[-1]
    assert isinstance(error, BatchWorkerError) and "worker 1" in str(error) and "SIGKILL" in str(error)
    assert [item.source["offset"] for item, _ in got[:-1]] == sorted(
        item.source["offset"] for item, _ in got[:-1]
    )
    assert len(got) - 1 < 100 and not (_children(os.getpid()) & workers)  # the other one stopped too


def test_closing_strided_results_early_leaves_no_worker(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "w.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(400)]
    )
    before = _children(os.getpid())
    results = iter_results([warc], workers=2)
    next(results)
    workers = _children(os.getpid()) - before
    assert len(workers) == 2
    results.close()
    assert not (_children(os.getpid()) & workers)  # stopped and reaped, not left running or zombie


def test_strided_workers_that_disagree_on_the_records_are_an_error(tmp_path: Path, monkeypatch) -> None:
    from newsextract.batch import BatchWorkerError, pools
    from newsextract.batch.sources import Item

    real = pools.iter_items

    def drifting(path, take, **options):  # worker 1 sees one record more, as if the file grew under it
        yield from real(path, take, **options)
        if take.k == 1 and take({"file": "phantom"}):
            yield Item(source={"file": "phantom"}, error=("Phantom", "not there for worker 0"))

    monkeypatch.setattr(pools, "iter_items", drifting)
    warc = write_warc(
        tmp_path / "w.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(5)]
    )
    with pytest.raises(BatchWorkerError, match="disagree|sent record"):
        list(iter_results([warc], workers=2))

    def broken(path, take, **options):
        raise RuntimeError("a bug in reading")
        yield

    monkeypatch.setattr(pools, "iter_items", broken)
    with pytest.raises(BatchWorkerError, match="RuntimeError: a bug in reading"):
        list(iter_results([warc], workers=2))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_cli_batch_says_which_worker_died_and_exits_1(tmp_path: Path) -> None:
    proc, out, workers = _batch_under_way(tmp_path)
    assert len(workers) == 2
    os.kill(min(workers), signal.SIGKILL)  # either worker: the message says which
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1, err
    assert re.search(rb"batch worker [01] \(pid \d+\) died: killed by SIGKILL", err), err
    assert b"--resume continues" in err
    assert b"Traceback" not in err
    offsets = [g["source"]["offset"] for g in lines(out)]
    assert 0 < len(offsets) < 1500 and offsets == sorted(offsets)


def test_a_failed_write_stops_the_strided_workers_before_the_error_is_handled(
    tmp_path: Path, monkeypatch
) -> None:
    from newsextract.batch import sinks

    def full(self, rendered: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sinks.JsonlSink, "write", full)
    warc = write_warc(
        tmp_path / "w.warc.gz", [(f"https://news.example/{i}", "text/html", page(i)) for i in range(200)]
    )
    before = _children(os.getpid())
    with pytest.raises(OSError) as caught:
        run([warc], tmp_path / "out.jsonl", workers=2)
    assert caught.value.errno == 28  # the traceback still holds run()'s frame, and its stream
    assert not (_children(os.getpid()) - before)
