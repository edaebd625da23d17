"""The CLI as users run it: a real subprocess."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

import newsextract

PAGE = Path(__file__).parent / "fixtures" / "generic" / "wp-news-graph.html"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args], input=stdin, capture_output=True, timeout=120
    )


def test_one_page_prints_one_json_record() -> None:
    proc = run("extract", str(PAGE))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    jsonschema.validate(record, newsextract.json_schema())
    assert record["title"] == "Harbour seals return to the old canal"


def test_many_pages_print_jsonl(tmp_path: Path) -> None:
    gz = tmp_path / "copy.html.gz"
    gz.write_bytes(gzip.compress(PAGE.read_bytes()))
    proc = run("extract", str(PAGE), str(gz))
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.decode().splitlines())
    assert (first.pop("source"), second.pop("source")) == ({"file": str(PAGE)}, {"file": str(gz)})
    assert first == second


def test_stdin_with_url() -> None:
    url = "https://www.riverside-courier.example/x"
    proc = run("extract", "-", "--url", url, stdin=PAGE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["url"] == url


def test_stdin_without_url_or_canonical_has_null_url_and_site() -> None:
    html = PAGE.read_bytes().replace(b'rel="canonical"', b'rel="nothing"').replace(b"og:url", b"og:nothing")
    proc = run("extract", "-", stdin=html)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["url"] is None and record["site"] is None
    jsonschema.validate(record, newsextract.json_schema())


def test_text_format() -> None:
    proc = run("extract", str(PAGE), "--format", "text")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert out.startswith("Harbour seals return to the old canal\n")
    assert "\n\nA family of harbour seals" in out


def test_markdown_format_keeps_subheadings_and_lists() -> None:
    proc = run("extract", "--example", "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith(
        "# Lake town opens floating library for winter – mayor\n\n*Marta Levchenko · 2031-03-14"
    )
    assert "\n\n- Ozerne held its first winter book fair in 2029" in out  # the background list
    assert "\n- Local teacher Petro Savchuk" in out  # items of one list stay together


def test_example_page_with_site_rules() -> None:
    proc = run("extract", "--example")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["title"] == "Lake town opens floating library for winter – mayor"
    assert record["site"] == "pravda.com.ua"


def test_failures_are_reported_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.html"
    proc = run("extract", str(empty), str(PAGE), str(missing))
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert f"{empty}: ParseError: empty input" in err
    assert f"{missing}: FileNotFoundError: cannot read: " in err  # PAGE: Kind: message, as documented
    assert "Traceback" not in err
    # One line per input, in input order, each with its source; failures as batch writes them.
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [line["source"] for line in lines] == [
        {"file": str(empty)},
        {"file": str(PAGE)},
        {"file": str(missing)},
    ]
    assert [line.get("error", {}).get("kind") for line in lines] == ["ParseError", None, "FileNotFoundError"]
    assert lines[1]["title"] == "Harbour seals return to the old canal"


def test_bad_usage_exits_2() -> None:
    assert run("extract").returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("extract", "a.html", "b.html", "--url", "https://x.example/").returncode == 2


def test_schema_command() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == newsextract.json_schema()


def test_console_script_is_installed() -> None:
    exe = shutil.which("newsextract", path=str(Path(sys.executable).parent))
    assert exe is not None
    proc = subprocess.run([exe, "--version"], capture_output=True, timeout=60)
    assert proc.stdout.decode().startswith("newsextract ")


def test_a_gzip_bomb_stops_at_the_size_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body><p>" + b"x" * (40 * 1024 * 1024)))
    proc = run("extract", "--max-bytes", "1000000", str(bomb))
    assert proc.returncode == 1
    assert f"{bomb}: InputTooLargeError: over the 1000000-byte limit" in proc.stderr.decode()
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>long enough</p>" * 100_000)
    proc = run("extract", "--max-bytes", "1000000", str(big))
    assert proc.returncode == 1 and "InputTooLargeError" in proc.stderr.decode()
