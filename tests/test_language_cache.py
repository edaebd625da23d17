"""The language model's cache: what it gives back is py3langid's own model, part for part, and a
cache that is off, unwritable or damaged costs only the time it would have saved."""

from __future__ import annotations

import os
import subprocess
import sys
from array import array
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

from newsextract.normalize import language

SOURCE = MODEL_DIR / MODEL_FILE


@pytest.fixture(scope="module")
def wheel_parts() -> Any:
    return load_model(SOURCE)


def _assert_same(got: Any, expected: Any) -> None:
    for mine, theirs in zip(got, expected, strict=True):
        if isinstance(theirs, np.ndarray):
            assert isinstance(mine, np.ndarray) and mine.dtype == theirs.dtype
            assert np.array_equal(mine, theirs)
        else:
            assert type(mine) is type(theirs)
            if isinstance(theirs, array):
                assert mine.typecode == theirs.typecode
            assert mine == theirs


def _counting_loader(calls: list[Path]) -> Any:
    def load(source: Path) -> Any:
        calls.append(source)
        return load_model(source)

    return load


def test_the_cached_model_is_the_wheels_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wheel_parts: Any
) -> None:
    monkeypatch.setenv(language.CACHE_ENV, str(tmp_path))
    calls: list[Path] = []
    first = language._model_parts(SOURCE, _counting_loader(calls))
    second = language._model_parts(SOURCE, _counting_loader(calls))
    assert calls == [SOURCE]  # the second load is the cache's
    _assert_same(first, wheel_parts)
    _assert_same(second, wheel_parts)
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith("py3langid-") and (folder / "parts.json").exists()


def test_a_damaged_cache_is_written_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wheel_parts: Any
) -> None:
    monkeypatch.setenv(language.CACHE_ENV, str(tmp_path))
    language._model_parts(SOURCE, load_model)
    (folder,) = tmp_path.iterdir()
    biggest = max(folder.glob("*.npy"), key=lambda p: p.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[:1000])  # cut short, as by a full disk
    calls: list[Path] = []
    _assert_same(language._model_parts(SOURCE, _counting_loader(calls)), wheel_parts)
    assert calls == [SOURCE]
    _assert_same(language._model_parts(SOURCE, _counting_loader(calls)), wheel_parts)
    assert calls == [SOURCE]  # the copy written after the damage is read


def test_an_unwritable_cache_and_a_cache_turned_off_load_the_wheels_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wheel_parts: Any
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(language.CACHE_ENV, str(blocked / "cache"))
    _assert_same(language._model_parts(SOURCE, load_model), wheel_parts)
    monkeypatch.setenv(language.CACHE_ENV, "")
    assert language.cache_dir() is None
    _assert_same(language._model_parts(SOURCE, load_model), wheel_parts)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_a_fresh_process_detects_the_same_languages_from_the_cache(tmp_path: Path) -> None:
    """The whole load, cache written then read, in fresh processes, against the wheel's own."""
    script = """
from newsextract.normalize import language
texts = [
    "The harbour reopened on Monday after the storm, and the ferries run again. " * 6,
    "Гавань знову відкрилася в понеділок після шторму, і пороми знову ходять. " * 6,
    "Der Hafen wurde am Montag nach dem Sturm wieder geöffnet, die Fähren fahren wieder. " * 6,
]
print([language.detect_language(t) for t in texts])
"""
    runs = []
    for cache in (str(tmp_path), str(tmp_path), ""):  # written, read, off (the wheel's)
        proc = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, language.CACHE_ENV: cache},
        )
        assert proc.returncode == 0, proc.stderr
        runs.append(proc.stdout)
    assert runs[0] == runs[1] == runs[2]
    assert "'uk'" in runs[0] and "'de'" in runs[0]
    assert any(tmp_path.iterdir())


def test_processes_that_fill_an_empty_cache_at_once_leave_one_whole_copy(tmp_path: Path) -> None:
    """Batch workers on a fresh machine reach their first page without a language together."""
    script = (
        "from newsextract.normalize import language\n"
        "print(language.detect_language('Гавань знову відкрилася в понеділок після шторму. ' * 8))\n"
    )
    env = {**os.environ, language.CACHE_ENV: str(tmp_path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for _ in range(3)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1 and b"'uk'" in outputs[0][0]
    (folder,) = tmp_path.iterdir()  # one copy, no staging folder left behind
    assert not folder.name.endswith(".tmp")
    _assert_same(language._read_parts(folder), load_model(SOURCE))
