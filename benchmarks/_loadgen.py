"""A light HTTP load generator for bench_serve.py: one process, asyncio, raw sockets, keep-alive.

    python benchmarks/_loadgen.py PORT CLIENTS SECONDS < work.json > results.json

``work.json``: a list of ``[kind, path]`` (``kind`` ``events_next`` first fetches ``path`` and then
times the page its ``next_cursor`` points to). ``CLIENTS`` connections to 127.0.0.1:PORT share the
list; each sends one request, reads the whole response, then takes the next, until the list is done
or ``SECONDS`` have passed. Prints ``[[kind, seconds, status], ...]``. No HTTP library: a request
costs the generator a few microseconds of CPU, so it takes little from the server it measures.
Only ever connects to 127.0.0.1.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

HOST = "127.0.0.1"


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bytes]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: */*\r\n\r\n".encode("latin-1"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            data = await reader.readexactly(size + 2)
            if size == 0:
                break
            parts.append(data[:-2])
        body = b"".join(parts)
    else:
        body = await reader.read()
    return status, body


async def main(port: int, clients: int, seconds: float, work: list) -> list:
    results: list = []
    queue = list(reversed(work))
    deadline = time.monotonic() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while queue and time.monotonic() < deadline:
                kind, path = queue.pop()
                if kind == "events_next":   # the second page, reached with the first page's cursor
                    status, body = await _get(reader, writer, path)
                    nxt = json.loads(body).get("next_cursor") if status == 200 else None
                    if not nxt:
                        continue
                    path = f"{path}&cursor={nxt}"
                t = time.perf_counter()
                status, _ = await _get(reader, writer, path)
                results.append((kind, time.perf_counter() - t, status))
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return results


if __name__ == "__main__":
    port, n, secs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    out = asyncio.run(main(port, n, secs, json.load(sys.stdin)))
    json.dump(out, sys.stdout)
