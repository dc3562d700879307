"""Loopback load test of `tidings serve` over a synthetic store of a million canonical events.

    PYTHONPATH=src python benchmarks/bench_serve.py                      # 1 M events, 32 clients
    PYTHONPATH=src python benchmarks/bench_serve.py --n 100000 --requests 800   # quick smoke run

Builds the store with SQL in DuckDB (the canonical events of bench_dyad.py, plus one event mention,
evidence sentence and article per event group, locations, and the store's summaries), starts
``tidings serve`` on 127.0.0.1 in a subprocess, and then

1. a cold pass: one client, every endpoint with parameters no request used before (nothing cached);
2. the load: ``--clients`` keep-alive connections (a separate, light asyncio process: _loadgen.py)
   share a shuffled list of ``--requests`` requests over the endpoints, with parameters drawn from
   large pools (1,560 dyads, 40 actors, filters), and stop when the list is done or after ``--seconds``;
3. the warm load: the same over ``--warm-urls`` distinct requests, each asked once before.

``--keep PATH`` keeps the store it built; ``--db PATH`` serves it again; ``--src`` runs the server from
another source tree (an older checkout, for a before/after on the same store); ``--server-threads N`` passes
``--threads N`` to ``tidings serve`` (DuckDB's threads; a server that has the option). Each phase prints
the load average of the machine before and after it (the CPUs are shared: read the figures with it).

Prints p50/p99 per endpoint for both, throughput, and the server's RSS (now and peak). Only ever
talks to 127.0.0.1; bounded in requests and time; the server is stopped and the store removed at the end.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from bench_dyad import CODES, COUNTRIES, generate  # noqa: E402

HOST = "127.0.0.1"   # loopback only
# a rough location per country (lat, lon) so that /geo has points
PLACES = {"USA": (38.9, -77.0), "CHN": (39.9, 116.4), "RUS": (55.8, 37.6), "GBR": (51.5, -0.1), "ISR": (31.8, 35.2),
          "UKR": (50.4, 30.5), "IND": (28.6, 77.2), "PAK": (33.7, 73.1), "IRN": (35.7, 51.4), "FRA": (48.9, 2.4),
          "DEU": (52.5, 13.4), "TUR": (39.9, 32.9), "JPN": (35.7, 139.7), "SAU": (24.7, 46.7), "AFG": (34.5, 69.2),
          "SYR": (33.5, 36.3), "IRQ": (33.3, 44.4), "EGY": (30.0, 31.2), "KOR": (37.6, 127.0), "PRK": (39.0, 125.8),
          "SDN": (15.6, 32.5), "NGA": (9.1, 7.5), "ZAF": (-25.7, 28.2), "BRA": (-15.8, -47.9), "MEX": (19.4, -99.1),
          "CAN": (45.4, -75.7), "AUS": (-35.3, 149.1), "IDN": (-6.2, 106.8), "PHL": (14.6, 121.0),
          "VNM": (21.0, 105.8), "ETH": (9.0, 38.7), "KEN": (-1.3, 36.8), "LBY": (32.9, 13.2), "YEM": (15.4, 44.2),
          "LBN": (33.9, 35.5), "PSE": (31.9, 35.2), "QAT": (25.3, 51.5), "ARE": (24.5, 54.4), "POL": (52.2, 21.0),
          "ITA": (41.9, 12.5)}


def build(path: Path, n: int, threads: int) -> dict:
    from tidings.store import Store
    from tidings.store.dedup import rebuild_rollup

    t0 = time.perf_counter()
    with Store(path) as st:
        con = st.con
        con.execute(f"SET threads = {threads}")
        con.execute("SET enable_progress_bar = false")
        generate(con, n)
        con.execute("CREATE TEMP TABLE places AS SELECT * FROM (VALUES " + ", ".join(
            f"('{c}', 'Capital of {c}', {lat}, {lon})" for c, (lat, lon) in PLACES.items()) +
            ") t(code, name, lat, lon)")
        # evidence: one mention per canonical event, four events per article
        con.execute("""
            UPDATE canonical_events c SET first_event_id = 'syn-' || c.id, first_article_id = 'art-' || (c.id // 4),
                   loc_name = CASE WHEN c.id % 3 = 0 THEN NULL ELSE p.name END,
                   loc_country = CASE WHEN c.id % 3 = 0 THEN NULL ELSE p.code END,
                   loc_lat = CASE WHEN c.id % 3 = 0 THEN NULL ELSE p.lat END,
                   loc_lon = CASE WHEN c.id % 3 = 0 THEN NULL ELSE p.lon END,
                   date_min = c.date, date_max = c.date, mode = NULL, confidence = 0.8,
                   actor_name = c.actor_code, recipient_name = c.recipient_code
            FROM places p WHERE p.code = CASE WHEN c.id % 2 = 0 THEN c.actor_code ELSE c.recipient_code END""")
        con.execute("""
            INSERT INTO events (id, article_id, idx, event, cameo, cameo_root, quad_class, goldstein,
                   actor_code, actor_sector, recipient_code, recipient_sector, actors, recipients,
                   trigger_text, trigger_start, trigger_end, sentence_index, sentence_start, sentence_end,
                   sentence_text, date, modality, negated, confidence, rule)
            SELECT first_event_id, first_article_id, (id % 4)::INTEGER, event, cameo, cameo_root, quad_class, goldstein,
                   actor_code, actor_sector, recipient_code, recipient_sector, '[]', '[]',
                   lower(event), 4, 4 + length(event), (id % 4)::INTEGER, 0, 9 + length(event) + length(recipient_code),
                   actor_code || ' ' || lower(event) || ' ' || recipient_code || ' (synthetic).', date, modality,
                   negated, 0.8, 'synthetic:' || cameo
            FROM canonical_events""")
        con.execute("""
            INSERT INTO event_mentions (event_id, canonical_id, article_id, cluster_id, source_key, date)
            SELECT first_event_id, id, first_article_id, first_article_id, 'synthetic', date FROM canonical_events""")
        con.execute("""
            INSERT INTO articles (id, content_hash, title, date, date_raw, source, url, language, text, errors,
                                  n_errors)
            SELECT first_article_id, 'synthetic', 'Synthetic article ' || first_article_id, min(date),
                   min(date)::VARCHAR, 'synthetic', NULL, 'en', string_agg(sentence_text, ' '), '[]', 0
            FROM (SELECT c.first_article_id, c.date, e.sentence_text FROM canonical_events c
                  JOIN events e ON e.id = c.first_event_id) GROUP BY first_article_id""")
        con.execute("INSERT INTO article_clusters SELECT id, id, NULL, NULL, 'synthetic' FROM articles")
        rebuild_rollup(con)
        con.execute("CHECKPOINT")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("canonical_events", "events", "articles", "event_rollup")}
    counts["build_s"] = round(time.perf_counter() - t0, 1)
    counts["file_mb"] = round(path.stat().st_size / 2**20)
    return counts


def rss_mb(pid: int) -> tuple[float, float]:
    now = peak = 0.0
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def load_average() -> str:
    """The machine's 1-minute load average (other users' jobs included)."""
    return f"{os.getloadavg()[0]:.1f}"


def request_pool(rng: random.Random, k: int) -> list[tuple[str, str]]:
    """``k`` (endpoint, url) pairs; parameters from large pools so the cache sees many keys."""
    types = sorted({e for _, e, _, _ in CODES})
    out = []
    for _ in range(k):
        a, b = rng.sample(COUNTRIES, 2)
        year = rng.randint(2015, 2024)
        kind = rng.choice(["dyad_month", "dyad_week", "timeline", "top_actors", "top_dyads", "top_types",
                           "top_events", "events_first", "events_filtered", "events_next", "geo"])
        url = {
            "dyad_month": f"/api/v1/dyad?a={a}&b={b}&by=month",
            "dyad_week": f"/api/v1/dyad?a={a}&b={b}&by=week&since={year}-01-01&until={year}-12-31",
            "timeline": f"/api/v1/timeline?actor={a}&by=month",
            "top_actors": f"/api/v1/top/actors?since={year}-01-01&until={year}-12-31",
            "top_dyads": f"/api/v1/top/dyads?type={rng.choice(types)}",
            "top_types": f"/api/v1/top/types?actor={a}",
            "top_events": f"/api/v1/top/events?country={a}&n=10",
            "events_first": "/api/v1/events?limit=50&sort=" + rng.choice(["-date", "date", "-mentions", "goldstein"]),
            "events_filtered": f"/api/v1/events?limit=50&actor={a}&type={rng.choice(types)}&since={year}-01-01",
            "events_next": f"/api/v1/events?limit=50&source={a}&target={b}",
            "geo": f"/api/v1/geo?since={year}-01-01&until={year}-12-31&quad={rng.randint(1, 4)}",
        }[kind]
        out.append((kind, url))
    return out


def run_requests(port: int, work: list[tuple[str, str]], clients: int, seconds: float):
    """Run ``work`` with ``clients`` keep-alive connections in a separate, light process (_loadgen.py:
    asyncio and raw sockets), so that the generator takes little of the CPU the server needs."""
    import json

    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, str(HERE / "_loadgen.py"), str(port), str(clients), str(seconds)],
                         input=json.dumps(work), capture_output=True, text=True, timeout=seconds + 60, check=True)
    return [tuple(r) for r in json.loads(out.stdout)], time.perf_counter() - t0


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def table(results) -> list[str]:
    by: dict[str, list[float]] = {}
    bad = 0
    for kind, dt, status in results:
        by.setdefault(kind, []).append(dt * 1000)
        bad += status != 200
    lines = ["| endpoint | requests | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|"]
    for kind in sorted(by):
        xs = by[kind]
        lines.append(f"| {kind} | {len(xs)} | {statistics.median(xs):.1f} | {pct(xs, 99):.1f} | {max(xs):.1f} |")
    if bad:
        lines.append(f"| non-200 responses | {bad} | | | |")
    return lines


def start_server(src: Path, db: Path, extra: list[str]) -> tuple[subprocess.Popen, int]:
    """``tidings serve`` of the source tree ``src`` on ``db``, on a free port of 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), *extra], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, port


def wait_up(proc: subprocess.Popen, base: str) -> float:
    """Waits until the server at ``base`` answers /healthz (at most 180 s); returns the seconds taken."""
    import httpx

    t = time.perf_counter()
    while True:
        try:
            if httpx.get(base + "/api/v1/healthz", timeout=2).status_code == 200:
                return time.perf_counter() - t
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.perf_counter() - t > 180:
            raise SystemExit("the server did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="synthetic canonical events (default 1 million)")
    ap.add_argument("--db", type=Path, help="serve this store (built by an earlier run with --keep) instead of "
                                            "building one")
    ap.add_argument("--keep", type=Path, help="keep the store built at this path")
    ap.add_argument("--src", type=Path, default=HERE.parent / "src",
                    help="the tidings source tree the server runs (default: this checkout's)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=3200, help="requests in each load phase (default 3,200)")
    ap.add_argument("--seconds", type=float, default=120, help="each load phase stops after this (default 120)")
    ap.add_argument("--cold", type=int, default=5, help="uncached requests per endpoint in the cold pass")
    ap.add_argument("--warm-urls", type=int, default=200,
                    help="distinct requests of the warm phase (each asked once before it starts)")
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads while building (default 2)")
    ap.add_argument("--server-threads", type=int, help="pass --threads N to tidings serve")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    import httpx

    tmp = Path(tempfile.mkdtemp(prefix="tidings-serve-bench-"))
    proc = None
    try:
        if args.db:
            db = args.db
        else:
            db = args.keep or tmp / "bench.duckdb"
            counts = build(db, args.n, args.threads)
            print(f"store: {counts}")
        extra = ["--threads", str(args.server_threads)] if args.server_threads is not None else []
        proc, port = start_server(args.src, db, extra)
        base = f"http://{HOST}:{port}"
        up_s = wait_up(proc, base)
        print(f"server ({args.src}) up in {up_s:.1f}s, RSS {rss_mb(proc.pid)[0]:.0f} MB")

        # 1. cold: one client, parameters never seen (a distinct seed from the load's pool)
        cold_work = []
        kinds_seen: dict[str, int] = {}
        for kind, url in request_pool(random.Random(args.seed + 1000), 4000):
            if kinds_seen.get(kind, 0) < args.cold:
                kinds_seen[kind] = kinds_seen.get(kind, 0) + 1
                cold_work.append((kind, url))
        la = load_average()
        cold, cold_s = run_requests(port, cold_work, 1, args.seconds)
        print(f"\ncold pass: one client, {len(cold)} uncached requests in {cold_s:.1f}s; load average {la} → "
              f"{load_average()}")
        print("\n".join(table(cold)))

        # 2. load, parameters from large pools (mostly uncached)
        work = request_pool(random.Random(args.seed), args.requests)
        la = load_average()
        load, load_s = run_requests(port, work, args.clients, args.seconds)
        now, peak = rss_mb(proc.pid)
        print(f"\nload, varied parameters: {args.clients} clients, {len(load)} requests in {load_s:.1f}s "
              f"({len(load) / load_s:.0f} requests/s); server RSS {now:.0f} MB (peak {peak:.0f} MB); "
              f"load average {la} → {load_average()}")
        print("\n".join(table(load)))

        # 3. warm: the same load over a fixed set of requests, each asked once before
        rng = random.Random(args.seed + 2000)
        urls = request_pool(rng, args.warm_urls)
        run_requests(port, urls, 4, args.seconds)
        warm_work = [rng.choice(urls) for _ in range(args.requests)]
        la = load_average()
        warm, warm_s = run_requests(port, warm_work, args.clients, args.seconds)
        now, peak = rss_mb(proc.pid)
        print(f"\nload, warm ({len(urls)} distinct requests): {args.clients} clients, {len(warm)} requests in "
              f"{warm_s:.1f}s ({len(warm) / warm_s:.0f} requests/s); server RSS {now:.0f} MB (peak {peak:.0f} MB); "
              f"load average {la} → {load_average()}")
        print("\n".join(table(warm)))
        with httpx.Client(base_url=base) as c:
            print("stats:", c.get("/api/v1/stats").json())
        return 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
