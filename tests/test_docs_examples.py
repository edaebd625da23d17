"""Every example in README.md and docs/*.md runs, so an example cannot rot.

- A ```python block runs in a fresh namespace with a temporary folder as the working directory
  (top-level ``await`` allowed); site extractors it registers are unregistered after it.
- In a ```console block, each line ``$ newsextract ...`` runs through the real CLI in a shell (so
  ``>`` and ``|`` work) and must exit 0; the lines of one block share a temporary folder, in order.
- Neither may reach the network. A Python block that fetches (``extract_url``, the fetchers,
  ``discover``) talks to a stand-in for the web instead (``example_web``, through respx): every
  host serves a robots.txt that names its news sitemap, a news sitemap of one article, and the
  example page shipped with the package at every other path. A console line runs in its own
  process, where no host other than localhost resolves: one that fetches fails and says so.
- A block that cannot run here (it fetches, or needs a file the reader has) is skipped only when the
  line before its fence is ``<!-- no-test: reason -->``; the reason is shown in the skip.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import re
import socket
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from newsextract import example_page
from newsextract.extractors import _registered

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(`{3,})([\w+-]*)\s*$")
NO_TEST = re.compile(r"^<!--\s*no-test:\s*(.*?)\s*-->\s*$")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

# The CLI's guard against the network, run before `newsextract.cli.main` in the subprocess.
_GUARD = f"LOCAL_HOSTS = {sorted(LOCAL_HOSTS)!r}\n" + (
    """
import socket, sys
_real = socket.getaddrinfo
def _local_only(host, *args, **kwargs):
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host not in LOCAL_HOSTS:
        raise OSError(f"documentation examples run offline: cannot resolve {host!r} "
                      "(mark the block <!-- no-test: reason -->)")
    return _real(host, *args, **kwargs)
socket.getaddrinfo = _local_only
from newsextract.cli import main
sys.exit(main())
"""
)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    lang: str
    code: str
    skip: str | None  # the no-test reason

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the no-test reason on the line before it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        fence, lang = opened.groups()
        end = i + 1
        while end < len(lines) and not lines[end].startswith(fence):
            end += 1
        marker = NO_TEST.match(lines[i - 1].strip()) if i else None
        code = "\n".join(lines[i + 1 : end]) + "\n"
        found.append(Block(path, i + 1, lang.lower(), code, marker.group(1) if marker else None))
        i = end + 1
    return found


ALL_BLOCKS = [block for path in documents() for block in blocks(path)]
PYTHON = [b for b in ALL_BLOCKS if b.lang in ("python", "py")]
CONSOLE = [b for b in ALL_BLOCKS if b.lang == "console"]


def _params(selected: list[Block]) -> list[Any]:
    return [
        pytest.param(b, id=b.id, marks=[pytest.mark.skip(reason=f"no-test: {b.skip}")] if b.skip else [])
        for b in selected
    ]


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, bytes):  # httpcore asks with bytes
            host = host.decode("ascii", "replace")
        if host not in LOCAL_HOSTS:
            raise OSError(f"documentation examples run offline: cannot resolve {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture
def cli(tmp_path: Path) -> dict[str, str]:
    """The environment of a console line: `newsextract` on PATH runs this checkout's CLI, offline."""
    bin_dir = tmp_path / "_bin"
    bin_dir.mkdir()
    (bin_dir / "offline_cli.py").write_text(_GUARD, encoding="utf-8")
    script = bin_dir / "newsextract"
    script.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{bin_dir}/offline_cli.py" "$@"\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return env


_NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{origin}/news/2024/07/12/lake-town-library/</loc><news:news>
<news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-07-12T19:50:00+03:00</news:publication_date>
<news:title>Lake town opens floating library for winter</news:title></news:news></url>
</urlset>"""


def _example_site(request: httpx.Request) -> httpx.Response:
    origin = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
    if request.url.path == "/robots.txt":
        robots = f"User-agent: *\nAllow: /\nSitemap: {origin}/news-sitemap.xml\n"
        return httpx.Response(200, text=robots, headers={"Content-Type": "text/plain"})
    if request.url.path == "/news-sitemap.xml":
        sitemap = _NEWS_SITEMAP.format(origin=origin)
        return httpx.Response(200, text=sitemap, headers={"Content-Type": "application/xml"})
    page = example_page()[0].read_bytes()
    return httpx.Response(200, content=page, headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.fixture
def example_web() -> Any:
    """Every http(s) request of the block answered by ``_example_site``, whatever its host."""
    with respx.mock(assert_all_called=False) as router:
        router.route().mock(side_effect=_example_site)
        yield router


@pytest.mark.parametrize("block", _params(PYTHON))
def test_python_example_runs(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: None, example_web: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    registered = list(_registered)
    code = compile(block.code, block.id, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    try:
        result = eval(code, {"__name__": "__docs__"})  # a fresh namespace per block
        if inspect.iscoroutine(result):  # the block awaits at top level
            asyncio.run(result)
    finally:
        _registered[:] = registered


def run_console(code: str, where: str, cwd: Path, env: dict[str, str]) -> None:
    """Each ``$ newsextract`` line of a console block, in order, in one folder; each must exit 0."""
    commands = [line[2:] for line in code.splitlines() if line.startswith("$ newsextract")]
    assert commands, f"{where}: a console block with no `$ newsextract` line (mark it no-test)"
    for command in commands:
        proc = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, f"{where}: `{command}` exited {proc.returncode}:\n{proc.stderr}"


@pytest.mark.parametrize("block", _params(CONSOLE))
def test_console_example_runs(block: Block, tmp_path: Path, cli: dict[str, str]) -> None:
    run_console(block.code, block.id, tmp_path, cli)


def test_console_lines_run_this_checkout_offline(tmp_path: Path, cli: dict[str, str]) -> None:
    # The machinery the documents' console blocks go through: shell redirection and pipes work,
    # lines run in order in one folder, other lines are shown output, and the network is shut.
    run_console(
        "$ newsextract extract --example > record.json\n{...}\n$ newsextract schema > schema.json\n"
        "$ newsextract schema | head -1\n",
        "self-test",
        tmp_path,
        cli,
    )
    assert '"title": "Lake town opens floating library' in (tmp_path / "record.json").read_text("utf-8")
    assert (tmp_path / "schema.json").read_text("utf-8").startswith("{")
    with pytest.raises(AssertionError, match="run offline: cannot resolve 'news.example'"):
        run_console("$ newsextract extract https://news.example/a\n", "self-test", tmp_path, cli)


def test_the_harness_finds_the_examples() -> None:
    assert PYTHON, "README.md has Python examples: the block parser is broken"
    assert any(not b.skip for b in PYTHON), "every Python example is skipped"


def test_every_no_test_marker_gives_a_reason_and_stands_before_a_block() -> None:
    for path in documents():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            marker = NO_TEST.match(line.strip())
            if marker is None:
                continue
            where = f"{path.relative_to(ROOT)}:{number}"
            assert marker.group(1), f"{where}: a no-test marker needs its reason"
            assert number < len(lines) and FENCE.match(lines[number]), f"{where}: no fenced block follows"


def test_a_skipped_block_is_only_one_with_a_marker(tmp_path: Path) -> None:
    # The parser itself: a marker covers the block right after it, and no other.
    doc = tmp_path / "doc.md"
    doc.write_text(
        "<!-- no-test: fetches -->\n```python\nfetch()\n```\n\n```python\nx = 1\n```\n"
        "<!-- no-test: needs a crawl -->\n\n```console\n$ newsextract batch crawl.warc.gz -o o.jsonl\n```\n",
        encoding="utf-8",
    )
    found = blocks(doc)
    assert [(b.lang, b.skip) for b in found] == [("python", "fetches"), ("python", None), ("console", None)]
    assert found[1].code == "x = 1\n" and found[1].line == 6
