"""The settings of one batch run, in one frozen object that every stage is handed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..limits import MAX_INPUT_BYTES

__all__ = ["Options"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How a batch runs.

    workers: worker processes (None: the CPU count).
    site_rules: False runs the generic extractor only.
    timeout: seconds one document may take in a worker process (0: no limit). Dask worker
        threads cannot take a signal, so there it does not apply.
    max_bytes: the largest page read (a page file decompressed, a WARC record's payload, a JSONL
        line's ``html``); larger inputs become InputTooLargeError lines, unread.
    fetch_config: a ``newsextract.fetch.FetchConfig`` for URL lists (None: the defaults, with
        ``max_bytes``).

    Values that cannot work (a negative time limit, a limit below one byte) are a ValueError
    here, before any input is read.
    """

    workers: int | None = None
    site_rules: bool = True
    timeout: float = 30.0
    max_bytes: int = MAX_INPUT_BYTES
    fetch_config: Any = None

    def __post_init__(self) -> None:
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise ValueError(f"workers must be at least 1, not {self.workers!r}")
        if not isinstance(self.timeout, (int, float)) or not math.isfinite(self.timeout) or self.timeout < 0:
            raise ValueError(f"timeout must be a number of seconds, 0 or more, not {self.timeout!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes!r}")
