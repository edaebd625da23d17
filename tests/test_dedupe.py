"""--dedupe: the band index, drop and mark, resume that dedupes like an uninterrupted run, and
the Dask engine deciding where results are gathered."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract.batch import run
from newsextract.batch.dedupe import DISTANCE, NearDuplicates
from newsextract.normalize.fingerprint import hamming, simhash

from .test_batch_filters import CAPTURED, VOCABULARY, article, lines, story
from .warcs import write_warc


def flipped(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


def test_the_index_finds_every_fingerprint_within_the_distance() -> None:
    rng = random.Random(3)
    index = NearDuplicates()
    kept = [rng.getrandbits(64) for _ in range(2000)]
    for value in kept:
        assert index.seen(f"{value:016x}") is None
    assert len(index) == 2000
    for number, value in enumerate(kept[:300]):
        near = flipped(value, rng.sample(range(64), DISTANCE))  # anywhere, across band borders
        assert index.first(near) == number
        far = flipped(value, rng.sample(range(64), DISTANCE + 1))
        assert index.first(far) is None  # 4 bits from its own, ~32 from all the others
    assert index.first(kept[5]) == 5 and index.first(f"{kept[5]:016x}") == 5


def test_the_earliest_match_wins_and_duplicates_are_not_remembered() -> None:
    index = NearDuplicates(sources=True)
    a = 0x0123_4567_89AB_CDEF
    assert index.seen(a, {"file": "x.warc.gz", "offset": 0}) is None
    assert index.seen(flipped(a, [1, 2]), {"file": "x.warc.gz", "offset": 10}) == 0
    b = flipped(a, [1, 2, 3, 40, 41])  # near the duplicate only: a chain does not creep away
    assert index.seen(b, {"file": "y.jsonl", "line": 7}) is None
    assert index.seen(flipped(a, [63]), {"file": "z"}) == 0
    assert len(index) == 2
    assert index.source(0) == {"file": "x.warc.gz", "offset": 0}
    assert index.source(1) == {"file": "y.jsonl", "line": 7}
    assert index.seen(None) is None and len(index) == 2  # no fingerprint, never a duplicate


def test_bad_fingerprints_and_distances_are_value_errors() -> None:
    with pytest.raises(ValueError):
        NearDuplicates(distance=16)
    with pytest.raises(ValueError):
        NearDuplicates().first(1 << 64)
    with pytest.raises(ValueError):
        NearDuplicates().source(0)  # this index keeps no sources


def wire_story() -> list[str]:
    """A long wire story (1,600 words): a one-word edit changes 3 of its 1,598 shingles, which
    moves a fingerprint by a bit or two (the longer the body, the fewer bits lie near a tie)."""
    rng = random.Random(1000)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(40)).capitalize() + "." for _ in range(40)]


def copy_of(wire: list[str], n: int) -> list[str]:
    """The wire story as site ``n`` prints it: site 0 as sent, site 1 with the agency's credit
    line added, site 2 with three words changed."""
    paragraphs = list(wire)
    if n == 1:
        paragraphs.append("(Reuters, reporting by Ann Lee)")
    elif n == 2:
        words = paragraphs[5].split()
        for j in range(3):
            words[6 + j * 5] = "edited"
        paragraphs[5] = " ".join(words)
    return paragraphs


def syndicated(tmp_path: Path, name: str = "wire.warc.gz", offset: int = 0) -> Path:
    """Distinct stories, and the same wire story on three sites, under other headlines, two of
    them edited a little (see ``copy_of``)."""
    wire = wire_story()
    copies = [
        (f"https://{site}/wire/{offset}", "text/html", article(2000 + n, paragraphs=copy_of(wire, n)))
        for n, site in enumerate(["herald.example", "gazette.co.uk", "daily.example"])
    ]
    records = [
        (f"https://herald.example/own/{offset + i}", "text/html", article(offset + i)) for i in range(4)
    ]
    records[1:1] = copies[:1]
    records[3:3] = copies[1:]
    return write_warc(tmp_path / name, records, date=CAPTURED)


def test_the_copies_are_near_duplicates_and_the_stories_are_not() -> None:
    """The premise of the batch tests below, checked on the fingerprints themselves."""
    wire = simhash("\n".join(wire_story()))
    assert wire is not None
    distances = []
    for n in (1, 2):
        copy = simhash("\n".join(copy_of(wire_story(), n)))
        assert copy is not None
        distances.append(hamming(wire, copy))
    assert max(distances) <= DISTANCE and max(distances) > 0  # near, and not all the same digits
    others = [simhash("\n".join(story(i))) for i in range(4)] + [wire]
    assert all(hamming(a, b) > DISTANCE for i, a in enumerate(others) for b in others[i + 1 :] if a and b)


def test_drop_leaves_out_the_later_copies(tmp_path: Path) -> None:
    warc = syndicated(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run([warc], out, workers=1, dedupe="drop")
    got = lines(out)
    assert [g["url"] for g in got] == [f"https://herald.example/own/{i}" for i in (0,)] + [
        "https://herald.example/wire/0"
    ] + [f"https://herald.example/own/{i}" for i in (1, 2, 3)]
    assert summary.to_dict() == {
        "ok": 5,
        "not_article": 0,
        "errors": 0,
        "skipped": 0,
        "filtered": {"duplicate": 2},
        "total": 7,
    }
    plain = run([warc], tmp_path / "plain.jsonl", workers=1)
    assert plain.ok == 7  # without --dedupe every copy is written


def test_mark_keeps_the_copies_with_the_first_ones_source(tmp_path: Path) -> None:
    warc = syndicated(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run([warc], out, workers=2, dedupe="mark")
    got = lines(out)
    first = next(g for g in got if g["url"] == "https://herald.example/wire/0")
    marked = [g for g in got if "duplicate_of" in g]
    assert [g["url"] for g in marked] == ["https://gazette.co.uk/wire/0", "https://daily.example/wire/0"]
    assert all(g["duplicate_of"] == first["source"] for g in marked)
    assert list(marked[0])[-2:] == ["source", "duplicate_of"]
    assert summary.ok == 7 and summary.marked == 2 and not summary.filtered
    with pytest.raises(ValueError, match="JSONL"):
        run([warc], tmp_path / "out.parquet", dedupe="mark")


def test_a_resumed_run_dedupes_like_an_uninterrupted_one(tmp_path: Path) -> None:
    warc = syndicated(tmp_path)
    for mode in ("drop", "mark"):
        whole = tmp_path / f"whole-{mode}.jsonl"
        expected = run([warc], whole, workers=1, dedupe=mode)
        written = whole.read_text().splitlines(keepends=True)
        cut = tmp_path / f"cut-{mode}.jsonl"
        cut.write_text("".join(written[:2]) + written[2][:40])  # the wire story's first copy is written
        resumed = run([warc], cut, workers=2, dedupe=mode, resume=True)
        assert cut.read_text() == whole.read_text(), mode
        assert resumed.to_dict() == expected.to_dict(), mode


def test_dask_dedupes_where_results_are_gathered(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from newsextract.batch.dask_engine import run_dask

    warc_a = syndicated(tmp_path, "a.warc.gz", offset=0)
    warc_b = syndicated(tmp_path, "b.warc.gz", offset=100)  # the same wire story again, in another file
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        dropped = run_dask([warc_a, warc_b], tmp_path / "dask.jsonl", scheduler=address, dedupe="drop")
        marked = run_dask([warc_a, warc_b], tmp_path / "dask-mark.jsonl", scheduler=address, dedupe="mark")
        with pytest.raises(ValueError, match="JSONL"):
            run_dask([warc_a], tmp_path / "dask.md", scheduler=address, dedupe="drop", format="markdown")
    local = run([warc_a, warc_b], tmp_path / "local.jsonl", workers=1, dedupe="drop")
    local_marked = run([warc_a, warc_b], tmp_path / "local-mark.jsonl", workers=1, dedupe="mark")
    assert dropped.to_dict() == local.to_dict() and local.filtered == {"duplicate": 5}
    assert lines(tmp_path / "dask.jsonl") == lines(tmp_path / "local.jsonl")
    assert marked.to_dict() == local_marked.to_dict() and local_marked.marked == 5
    assert lines(tmp_path / "dask-mark.jsonl") == lines(tmp_path / "local-mark.jsonl")
    got = lines(tmp_path / "dask-mark.jsonl")
    first = next(g["source"] for g in got if g.get("url") == "https://herald.example/wire/0")
    assert first["file"] == str(warc_a)
    assert [g["duplicate_of"] for g in got if "duplicate_of" in g] == [first] * 5  # across files too


def test_cli_bare_dedupe_before_the_inputs(tmp_path: Path) -> None:
    warc = syndicated(tmp_path)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "newsextract", "batch", "--dedupe", str(warc), "-o", str(out), "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "batch: skipped: duplicate 2\n" in done.stderr and len(lines(out)) == 5
    bad = subprocess.run(
        [*cmd[:4], "--dedupe=mark", str(warc), "-o", str(tmp_path / "o.md"), "--format", "markdown"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "JSONL" in bad.stderr and "Traceback" not in bad.stderr
