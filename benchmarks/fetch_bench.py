#!/usr/bin/env python3
"""Fetch throughput against 20 local hosts (127.0.0.2 ... 127.0.0.21) with per-host limits on.

Usage: python benchmarks/fetch_bench.py [--pages 4000] [--per-host 4] [--latency-ms 20]

A server process (the second core) listens on port P of each of the 20 addresses, answers every
page after --latency-ms (a stand-in for network and server time) and counts, per address, how
many requests were in flight at once. The AsyncFetcher downloads --pages URLs spread over the
hosts with robots.txt on and a per-host cap of --per-host; the report gives pages/s and whether
any host ever saw more than its cap (measured by the server, not by the client).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import sys
import time

HOSTS = [f"127.0.0.{i}" for i in range(2, 22)]
BODY = (
    b"<html><head><title>bench</title></head><body><article><h1>Benchmark page</h1>"
    + b"<p>Some article text, long enough to look like a paragraph of a real page.</p>" * 40
    + b"</article></body></html>"
)


def serve(port: int, latency: float, ready: mp.Event, stop: mp.Event, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """Minimal keep-alive HTTP/1.1 server on every host address; reports per-host peaks at the end."""
    in_flight = dict.fromkeys(HOSTS, 0)
    peak = dict.fromkeys(HOSTS, 0)
    served = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        nonlocal served
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                in_flight[host] += 1
                peak[host] = max(peak[host], in_flight[host])
                try:
                    if path == b"/robots.txt":
                        body, ctype = b"User-agent: *\nAllow: /\n", b"text/plain"
                    else:
                        await asyncio.sleep(latency)
                        body, ctype = BODY, b"text/html; charset=utf-8"
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: "
                        + ctype
                        + b"\r\nContent-Length: "
                        + str(len(body)).encode()
                        + b"\r\n\r\n"
                        + body
                    )
                    await writer.drain()
                    served += 1
                finally:
                    in_flight[host] -= 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [
            await asyncio.start_server(lambda r, w, h=h: handle(r, w, h), h, port, backlog=1024)
            for h in HOSTS
        ]
        ready.set()
        while not stop.is_set():
            await asyncio.sleep(0.05)
        for s in servers:
            s.close()
        out.put({"peak": peak, "served": served})

    asyncio.run(main())


async def fetch_all(port: int, pages: int, per_host: int) -> tuple[float, int, int, dict[str, int]]:
    from newsextract.fetch import AsyncFetcher, FetchConfig

    config = FetchConfig(
        per_host_concurrency=per_host, per_host_delay=0.0, global_concurrency=per_host * len(HOSTS)
    )
    urls = [f"http://{HOSTS[i % len(HOSTS)]}:{port}/page/{i}" for i in range(pages)]
    ok = failed = 0
    async with AsyncFetcher(config) as fetcher:
        start = time.perf_counter()
        async for result in fetcher.fetch_many(urls):
            if isinstance(result, Exception):
                failed += 1
            else:
                ok += 1
        elapsed = time.perf_counter() - start
        client_peaks = fetcher.host_peaks()
    return elapsed, ok, failed, client_peaks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=4000)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--latency-ms", type=float, default=20.0)
    ap.add_argument("--port", type=int, default=18765)
    args = ap.parse_args()

    ready, stop, out = mp.Event(), mp.Event(), mp.Queue()
    server = mp.Process(target=serve, args=(args.port, args.latency_ms / 1000, ready, stop, out), daemon=True)
    server.start()
    if not ready.wait(10):
        sys.exit("server did not start")
    try:
        elapsed, ok, failed, client_peaks = asyncio.run(fetch_all(args.port, args.pages, args.per_host))
    finally:
        stop.set()
    stats = out.get(timeout=10)
    server.join(5)
    max_peak = max(stats["peak"].values())
    report = {
        "pages": args.pages,
        "ok": ok,
        "failed": failed,
        "seconds": round(elapsed, 2),
        "pages_per_s": round(ok / elapsed, 1),
        "per_host_cap": args.per_host,
        "max_concurrent_seen_by_any_host": max_peak,
        "max_concurrent_sent_to_any_host": max(client_peaks.values()),
        "cap_respected": max_peak <= args.per_host,
        "latency_ms": args.latency_ms,
        "hosts": len(HOSTS),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
