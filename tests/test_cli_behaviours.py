"""The CLI's help, output file, input hints and reading formats, as users run it: a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).parent / "fixtures" / "generic" / "wp-news-graph.html"
TITLE = "Harbour seals return to the old canal"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize("command", ["extract", "batch", "discover", "schema"])
def test_every_subcommand_has_help_with_exit_codes(command: str) -> None:
    proc = run(command, "--help")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())  # argparse wraps lines at the terminal's width
    assert f"usage: newsextract {command}" in text
    assert "exit codes: 0 all good; 1 some inputs failed" in text and "2 bad usage" in text


def test_top_level_help_lists_commands_and_exit_codes() -> None:
    text = " ".join(run("--help").stdout.split())
    for command in ("extract", "batch", "discover", "schema"):
        assert command in text
    assert "exit codes: 0 all good" in text


def test_batch_help_names_its_inputs_formats_and_engines() -> None:
    text = " ".join(run("batch", "--help").stdout.split())
    for words in ("WARC or WARC.gz file", "a folder", ".jsonl file", ".txt file", "parquet"):
        assert words in text
    assert "local (default) runs worker processes" in text and "dask runs one task per input file" in text


def test_extract_help_names_inputs_and_formats() -> None:
    text = " ".join(run("extract", "--help").stdout.split())
    assert "PAGE is a file (.html, .html.gz), an http(s) URL" in text
    for fmt in ("json", "jsonl", "text", "markdown"):
        assert fmt in text


def test_output_file_holds_what_stdout_would(tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    proc = run("extract", str(PAGE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.read_text(encoding="utf-8") == run("extract", str(PAGE)).stdout
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == TITLE


def test_output_file_gets_error_lines_too(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    proc = run("extract", str(PAGE), str(tmp_path / "missing.html"), "--output", str(out))
    assert proc.returncode == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["title"] == TITLE
    assert lines[1]["error"]["kind"] == "FileNotFoundError"


def test_an_output_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("extract", str(PAGE), "-o", str(tmp_path / "no-such-folder" / "out.json"))
    assert proc.returncode == 2
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("page", ["www.example.com/news/1", "example.com/x", "www.news.example"])
def test_a_url_without_scheme_gets_a_hint(tmp_path: Path, page: str) -> None:
    proc = run("extract", page, cwd=tmp_path)
    assert proc.returncode == 1
    assert (
        f"{page}: FileNotFoundError: cannot read: No such file or directory; did you mean https://{page}?"
        in (proc.stderr)
    )
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("page", ["missing.html", "crawl.warc.gz", "pages/missing.html"])
def test_a_missing_file_gets_no_url_hint(tmp_path: Path, page: str) -> None:
    proc = run("extract", page, cwd=tmp_path)
    assert proc.returncode == 1
    assert f"{page}: FileNotFoundError" in proc.stderr
    assert "did you mean" not in proc.stderr


def test_an_existing_file_named_like_a_host_is_read(tmp_path: Path) -> None:
    (tmp_path / "example.com").mkdir()
    (tmp_path / "example.com" / "x").write_bytes(PAGE.read_bytes())
    proc = run("extract", "example.com/x", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == TITLE


def test_another_scheme_is_refused_by_name() -> None:
    proc = run("extract", "ftp://files.example/news/1.html", str(PAGE))
    assert proc.returncode == 1
    assert "ftp://files.example/news/1.html: BlockedError: cannot fetch ftp:// URLs" in proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["error"]["kind"] == "BlockedError"
    assert first["source"] == {"url": "ftp://files.example/news/1.html"}
    assert second["title"] == TITLE


def test_an_unknown_encoding_is_a_usage_error_before_anything_runs(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = run("extract", str(PAGE), "--encoding", "no-such-charset", "-o", str(out))
    assert proc.returncode == 2
    assert "unknown encoding 'no-such-charset'" in proc.stderr
    assert not out.exists()  # nothing ran: not even the output was opened


def test_a_known_encoding_is_accepted() -> None:
    proc = run("extract", str(PAGE), "--encoding", "cp1251")
    assert proc.returncode == 0, proc.stderr


def test_text_of_several_pages_has_the_source_and_a_rule_for_each_article(tmp_path: Path) -> None:
    second = tmp_path / "second.html"
    second.write_bytes(PAGE.read_bytes())
    proc = run("extract", str(PAGE), str(second), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    first_article, second_article, after = proc.stdout.split("\n" + "=" * 72 + "\n")
    assert first_article.startswith(f"Source: {PAGE}\n\n{TITLE}\n")
    assert second_article.startswith(f"\nSource: {second}\n\n{TITLE}\n")  # a blank line after the rule
    assert after == "\n"


def test_text_of_one_page_has_no_rule_nor_source() -> None:
    proc = run("extract", str(PAGE), "--format", "text")
    assert proc.stdout.startswith(TITLE + "\n")
    assert "=" * 72 not in proc.stdout and "Source:" not in proc.stdout


def test_markdown_of_several_pages_has_the_source_and_a_break_for_each_article(tmp_path: Path) -> None:
    second = tmp_path / "second.html"
    second.write_bytes(PAGE.read_bytes())
    proc = run("extract", str(PAGE), str(second), "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    first_article, second_article, after = proc.stdout.split("\n\n---\n")
    assert first_article.startswith(f"Source: `{PAGE}`\n\n# {TITLE}\n")  # a file name as code
    assert second_article.startswith(f"\nSource: `{second}`\n\n# {TITLE}\n")
    assert after == "\n"


def test_a_frame_links_a_url_source_and_keeps_a_file_name_verbatim() -> None:
    from newsextract import extract
    from newsextract.render import TEXT_RULE, framed

    article = extract(PAGE.read_bytes(), "https://www.riverside-courier.example/2030/06/02/seals/")
    url = "https://www.riverside-courier.example/a_b"
    assert framed(article, "markdown", url).startswith(f"Source: <{url}>\n\n# {TITLE}\n")
    assert framed(article, "markdown", "my_page`s.html").startswith("Source: ``my_page`s.html``\n")
    text = framed(article, "text", "my_page.html")
    assert text.startswith(f"Source: my_page.html\n\n{TITLE}\n") and text.endswith(f"\n\n{TEXT_RULE}\n")
