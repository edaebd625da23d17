"""A record's identity in a WARC archive however the archive is compressed: one gzip member per
record (the usual layout), no compression, one gzip member for the whole file, or several records
per member. Many records of the last two report one offset; their ``source`` keys must still be
unique and stable, so --resume neither skips a record never written nor writes one twice, and
strided workers agree on every record's place."""

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

from .ccserver import CONFIG, Site, serve
from .warcs import page, write_warc

FOLDER = "/crawl-data/CC-NEWS/2024/07"
RECORDS = 160
LAYOUTS = ("per-record", "plain", "one-member", "members-of-5")


def _records(first: int, count: int) -> list[tuple[str, str, bytes]]:
    """Articles, with an image every 7th record and a page without an article every 11th."""
    records = []
    for n in range(first, first + count):
        url = f"https://site{n % 3}.example/news/{n}"
        if n % 7 == 3:
            records.append((url + ".png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(40)))
        elif n % 11 == 5:
            records.append((url, "text/html", b"<html><body><a href='/'>Home</a></body></html>"))
        else:
            records.append((url, "text/html; charset=utf-8", page(n, words=f"harbour {n}")))
    return records


def _archive(folder: Path, layout: str, count: int = RECORDS) -> Path:
    """An archive of ``count`` records in ``layout``."""
    records = _records(0, count)
    if layout == "per-record":
        return write_warc(folder / "per-record.warc.gz", records)
    if layout == "plain":
        return write_warc(folder / "plain.warc", records)
    if layout == "one-member":
        plain = write_warc(folder / "whole.warc", records)
        path = folder / "one-member.warc.gz"
        path.write_bytes(gzip.compress(plain.read_bytes()))
        return path
    # "members-of-N": each N records written uncompressed, then gzipped as one member
    per_member = int(layout.removeprefix("members-of-"))
    path = folder / f"{layout}.warc.gz"
    with path.open("wb") as out:
        for at in range(0, count, per_member):
            group = write_warc(folder / f"group-{at}.warc", records[at : at + per_member])
            out.write(gzip.compress(group.read_bytes()))
    return path


@pytest.fixture(scope="module", params=LAYOUTS)
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _archive(tmp_path_factory.mktemp(request.param), request.param)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _keys(lines: list[dict]) -> list[str]:
    return [source_key(line["source"]) for line in lines]


# ------------------------------------------------------------------------------ identity
def test_every_record_has_its_own_key_and_the_same_one_on_every_read(archive: Path) -> None:
    first = [item.source for item in iter_items(archive)]
    second = [item.source for item in iter_items(archive, lambda source: len(source) % 2 == 0)]
    assert len(first) == RECORDS
    assert len({source_key(source) for source in first}) == RECORDS
    assert first == [item.source for item in iter_items(archive)]  # stable: the same on every read
    # what take refuses is still asked about with the same source: reading does not move offsets
    asked: list[dict] = []
    list(iter_items(archive, lambda source: bool(asked.append(source)) or len(asked) % 3 == 0))
    assert asked == first
    assert all(source in first for source in second)


def test_records_that_share_an_offset_are_told_apart_by_index(tmp_path: Path) -> None:
    sources = [item.source for item in iter_items(_archive(tmp_path, "one-member"))]
    offsets = [source["offset"] for source in sources]
    assert len(set(offsets)) < len(offsets)  # the layout this is about: many records, one offset
    previous: dict | None = None
    for source in sources:
        shared = previous is not None and previous["offset"] == source["offset"]
        expected = previous.get("index", 0) + 1 if shared and previous else 0
        assert source.get("index", 0) == expected
        assert ("index" in source) == (expected > 0)  # the first record at an offset has none
        previous = source


@pytest.mark.parametrize("layout", ["per-record", "plain"])
def test_a_record_that_reports_its_own_offset_keeps_the_key_it_always_had(
    tmp_path: Path, layout: str
) -> None:
    """Outputs written before records could share an offset resume as they did: the key of a
    record alone at its offset is its file and offset, nothing more."""
    sources = [item.source for item in iter_items(_archive(tmp_path, layout))]
    assert all(set(source) == {"file", "offset"} for source in sources)
    assert len({source["offset"] for source in sources}) == RECORDS


# ------------------------------------------------------------------------------ resume
@pytest.mark.parametrize("workers", [1, 2])
def test_a_resumed_run_writes_every_record_once(archive: Path, tmp_path: Path, workers: int) -> None:
    full = tmp_path / "full.jsonl"
    run([archive], full, workers=1)
    whole = full.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(set(_keys(_lines(full)))) == len(whole) > RECORDS // 2
    # the run stopped in the middle of a group of records sharing one offset, mid-line
    for cut in (1, 37, len(whole) // 2, len(whole) - 1):
        out = tmp_path / f"cut-{cut}-{workers}.jsonl"
        out.write_text("".join(whole[:cut]) + whole[cut][:25], encoding="utf-8")
        run([archive], out, workers=workers, resume=True)
        assert out.read_text(encoding="utf-8") == "".join(whole), f"resumed after {cut} lines"


def test_two_workers_write_what_one_writes(archive: Path, tmp_path: Path) -> None:
    run([archive], tmp_path / "one.jsonl", workers=1)
    run([archive], tmp_path / "two.jsonl", workers=2)
    assert (tmp_path / "two.jsonl").read_text() == (tmp_path / "one.jsonl").read_text()


def test_parquet_rows_carry_the_index_of_records_that_share_an_offset(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    archive = _archive(tmp_path, "one-member")
    run([archive], tmp_path / "out.jsonl", workers=1)
    run([archive], tmp_path / "out.parquet", workers=1)
    rows = pq.read_table(tmp_path / "out.parquet").column("source").to_pylist()
    sources = [{k: v for k, v in row.items() if v is not None} for row in rows]
    assert sources == [line["source"] for line in _lines(tmp_path / "out.jsonl")]
    assert any("index" in source for source in sources)
    assert len({source_key(source) for source in sources}) == len(sources)


def test_kill_9_then_resume_writes_every_record_of_a_one_member_archive_once(tmp_path: Path) -> None:
    """The command killed mid-run (runner and workers), then resumed: every record once."""
    plain = write_warc(tmp_path / "whole.warc", _records(0, 900))
    archive = tmp_path / "whole.warc.gz"
    archive.write_bytes(gzip.compress(plain.read_bytes()))
    html = sum(1 for item in iter_items(archive) if item.skip is None)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "newsextract", "batch", str(archive), "-o", str(out), "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        cmd + ["--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 60):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers
    proc.wait()
    assert 0 < out.read_bytes().count(b"\n") < html, "the kill must land mid-run"
    resumed = subprocess.run(cmd + ["--quiet", "--resume"], capture_output=True, timeout=300, env=env)
    assert resumed.returncode == 0, resumed.stderr
    got = _lines(out)
    assert len(got) == len(set(_keys(got))) == html  # nothing lost, nothing twice
    titles = sorted(line["title"] for line in got if "title" in line)
    assert len(titles) == len(set(titles)) > html // 2


# ------------------------------------------------------------------------------ remote
def _published(site: Site, path: Path) -> str:
    site.files[f"{FOLDER}/{path.name}"] = path.read_bytes()
    return f"{site.base}{FOLDER}/{path.name}"


def _remote(line: dict, url: str, path: Path) -> dict:
    """A local line as the same record read remotely says it."""
    assert line["source"]["file"] == str(path)
    return {**line, "source": {**line["source"], "file": url}}


def test_a_remote_archive_cut_midway_gives_the_records_of_the_file(archive: Path) -> None:
    local = list(iter_items(archive))
    size = archive.stat().st_size
    with serve(Site(cut={f"{FOLDER}/{archive.name}": [size // 3, size // 2]})) as site:
        url = _published(site, archive)
        remote = list(iter_items(url, fetch_config=CONFIG))
    assert [{**item.source, "file": None} for item in remote] == [
        {**item.source, "file": None} for item in local
    ]
    assert [(item.data, item.skip, item.error) for item in remote] == [
        (item.data, item.skip, item.error) for item in local
    ]


def test_a_resumed_remote_archive_writes_every_record_once(archive: Path, tmp_path: Path) -> None:
    full = tmp_path / "local.jsonl"
    run([archive], full, workers=1)
    whole = _lines(full)
    with serve(Site()) as site:
        url = _published(site, archive)
        expected = [_remote(line, url, archive) for line in whole]
        for cut in (1, 2, 37, len(whole) // 2):
            out = tmp_path / f"remote-{cut}.jsonl"
            out.write_text("".join(json.dumps(line) + "\n" for line in expected[:cut]), encoding="utf-8")
            run([url], out, workers=1, resume=True, fetch_config=CONFIG)
            assert _lines(out) == expected, f"resumed after {cut} lines"


def test_the_resume_point_of_an_archive_whose_records_share_offsets_is_its_start(tmp_path: Path) -> None:
    """Where records share an offset, that offset is where the reader was, not where a record
    starts: a resumed run cannot enter the archive there, and reads it again from its start."""
    archive = _archive(tmp_path, "members-of-5")
    url = "https://data.example/crawl/members-of-5.warc.gz"
    sources = [{**item.source, "file": url} for item in iter_items(archive)]
    shared = next(i for i, source in enumerate(sources) if source.get("index"))
    done = frozenset(source_key(source) for source in sources[: shared + 1])
    assert resume_point(url, done) == 0
    alone = frozenset(source_key(source) for source in sources[:shared])
    assert resume_point(url, alone) == sources[shared - 1]["offset"]
    local = [item.source for item in iter_items(archive)]
    take = partial(undone, skip_keys=frozenset(source_key(source) for source in local[: shared + 1]))
    assert [item.source for item in iter_items(archive, take)] == local[shared + 1 :]
