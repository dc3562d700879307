"""Do two `tidings serve` source trees answer the same? (before/after a change of the server's queries)

    PYTHONPATH=src python benchmarks/compare_serve.py --old-src OLD/src --old-db old.duckdb --new-db new.duckdb

Starts the server of ``--old-src`` on ``--old-db`` and this checkout's (or ``--new-src``) on ``--new-db``
(the same store, at the schema version each tree knows: copy the file and open the copy once with the newer
tidings to migrate it), both on 127.0.0.1, asks both the same API requests (dyads, timelines, tops, event pages
and the pages after them, places, series, counts) over the store's busiest actors and types, and compares the
JSON answers: equal, numbers within a relative 1e-9 (sums of Goldstein scores added in another order).
``/stats``' ``schema_version`` is left out (it is what differs by design). Prints each difference and a
summary; exit status 1 when any answer differs. Talks to 127.0.0.1 only; both servers are stopped at the end.
"""
from __future__ import annotations

import argparse
import math
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_serve import HOST, start_server, wait_up  # noqa: E402


def same(a, b, path: str = "") -> list[str]:
    """The differences between two JSON values (numbers within a relative 1e-9)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return [] if a == b else [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return [] if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) else [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}: keys {sorted(set(a) ^ set(b))}"] if set(a) != set(b) else []
        for k in sorted(set(a) & set(b)):
            out += same(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += same(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def requests_for(client, rng: random.Random, k: int) -> list[str]:
    """API requests over the store's busiest actors and types (asked of the new server)."""
    actors = [r["actor"] for r in client.get("/api/v1/top/actors", params={"n": 40}).json()["data"]]
    types = [r["event"] for r in client.get("/api/v1/top/types", params={"n": 20, "include_modal": True}).json()["data"]]
    stats = client.get("/api/v1/stats").json()
    lo, hi = stats["date_min"], stats["date_max"]
    years = sorted({int(lo[:4]), int(hi[:4])} | set(range(int(lo[:4]), int(hi[:4]) + 1)))
    urls = ["/api/v1/stats", "/api/v1/top/actors", "/api/v1/top/dyads", "/api/v1/top/types", "/api/v1/top/events",
            "/api/v1/top/actors?include_modal=true&include_negated=true&n=50", "/api/v1/geo/countries",
            "/api/v1/series?by=month", "/api/v1/events/count", "/api/v1/geo?format=json"]
    for _ in range(k):
        a, b = rng.sample(actors, 2) if len(actors) > 1 else (actors[0], actors[0] + "X")
        y = rng.choice(years)
        t = rng.choice(types) if types else "CONSULT"
        by = rng.choice(["day", "week", "month", "quarter", "year"])
        urls += [
            f"/api/v1/dyad?a={a}&b={b}&by={by}",
            f"/api/v1/dyad?a={a}&b={b}&by=week&since={y}-01-01&until={y}-12-31",
            f"/api/v1/timeline?actor={a}&by={by}",
            f"/api/v1/timeline?actor={a}&by=month&since={y}-02-01&until={y}-11-30&include_modal=true",
            f"/api/v1/timeline?actor={a}&by=week&since={y}-03-15&type={t}",
            f"/api/v1/top/actors?since={y}-01-01&until={y}-12-31",
            f"/api/v1/top/actors?since={y}-01-10&type={t}",
            f"/api/v1/top/dyads?type={t}",
            f"/api/v1/top/dyads?actor={a}&until={y}-06-30",
            f"/api/v1/top/types?actor={a}",
            f"/api/v1/top/types?actor={a}&actor={b}&since={y}-01-01&include_negated=true",
            f"/api/v1/top/events?country={a}&n=10",
            f"/api/v1/top/events?actor={a}&n=5",
            f"/api/v1/partners?actor={a}",
            "/api/v1/events?limit=50&sort=" + rng.choice(["-date", "date", "-mentions", "mentions", "goldstein",
                                                          "-goldstein"]),
            f"/api/v1/events?limit=50&actor={a}&type={t}&since={y}-01-01",
            f"/api/v1/events?limit=20&source={a}&target={b}",
            f"/api/v1/events?limit=20&country={a}&quad={rng.randint(1, 4)}",
            f"/api/v1/geo?since={y}-01-01&until={y}-12-31&quad={rng.randint(1, 4)}",
            f"/api/v1/series?by=week&type={t}",
        ]
    return list(dict.fromkeys(urls))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old-src", type=Path, required=True)
    ap.add_argument("--old-db", type=Path, required=True)
    ap.add_argument("--new-src", type=Path, default=HERE.parent / "src")
    ap.add_argument("--new-db", type=Path, required=True)
    ap.add_argument("--k", type=int, default=10, help="rounds of random requests (about 20 each)")
    ap.add_argument("--pages", type=int, default=2, help="pages followed for each /events request")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)

    import httpx

    procs = []
    try:
        old_p, old_port = start_server(args.old_src, args.old_db, [])
        procs.append(old_p)
        new_p, new_port = start_server(args.new_src, args.new_db, [])
        procs.append(new_p)
        old_base, new_base = f"http://{HOST}:{old_port}", f"http://{HOST}:{new_port}"
        with httpx.Client(base_url=old_base, timeout=120) as old, httpx.Client(base_url=new_base, timeout=120) as new:
            wait_up(old_p, old_base)
            wait_up(new_p, new_base)
            urls = requests_for(new, random.Random(args.seed), args.k)
            diffs, n = [], 0
            for url in urls:
                cursor = None
                for _page in range(args.pages if url.startswith("/api/v1/events?") else 1):
                    u = url + (f"&cursor={cursor}" if cursor else "")
                    ro, rn = old.get(u), new.get(u)
                    n += 1
                    if ro.status_code != rn.status_code:
                        diffs.append(f"{u}: status {ro.status_code} != {rn.status_code}")
                        break
                    jo, jn = ro.json(), rn.json()
                    if url == "/api/v1/stats":
                        jo.pop("schema_version", None)
                        jn.pop("schema_version", None)
                    d = same(jo, jn)
                    if d:
                        diffs.append(f"{u}: " + "; ".join(d[:5]) + (f" (+{len(d) - 5})" if len(d) > 5 else ""))
                    cursor = jn.get("next_cursor") if isinstance(jn, dict) else None
                    if not cursor:
                        break
        for d in diffs:
            print("DIFF", d)
        print(f"{n} requests ({len(urls)} distinct URLs): {n - len(diffs)} equal, {len(diffs)} differ")
        return 1 if diffs else 0
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    sys.exit(main())
