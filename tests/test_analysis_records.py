"""Analysis over canonical events: dyad series, timelines, tops, sparklines, plots, CLI."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from test_store_records import OTHER, WIRE, actor, doc, event, write
from tidings.analysis import dyad, sparkline, timeline, top
from tidings.store import Store

USA = lambda: actor("Washington", "USA", "GOV", "United States")  # noqa: E731
PAK = lambda: actor("Islamabad", "PAK", "GOV", "Pakistan")  # noqa: E731


def texts(i: int) -> str:
    return f"Story number {i} is about something else entirely, item {i * 7} of a long and varied list {i}."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "a.duckdb"
    with Store(path) as st:
        consult = event("e1", "CONSULT", "040", 1.0, USA(), PAK(), date="2024-01-10")
        # the same call, told by a wire copy: must count once
        write(st, doc("w1", WIRE, "2024-01-10", [consult], source="Wire A"))
        write(st, doc("w2", WIRE, "2024-01-10", [consult.model_copy()], source="Wire B"))
        write(st, doc("a1", texts(1), "2024-01-20", [
            event("e1", "AID", "073", 7.4, USA(), PAK(), date="2024-01-20"),
            event("e2", "ACCUSE", "112", -2.0, PAK(), USA(), date="2024-01-21", sentence=2)]))
        write(st, doc("a2", texts(2), "2024-03-05", [
            event("e1", "PROTEST", "141", -6.5, PAK(), USA(), date="2024-03-05"),
            event("e2", "CONSULT", "036", 4.0, USA(), PAK(), date="2024-03-06", modality="intended"),
            event("e3", "ACCUSE", "112", -2.0, PAK(), USA(), date="2024-03-07", negated=True)]))
        write(st, doc("a3", OTHER, "2024-02-14", [
            event("e1", "CONSULT", "040", 1.0, USA(), actor("Delhi", "IND", "GOV", "India"), date="2024-02-14"),
            event("e2", "ACCUSE", "112", -2.0, actor("Kabul", "AFG", "GOV"), PAK(), date="2024-02-15")]))
    return path


def _row(df, period, direction):
    sub = df[(df.period.astype(str) == period) & (df.direction == direction)]
    assert len(sub) == 1, (period, direction, df)
    return sub.iloc[0]


def test_dyad_by_month_counts_both_directions(db):
    df = dyad(db, "USA", "PAK", by="month")
    assert isinstance(df, pd.DataFrame)
    assert sorted(set(df.period.astype(str))) == ["2024-01-01", "2024-02-01", "2024-03-01"]
    jan = _row(df, "2024-01-01", "USA->PAK")
    assert (jan.events, jan.q1_verbal_coop, jan.q2_material_coop, jan.q3_verbal_conflict) == (2, 1, 1, 0)
    assert jan.goldstein_mean == pytest.approx(4.2) and jan.net_coop == 2 and jan.articles == 3
    back = _row(df, "2024-01-01", "PAK->USA")
    assert (back.events, back.q3_verbal_conflict, back.net_coop) == (1, 1, -1)
    assert back.goldstein_mean == pytest.approx(-2.0)
    feb = _row(df, "2024-02-01", "USA->PAK")
    assert feb.events == 0 and feb.net_coop == 0          # dense series: quiet months are zeros
    mar = _row(df, "2024-03-01", "PAK->USA")
    assert (mar.events, mar.q4_material_conflict, mar.net_coop) == (1, 1, -1)   # negated accusation left out
    assert _row(df, "2024-03-01", "USA->PAK").events == 0                         # intended meeting left out


def test_dyad_include_modal_quarter_and_polars(db):
    df = dyad(db, "USA", "PAK", by="month", include_modal=True)
    assert _row(df, "2024-03-01", "USA->PAK").events == 1
    q = dyad(db, "usa", "pak", by="quarter")
    assert list(q[q.direction == "USA->PAK"].events) == [2]
    assert list(q[q.direction == "PAK->USA"].events) == [2]
    import polars as pl

    p = dyad(db, "USA", "PAK", frame="polars")
    assert isinstance(p, pl.DataFrame)
    assert p.filter(pl.col("direction") == "USA->PAK")["events"].sum() == 2
    # sector-level codes work as prefixes
    assert dyad(db, "USAGOV", "PAKGOV").events.sum() == 4


@pytest.mark.parametrize("kw", [dict(by="month"), dict(by="quarter", include_modal=True),
                                dict(by="year", include_negated=True), dict(since="2024-02-01", until="2024-03-31"),
                                dict(by="week", since="2024-01-15"), dict(by="day", types=["ACCUSE"])])
def test_dyad_summary_table_gives_the_same_numbers(db, kw):
    fast = dyad(db, "USA", "PAK", rollup=True, **kw)
    slow = dyad(db, "USA", "PAK", rollup=False, **kw)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    assert fast.events.sum() > 0


def test_dyad_summary_is_not_used_where_it_cannot_serve(db):
    with pytest.raises(ValueError):
        dyad(db, "USAGOV", "PAK", rollup=True)          # a sector: only canonical_events has it
    with pytest.raises(ValueError):
        dyad(db, "USA", "PAK", types=["11"], rollup=True)   # a CAMEO prefix
    assert dyad(db, "USA", "PAK", since="2024-01-15").events.sum() == 3
    assert dyad(db, "USAGOV", "PAKGOV").events.sum() == 4    # falls back to canonical_events


def test_dyad_filters_by_type_and_dates(db):
    df = dyad(db, "USA", "PAK", types=["ACCUSE"])
    assert df.events.sum() == 1
    df = dyad(db, "USA", "PAK", since="2024-03-01", until="2024-03-31")
    assert df.events.sum() == 1 and set(df.period.astype(str)) == {"2024-03-01"}


def test_top_and_timeline(db):
    acc = top(db, "dyads", types=["ACCUSE"])
    assert list(zip(acc.source, acc.target, acc.events)) == [("AFG", "PAK", 1), ("PAK", "USA", 1)]
    actors = top(db, "actors", n=3)
    assert list(zip(actors.actor, actors.events)) == [("PAK", 5), ("USA", 5), ("AFG", 1)]   # ties by code
    usa = actors[actors.actor == "USA"].iloc[0]
    assert (usa.as_source, usa.as_target, usa.cooperation, usa.conflict) == (3, 2, 3, 2)
    ev = top(db, "events", n=1)
    assert (ev.iloc[0].cameo, ev.iloc[0].num_articles, ev.iloc[0].num_sources) == ("040", 2, 2)
    import polars as pl

    assert isinstance(top(db, "dyads", frame="polars"), pl.DataFrame)
    assert timeline(db, "PAK", frame="polars")["events"].sum() == 5
    types = top(db, "types")
    assert dict(zip(types.event, types.events))["ACCUSE"] == 2
    tl = timeline(db, "PAK", by="month")
    jan = tl[(tl.period.astype(str) == "2024-01-01")]
    assert dict(zip(jan.role, jan.events)) == {"source": 1, "target": 2}
    feb = tl[(tl.period.astype(str) == "2024-02-01")]
    assert dict(zip(feb.role, feb.events)) == {"source": 0, "target": 1}


def test_sparkline():
    assert sparkline([]) == ""
    assert sparkline([0, 0]) == "▁▁"
    s = sparkline([0, 5, 10])
    assert s[0] == "▁" and s[-1] == "█" and len(s) == 3
    assert sparkline([-1, 1]) == "▁█"


def test_cli_dyad_prints_table_and_writes_png(db, tmp_path):
    from typer.testing import CliRunner

    from tidings.cli.main import app

    png = tmp_path / "d.png"
    out_csv = tmp_path / "d.csv"
    r = CliRunner().invoke(app, ["dyad", "USA", "PAK", "--db", str(db), "--by", "month", "--plot", str(png),
                                 "--csv", str(out_csv)])
    assert r.exit_code == 0, r.output
    assert "USA->PAK" in r.stdout and "PAK->USA" in r.stdout and "2024-02-01" in r.stdout
    assert any(ch in r.stdout for ch in "▁▂▃▄▅▆▇█")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    table = pd.read_csv(out_csv)
    assert int(table[table.direction == "USA->PAK"].events.sum()) == 2
    r = CliRunner().invoke(app, ["top", "dyads", "--db", str(db), "--type", "ACCUSE"])
    assert r.exit_code == 0 and "AFG" in r.stdout
    r = CliRunner().invoke(app, ["timeline", "PAK", "--db", str(db), "--plot", str(tmp_path / "t.png")])
    assert r.exit_code == 0 and (tmp_path / "t.png").exists()
    r = CliRunner().invoke(app, ["top", "events", "--db", str(db), "--since", "2024-03", "--until", "2024-03"])
    assert r.exit_code == 0 and "141" in r.stdout and "040" not in r.stdout     # March only
    r = CliRunner().invoke(app, ["top", "events", "--db", str(db), "--since", "March"])
    assert r.exit_code != 0
    r = CliRunner().invoke(app, ["dedup", "--db", str(db)])
    assert r.exit_code == 0 and "canonical events" in r.stdout


def test_cli_rebuild_with_wider_window(db, tmp_path):
    from typer.testing import CliRunner

    from tidings.cli.main import app

    copy = tmp_path / "c.duckdb"
    shutil.copy(db, copy)
    r = CliRunner().invoke(app, ["dedup", "--db", str(copy), "--rebuild", "--window", "40"])
    assert r.exit_code == 0, r.output
    with Store(copy, read_only=True) as st:
        assert st.dedup.window_days == 40
        # the two accusations PAK->USA (Jan 21 and the negated one in March) stay apart (negation differs);
        # the January AID and March PROTEST are different types: nothing merges across types
        assert st.sql("SELECT count(*) FROM canonical_events").fetchone()[0] == 8
