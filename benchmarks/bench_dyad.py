"""Dyad-by-month benchmark: synthetic canonical events, generated in DuckDB (SQL, no Python loops).

    PYTHONPATH=src python benchmarks/bench_dyad.py                 # 10 million events
    PYTHONPATH=src python benchmarks/bench_dyad.py --n 200000      # quick smoke run

Times, in the same run and on the same table:
  * ``tidings.analysis.dyad(store, A, B, by="month")`` (the API: SQL + pandas frame, both directions,
    asserted events only, dense months), which reads the ``event_rollup`` summary the store maintains,
    and the same call with ``rollup=False`` (straight from ``canonical_events``);
  * the same GROUP BY in raw SQL with the dyad in its WHERE clause;
  * the plain approach: one GROUP BY over the raw table (every dyad x month x quad class), from
    which the dyad's rows are then picked.
and prints the medians and their ratio. Country frequencies are skewed (a few countries dominate, as
in news), dates spread over ten years, event codes drawn from a realistic mix.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

COUNTRIES = ["USA", "CHN", "RUS", "GBR", "ISR", "UKR", "IND", "PAK", "IRN", "FRA", "DEU", "TUR", "JPN", "SAU",
             "AFG", "SYR", "IRQ", "EGY", "KOR", "PRK", "SDN", "NGA", "ZAF", "BRA", "MEX", "CAN", "AUS", "IDN",
             "PHL", "VNM", "ETH", "KEN", "LBY", "YEM", "LBN", "PSE", "QAT", "ARE", "POL", "ITA"]
SECTORS = ["GOV", "GOV", "GOV", "MIL", "COP", "OPP", "REB", "CVL", "BUS", "MED", "JUD", "LEG"]
# (cameo, PLOVER, quad, goldstein)
CODES = [("040", "CONSULT", 1, 1.0), ("042", "CONSULT", 1, 1.9), ("043", "CONSULT", 1, 2.8),
         ("036", "CONSULT", 1, 4.0), ("051", "SUPPORT", 1, 3.4), ("057", "AGREE", 1, 8.0),
         ("020", "REQUEST", 1, 3.0), ("061", "COOPERATE", 2, 6.4), ("071", "AID", 2, 7.4),
         ("073", "AID", 2, 7.4), ("081", "CONCEDE", 2, 5.0), ("111", "REJECT", 3, -2.0),
         ("112", "ACCUSE", 3, -2.0), ("130", "THREATEN", 3, -4.4), ("128", "REJECT", 3, -4.0),
         ("141", "PROTEST", 4, -6.5), ("163", "SANCTION", 4, -8.0), ("173", "COERCE", 4, -5.0),
         ("190", "ASSAULT", 4, -10.0), ("193", "ASSAULT", 4, -10.0)]


def generate(con, n: int) -> float:
    t = time.perf_counter()
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
    codes = "[" + ", ".join(f"{{'cameo': '{c}', 'event': '{e}', 'quad': {q}, 'g': {g}}}" for c, e, q, g in CODES) + "]"
    nc = len(COUNTRIES)
    con.execute(f"""
        INSERT INTO canonical_events (id, event, cameo, cameo_root, quad_class, goldstein, actor_code, actor_sector,
            actor_cameo, recipient_code, recipient_sector, recipient_cameo, date, modality, negated,
            num_mentions, num_sources, num_articles, first_article_id)
        WITH r AS (
            SELECT range AS i, hash(range) AS h1, hash(range * 7919 + 13) AS h2, hash(range * 104729 + 7) AS h3
            FROM range({n})
        ), p AS (
            SELECT i,
                   1 + least({nc - 1}, floor({nc} * pow((h1 % 100000) / 100000.0, 2.2)))::INTEGER AS ai,
                   1 + least({nc - 1}, floor({nc} * pow((h2 % 100000) / 100000.0, 2.2)))::INTEGER AS ri0,
                   1 + (h3 % {len(CODES)})::INTEGER AS ci,
                   1 + ((h1 // 100000) % {len(SECTORS)})::INTEGER AS si,
                   1 + ((h2 // 100000) % {len(SECTORS)})::INTEGER AS ti,
                   (h3 // 1000) % 3653 AS day, (h3 // 10000000) % 100 AS m, h1 % 7 AS k
            FROM r
        ), q AS (
            SELECT *, CASE WHEN ri0 = ai THEN 1 + (ai % {nc}) ELSE ri0 END AS ri,
                   {codes}[ci] AS code FROM p
        )
        SELECT nextval('canonical_event_seq'), code.event, code.cameo, code.cameo[1:2], code.quad, code.g,
               {countries}[ai], {sectors}[si], {countries}[ai] || {sectors}[si],
               {countries}[ri], {sectors}[ti], {countries}[ri] || {sectors}[ti],
               DATE '2015-01-01' + day::INTEGER,
               CASE WHEN m < 88 THEN 'asserted' WHEN m < 94 THEN 'intended' WHEN m < 97 THEN 'predicted'
                    ELSE 'alleged' END,
               m = 99, 1 + k, 1 + k // 2, 1 + k // 2, 'synthetic'
        FROM q ORDER BY day
    """)
    return time.perf_counter() - t


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    fn()  # warm-up (first touch of the columns)
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000_000, help="synthetic events (default 10 million)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query (median reported)")
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads (default 2)")
    ap.add_argument("--dyad", nargs=2, default=["USA", "PAK"], metavar=("A", "B"))
    ap.add_argument("--db", help="database file to build (default: a temporary file, removed afterwards)")
    args = ap.parse_args(argv)

    from tidings.analysis import dyad
    from tidings.store import Store

    tmp = None
    if args.db:
        path = Path(args.db)
        if path.exists():
            sys.exit(f"{path} exists: give a new file")
    else:
        tmp = tempfile.mkdtemp(prefix="tidings-bench-")
        path = Path(tmp) / "bench.duckdb"
    a, b = (x.upper() for x in args.dyad)
    try:
        with Store(path) as st:
            st.con.execute(f"SET threads = {args.threads}")
            gen = generate(st.con, args.n)
            st.con.execute("CHECKPOINT")
            n = st.sql("SELECT count(*) FROM canonical_events").fetchone()[0]
            print(f"generated {n:,} canonical events in {gen:.1f}s ({path}, {args.threads} threads, "
                  f"duckdb {__import__('duckdb').__version__})")
            from tidings.store.dedup import rebuild_rollup

            t = time.perf_counter()
            k = rebuild_rollup(st.con)   # ingest maintains it batch by batch; here it is built in one go
            print(f"event_rollup summary: {k:,} rows, built in {time.perf_counter() - t:.1f}s")

            api_t, df = timed(lambda: dyad(st, a, b, by="month"), args.repeat)
            sql_t, df2 = timed(lambda: dyad(st, a, b, by="month", rollup=False), args.repeat)
            assert int(df2["events"].sum()) == int(df["events"].sum())

            plain = """SELECT actor_code, recipient_code, date_trunc('month', date) AS period, quad_class,
                              count(*) AS events, avg(goldstein) AS goldstein_mean
                       FROM canonical_events WHERE modality = 'asserted' AND NOT negated
                       GROUP BY ALL"""

            def baseline():  # every dyad x month x quad, materialised in DuckDB, then the dyad picked
                st.con.execute(f"CREATE OR REPLACE TEMP TABLE _plain AS {plain}")
                return st.con.execute("SELECT * FROM _plain WHERE (actor_code = ? AND recipient_code = ?) "
                                      "OR (actor_code = ? AND recipient_code = ?)", [a, b, b, a]).fetchall()

            def baseline_dyad():  # the same GROUP BY with the dyad in its WHERE clause
                return st.con.execute(plain.replace("WHERE", "WHERE ((actor_code = ? AND recipient_code = ?) OR "
                                                    "(actor_code = ? AND recipient_code = ?)) AND"),
                                      [a, b, b, a]).fetchall()

            base_t, base_rows = timed(baseline, args.repeat)
            based_t, based_rows = timed(baseline_dyad, args.repeat)
        # the two must agree
        ours = int(df["events"].sum())
        theirs = sum(r[4] for r in base_rows)
        assert ours == theirs == sum(r[4] for r in based_rows), (ours, theirs)
        print(f"dyad {a}/{b} by month: {ours:,} events over {df['period'].nunique()} months")
        print(f"{'query':<56}{'median s':>10}{'vs plain':>10}")
        for name, t in (("tidings.analysis.dyad (API: event_rollup summary)", api_t),
                        ("tidings.analysis.dyad(rollup=False): canonical_events", sql_t),
                        ("plain GROUP BY, dyad in WHERE (raw SQL)", based_t),
                        ("plain GROUP BY over the raw table, then pick", base_t)):
            print(f"{name:<56}{t:>10.3f}{base_t / t:>9.1f}x")
        target = 0.5
        print(f"target < {target}s: {'met' if api_t < target else 'NOT met'} ({api_t:.3f}s)")
        return 0
    finally:
        if tmp:
            for f in Path(tmp).glob("*"):
                f.unlink()
            os.rmdir(tmp)


if __name__ == "__main__":
    sys.exit(main())
