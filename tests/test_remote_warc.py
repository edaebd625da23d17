"""Remote WARC inputs: archives streamed from a real HTTP server on 127.0.0.1 (tests/ccserver.py),
through the Fetcher, resumed by Range where the server has ranges and from the start where it
has not; batch over URLs against batch over the same files; a kill -9 and --resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from newsextract.batch import run
from newsextract.batch.pools import undone
from newsextract.batch.sources import iter_items, resume_point, source_key
from newsextract.errors import FetchError
from newsextract.fetch import FetchConfig, Fetcher

from .ccserver import CONFIG, Site, serve
from .warcs import page, write_warc

FOLDER = "/crawl-data/CC-NEWS/2024/07"


def _archive(path: Path, first: int, count: int) -> Path:
    """``count`` records from story ``first`` on: mostly articles, every 10th an image, every
    25th an index page (no article), many sites."""
    records = []
    for n in range(first, first + count):
        url = f"https://site{n % 7}.example/news/{n}"
        if n % 10 == 3:
            records.append((url + ".png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(40)))
        elif n % 25 == 7:
            records.append((url, "text/html", b"<html><body><a href='/'>Home</a></body></html>"))
        else:
            records.append((url, "text/html; charset=utf-8", page(n)))
    return write_warc(path, records)


def _published(site: Site, files: list[Path]) -> list[str]:
    """Serve ``files`` under the CC-NEWS folder; their URLs."""
    urls = []
    for path in files:
        site.files[f"{FOLDER}/{path.name}"] = path.read_bytes()
        urls.append(f"{site.base}{FOLDER}/{path.name}")
    return urls


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _without_file(line: dict) -> str:
    """A line with its source's file left out (a URL remotely, a path locally)."""
    source = {k: v for k, v in line["source"].items() if k != "file"}
    return json.dumps({**line, "source": source}, sort_keys=True)


# ------------------------------------------------------------------------------ the fetcher
def test_stream_hands_out_bytes_from_the_offset_with_or_without_ranges() -> None:
    body = bytes(range(256)) * 4000  # 1 MB, over no limit: streams are not bounded by max_bytes
    for ranges in (True, False):
        with serve(Site(files={"/a.bin": body}, ranges=ranges)) as site:
            with Fetcher(FetchConfig(per_host_delay=0.0, max_bytes=1000)) as fetcher:
                whole = b"".join(fetcher.stream(site.base + "/a.bin"))
                tail = b"".join(fetcher.stream(site.base + "/a.bin", 700_001))
        assert whole == body
        assert tail == body[700_001:]
        assert (("/a.bin", "bytes=700001-") in site.requests) is True


def test_stream_refuses_a_range_that_starts_elsewhere_and_a_missing_file() -> None:
    with serve(Site(files={"/a.bin": b"x" * 100}, misplaced=10)) as site:
        with Fetcher(CONFIG) as fetcher:
            with pytest.raises(FetchError, match="HTTP 404"):
                b"".join(fetcher.stream(site.base + "/missing.warc.gz"))
            with pytest.raises(FetchError, match="HTTP 416"):
                b"".join(fetcher.stream(site.base + "/a.bin", 500))
            with pytest.raises(FetchError, match="Content-Range 'bytes 40-99/100'"):
                b"".join(fetcher.stream(site.base + "/a.bin", 50))
    with serve(Site(files={"/a.bin": b"x" * 100}, ranges=False)) as site:
        with Fetcher(CONFIG) as fetcher:
            with pytest.raises(FetchError, match="before the asked offset"):
                b"".join(fetcher.stream(site.base + "/a.bin", 500))


def test_a_cut_stream_is_a_fetch_error_naming_the_byte() -> None:
    with serve(Site(files={"/a.bin": b"y" * 200_000}, cut={"/a.bin": [50_000]})) as site:
        with Fetcher(CONFIG) as fetcher:
            received = bytearray()
            with pytest.raises(FetchError, match=r"stream broken at byte 50000"):
                for chunk in fetcher.stream(site.base + "/a.bin"):
                    received += chunk
    assert len(received) == 50_000


# ------------------------------------------------------------------------------ the reader
@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _archive(tmp_path_factory.mktemp("big") / "CC-NEWS-20240712000000-00001.warc.gz", 0, 2000)


def test_a_connection_cut_mid_archive_resumes_by_range_from_a_record_start(big: Path) -> None:
    local = list(iter_items(big))
    starts = {item.source["offset"] for item in local}
    size = big.stat().st_size
    with serve(Site(cut={f"{FOLDER}/{big.name}": [size // 3, size // 4]})) as site:
        (url,) = _published(site, [big])
        remote = list(iter_items(url, fetch_config=CONFIG))
    ranges = [asked for path, asked in site.requests if path.endswith(big.name)]
    assert ranges[0] is None and len(ranges) == 3  # two cuts, two resumptions
    resumed_at = [int(asked[len("bytes=") : -1]) for asked in ranges[1:]]
    assert all(0 < offset < size and offset in starts for offset in resumed_at)
    # every record once, in order, the same as the file read locally
    assert [item.source["offset"] for item in remote] == [item.source["offset"] for item in local]
    assert [(item.data, item.skip, item.error) for item in remote] == [
        (item.data, item.skip, item.error) for item in local
    ]
    assert len({source_key(item.source) for item in remote}) == len(local) == 2000


def test_a_server_without_ranges_restarts_from_the_start_skipping_what_was_done(big: Path) -> None:
    local = list(iter_items(big))
    size = big.stat().st_size
    with serve(Site(ranges=False, cut={f"{FOLDER}/{big.name}": [size // 2]})) as site:
        (url,) = _published(site, [big])
        remote = list(iter_items(url, fetch_config=CONFIG))
    ranges = [asked for path, asked in site.requests if path.endswith(big.name)]
    assert len(ranges) == 2 and ranges[1] is not None  # asked for a range, got the whole file
    assert [(i.source["offset"], i.data, i.skip) for i in remote] == [
        (i.source["offset"], i.data, i.skip) for i in local
    ]


def test_take_is_asked_once_per_record_across_resumptions(big: Path) -> None:
    size = big.stat().st_size
    asked: list[int] = []

    def take(source: dict) -> bool:
        asked.append(source["offset"])
        return source["offset"] % 2 == 0

    with serve(Site(cut={f"{FOLDER}/{big.name}": [size // 5, size // 5, size // 5]})) as site:
        (url,) = _published(site, [big])
        remote = list(iter_items(url, take, fetch_config=CONFIG))
    assert len(asked) == len(set(asked)) == 2000
    assert [i.source["offset"] for i in remote] == [o for o in asked if o % 2 == 0]


def test_an_archive_in_one_gzip_member_is_read_again_from_its_start(tmp_path: Path) -> None:
    """One member for the whole file: no record after the first can be entered midway, and
    many records report one offset; a cut costs a new read from the start, not a record."""
    plain = write_warc(
        tmp_path / "one.warc", [(f"https://a.example/{n}", "text/html", page(n)) for n in range(400)]
    )
    whole = tmp_path / "one.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    local = [(item.source["offset"], item.data) for item in iter_items(whole)]
    assert len({offset for offset, _ in local}) < len(local)  # offsets shared: not addressable
    size = whole.stat().st_size
    with serve(Site(cut={f"{FOLDER}/one.warc.gz": [size // 2, size // 3]})) as site:
        (url,) = _published(site, [whole])
        remote = [(item.source["offset"], item.data) for item in iter_items(url, fetch_config=CONFIG)]
    assert remote == local
    assert [asked for path, asked in site.requests if path.endswith("one.warc.gz")] == [None, None, None]


def test_a_resumed_archive_starts_at_its_last_written_record(big: Path) -> None:
    local = list(iter_items(big))
    written = {source_key(item.source) for item in local[:700]}
    point = resume_point(f"http://127.0.0.1:1{FOLDER}/{big.name}", frozenset(written))
    assert point == 0  # another URL's keys say nothing about this one
    with serve(Site()) as site:
        (url,) = _published(site, [big])
        written = {source_key({**item.source, "file": url}) for item in local[:700]}
        point = resume_point(url, frozenset(written))
        assert point == local[699].source["offset"]
        take = partial(undone, skip_keys=frozenset(written))
        rest = list(iter_items(url, take, fetch_config=CONFIG, resume_at=point))
    assert [item.source["offset"] for item in rest] == [item.source["offset"] for item in local[700:]]
    assert [asked for path, asked in site.requests if path.endswith(big.name)] == [f"bytes={point}-"]


def test_an_archive_that_keeps_breaking_ends_in_one_error_item(big: Path) -> None:
    with serve(Site(cut={f"{FOLDER}/{big.name}": [10] * 20})) as site:
        (url,) = _published(site, [big])
        remote = list(iter_items(url, fetch_config=CONFIG))
    assert len(remote) == 1 and remote[0].error is not None
    assert remote[0].error[0] == "TruncatedArchive" and remote[0].source["after"] is True


def test_a_missing_archive_is_one_error_item_naming_the_url() -> None:
    with serve(Site()) as site:
        url = f"{site.base}{FOLDER}/CC-NEWS-20240712000000-00009.warc.gz"
        (item,) = iter_items(url, fetch_config=CONFIG)
    assert item.source == {"file": url} and item.error is not None
    assert item.error[0] == "BadStatusError" and "404" in item.error[1]


def test_the_page_limit_applies_per_record_not_to_the_archive(tmp_path: Path) -> None:
    huge = b"<html><body><p>" + b"word " * 60_000 + b"</p></body></html>"  # 300 kB
    records = [(f"https://a.example/{n}", "text/html", huge if n == 5 else page(n)) for n in range(40)]
    archive = write_warc(tmp_path / "CC-NEWS-20240712000000-00001.warc.gz", records)
    config = FetchConfig(per_host_delay=0.0, max_bytes=100_000)
    with serve(Site()) as site:
        (url,) = _published(site, [archive])
        items = list(iter_items(url, max_bytes=50_000, fetch_config=config))
    assert archive.stat().st_size > 0 and len(items) == 40
    assert [item.error[0] for item in items if item.error] == ["InputTooLargeError"]
    assert items[5].error is not None and items[5].data is None


def test_robots_txt_and_the_private_address_guard_apply_to_archives(big: Path) -> None:
    with serve(Site(files={"/robots.txt": b"User-agent: *\nDisallow: /crawl-data/\n"})) as site:
        (url,) = _published(site, [big])
        (refused,) = iter_items(url, fetch_config=CONFIG)
    assert (
        refused.error is not None and refused.error[0] == "BlockedError" and "robots.txt" in refused.error[1]
    )
    guarded = FetchConfig(per_host_delay=0.0, block_private=True)
    with serve(Site()) as site:
        (url,) = _published(site, [big])
        (blocked,) = iter_items(url, fetch_config=guarded)
    assert (
        blocked.error is not None and blocked.error[0] == "BlockedError" and "non-public" in blocked.error[1]
    )
    assert not [path for path, _ in site.requests if path.endswith(big.name)]  # nothing was sent


# ------------------------------------------------------------------------------ batch
@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("archives")
    return [_archive(folder / f"CC-NEWS-2024071{i}000000-0000{i}.warc.gz", 1000 * i, 60) for i in range(3)]


def test_batch_over_urls_writes_the_lines_of_batch_over_the_files(
    archives: list[Path], tmp_path: Path
) -> None:
    local_out = tmp_path / "local.jsonl"
    local_summary = run(archives, local_out, workers=1)
    local = [_without_file(line) for line in _lines(local_out)]
    with serve(Site()) as site:
        urls = _published(site, archives)
        one = run(urls, tmp_path / "one.jsonl", workers=1, fetch_config=CONFIG)
        two = run(urls, tmp_path / "two.jsonl", workers=2, fetch_config=CONFIG)
    assert one.to_dict() == two.to_dict() == local_summary.to_dict()
    assert local_summary.skipped > 0 and local_summary.not_article > 0
    assert [_without_file(line) for line in _lines(tmp_path / "one.jsonl")] == local
    parallel = _lines(tmp_path / "two.jsonl")
    assert sorted(_without_file(line) for line in parallel) == sorted(local)
    for url in urls:  # archives interleave; each one's lines stay in its order
        offsets = [line["source"]["offset"] for line in parallel if line["source"]["file"] == url]
        assert offsets == sorted(offsets) and offsets


def _children(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return {int(p) for p in found}


def test_kill_9_then_resume_writes_every_record_once(tmp_path: Path) -> None:
    files = [
        _archive(tmp_path / f"CC-NEWS-2024071{i}000000-0000{i}.warc.gz", 1000 * i, 200) for i in range(3)
    ]
    html = sum(1 for path in files for item in iter_items(path) if item.skip is None)
    out = tmp_path / "out.jsonl"
    with serve(Site()) as site:
        urls = _published(site, files)
        cmd = [
            sys.executable,
            "-m",
            "newsextract",
            "batch",
            *urls,
            "-o",
            str(out),
            "--workers",
            "2",
            "--quiet",
        ]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers
        proc.wait()
        partial = out.read_bytes().count(b"\n")
        assert 0 < partial < html, "the kill must land mid-run"
        text = out.read_text(encoding="utf-8")
        before = [
            json.loads(line) for line in text[: text.rfind("\n") + 1].splitlines()
        ]  # a torn last line is redone
        first_run = len(site.requests)
        resumed = subprocess.run(cmd + ["--resume"], capture_output=True, timeout=120, env=env)
    assert resumed.returncode == 0, resumed.stderr
    got = _lines(out)
    keys = [source_key(line["source"]) for line in got]
    assert len(keys) == len(set(keys)) == html  # nothing lost, nothing twice
    assert {line["source"]["file"] for line in got} == set(urls)
    summary = json.loads(resumed.stderr.decode().rsplit("batch: ", 1)[1])
    assert summary["ok"] + summary["not_article"] + summary["errors"] == html
    assert summary["skipped"] <= 600 - html  # those before the resume points were counted by the first run
    # an archive begun before the kill is asked for from its last written record on
    asked = dict(site.requests[first_run:])
    for url in urls:
        path = url[len(site.base) :]
        written = [line["source"]["offset"] for line in before if line["source"]["file"] == url]
        assert asked[path] == (f"bytes={max(written)}-" if written else None)


def test_cli_refuses_a_url_that_is_no_archive(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsextract",
            "batch",
            "https://news.example/story",
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "WARC archive" in done.stderr
    assert not (tmp_path / "o.jsonl").exists()
