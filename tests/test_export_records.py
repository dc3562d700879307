"""Exports of canonical events: GDELT 2.0 TSV, PLOVER JSONL, ICEWS CSV, CSV, Parquet; filters."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from test_store_records import OTHER, UPDATE, WIRE, actor, call_event, doc, event, write
from tidings.export import Filters, export, gdelt, plover
from tidings.model import Place
from tidings.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
GDELT_HEADER = SHARED / "reference" / "gdelt" / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"

KARACHI = Place(text="Karachi", start=0, end=7, name="Karachi", geonameid=1174872, country_code="PK",
                lat=24.8608, lon=67.0104, feature="city")
TEXAS = Place(text="Texas", start=0, end=5, name="Texas", geonameid=4736286, country_code="US",
              lat=31.25, lon=-99.25, feature="admin1")
SUDAN = Place(text="Sudan", start=0, end=5, name="Sudan", geonameid=366755, country_code="SDN",
              lat=15.5, lon=30.0, feature="country")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    st = Store(path)
    call = call_event()
    call.event_loc = KARACHI
    write(st, doc("w1", WIRE, "2024-06-11", [call], source="Daily Star", url="https://a.example/w1", title="Call"))
    write(st, doc("w2", WIRE, "2024-06-11", [call.model_copy()], source="Morning Post", url="https://b.example/w2"))
    un = actor("the United Nations", "IGO", "IGO", "United Nations", cameo="IGOUNO")
    eu = actor("Brussels", "IGO", "IGO", "European Union", cameo="IGOEUREEC")
    fighting = event("e1", "ASSAULT", "190", -10.0, actor("RSF", "SDN", "REB", "Rapid Support Forces"),
                     actor("civilians", "SDN", "CVL"), date="2024-07-02", loc=SUDAN, dead=12, trigger="shelled")
    accuse = event("e2", "ACCUSE", "112", -2.0, un, actor("RSF", "SDN", "REB"), date="2024-07-03", trigger="accused",
                   sentence=3)
    eu_call = event("e3", "REQUEST", "020", 3.0, eu, actor("Khartoum", "SDN", "GOV"), date="2024-07-03",
                    trigger="urged", loc=Place(text="somewhere", start=0, end=9, name="somewhere"))
    write(st, doc("s1", OTHER, "2024-07-03", [fighting, accuse, eu_call], source="Agency"))
    aid = event("e1", "AID", "073", 7.4, actor("Washington", "USA", "GOV"), actor("Texas", "USA", "GOV"),
                date="2024-08-20", loc=TEXAS, trigger="sent")
    plan = event("e2", "CONSULT", "036", 4.0, actor("Pakistan", "PAK", "GOV"), actor("India", "IND", "GOV"),
                 date="2024-08-21", modality="intended", trigger="plans")
    write(st, doc("u1", UPDATE + " Storm.", "2024-08-20", [aid, plan], source="Paper"))
    yield st
    st.close()


def _gdelt_text(store, **kw) -> str:
    buf = io.StringIO()
    export(store, "gdelt", buf, Filters(**kw))
    return buf.getvalue()


def test_gdelt_columns_are_the_official_61():
    assert len(gdelt.columns()) == 61
    if not GDELT_HEADER.exists():
        pytest.skip("../shared reference not available")
    official = list(csv.reader(GDELT_HEADER.open(encoding="utf-8")))[1:]
    assert [r[0] for r in official] == gdelt.column_names()
    types = {"INTEGER": "integer", "FLOAT": "float", "STRING": "string"}
    assert [types[r[1]] for r in official] == [t for _, t in gdelt.columns()]


def test_gdelt_export_loads_with_names_and_types(store, tmp_path):
    text = _gdelt_text(store)
    lines = text.splitlines()
    assert len(lines) == 5                       # the wire copies are one event; the modal one is left out
    assert all(len(ln.split("\t")) == 61 for ln in lines)
    path = tmp_path / "events.tsv"
    path.write_text(text)
    df = gdelt.read(path)
    assert list(df.columns) == gdelt.column_names()
    assert str(df["GLOBALEVENTID"].dtype) == "Int64" and str(df["GoldsteinScale"].dtype) == "float64"
    assert str(df["EventCode"].dtype) == "string"
    call = df[df.EventCode == "040"].iloc[0]
    assert call.SQLDATE == 20240611 and call.MonthYear == 202406 and call.Year == 2024
    assert (call.Actor1Code, call.Actor1CountryCode, call.Actor1Type1Code) == ("PAKGOV", "PAK", "GOV")
    assert (call.Actor2Code, call.Actor2CountryCode) == ("AFGGOV", "AFG")
    assert (call.EventBaseCode, call.EventRootCode, call.QuadClass) == ("040", "04", 1)
    assert (call.NumMentions, call.NumSources, call.NumArticles) == (2, 2, 2)
    assert call.ActionGeo_Type == 4 and call.ActionGeo_CountryCode == "PK"      # FIPS, world city
    assert call.ActionGeo_FeatureID == "1174872" and abs(call.ActionGeo_Lat - 24.8608) < 1e-6
    assert call.SOURCEURL == "https://a.example/w1" and len(str(call.DATEADDED)) == 14
    # no place tied to the actors' mentions: their countries (GeoType 1); hand-made records have no tone
    assert (call.Actor1Geo_Type, call.Actor1Geo_CountryCode, call.Actor1Geo_FullName) == (1, "PK", "Pakistan")
    assert (call.Actor2Geo_Type, call.Actor2Geo_CountryCode) == (1, "AF") and call.Actor2Geo_Lat is not None
    assert call.AvgTone == 0.0
    sudan = df[df.EventCode == "190"].iloc[0]
    assert (sudan.ActionGeo_Type, sudan.ActionGeo_CountryCode, sudan.ActionGeo_FullName) == (1, "SU", "Sudan")
    assert sudan.Actor1Type1Code == "REB" and sudan.IsRootEvent == 1
    un = df[df.EventCode == "112"].iloc[0]
    assert (un.Actor1Code, un.Actor1KnownGroupCode, un.Actor1CountryCode) == ("IGOUNO", "UNO", "")
    assert un.IsRootEvent == 0
    eu = df[df.EventCode == "020"].iloc[0]
    assert (eu.Actor1Code, eu.Actor1KnownGroupCode, eu.Actor1Type1Code, eu.Actor1Type2Code) == \
        ("IGOEUREEC", "EEC", "IGO", "EUR")
    # an unresolvable place, no dateline, an IGO actor: the recipient's country is the last resort
    assert (eu.ActionGeo_Type, eu.ActionGeo_CountryCode, eu.Actor1Geo_Type) == (1, "SU", 0)
    texas = df[df.EventCode == "073"].iloc[0]
    assert (texas.ActionGeo_Type, texas.ActionGeo_ADM1Code, texas.ActionGeo_CountryCode) == (2, "USTX", "US")
    # the official types load too: integers are integers, FractionDate a float
    assert df["FractionDate"].between(2024, 2025).all()
    assert set(df["QuadClass"]) <= {1, 2, 3, 4}


def test_gdelt_header_option_and_filters(store):
    buf = io.StringIO()
    export(store, "gdelt", buf, Filters(country=["SDN"]), header=True)
    lines = buf.getvalue().splitlines()
    assert lines[0].split("\t") == gdelt.column_names()
    assert len(lines) == 4
    assert len(_gdelt_text(store, actor=["IGOUNO"]).splitlines()) == 1
    assert len(_gdelt_text(store, actor=["PAK"], include_modal=True).splitlines()) == 2
    assert len(_gdelt_text(store, types=["ASSAULT", "073"]).splitlines()) == 2
    assert len(_gdelt_text(store, types=["11"]).splitlines()) == 1
    assert len(_gdelt_text(store, since="2024-07-01", until="2024-07-31").splitlines()) == 3
    assert len(_gdelt_text(store, country=["PK"]).splitlines()) == 1   # ISO2 accepted


def test_plover_export_validates(store):
    buf = io.StringIO()
    res = export(store, "plover", buf, Filters(include_modal=True))
    recs = [json.loads(ln) for ln in buf.getvalue().splitlines()]
    assert res["written"] == len(recs) == 6
    for r in recs:
        assert plover.validate(r) == [], r
        assert "text" not in r
    call = next(r for r in recs if r["cameo"] == "040")
    assert call["event"] == ["CONSULT"] and call["date"] == "2024-06-11" and call["quad_code"] == 1
    assert call["actor"][0]["code"] == "PAK" and call["actor"][0]["sector"] == "GOV"
    assert call["event_loc"]["geonameid"] == 1174872 and call["event_loc"]["country_code"] == "PAK"
    assert call["num_articles"] == 2 and call["cite_info"]["url"] == "https://a.example/w1"
    plan = next(r for r in recs if r["cameo"] == "036")
    assert plan["modality"] == "intended"
    sudan = next(r for r in recs if r["cameo"] == "190")
    assert sudan["size_info"]["dead"] == 12


def test_plover_validator_rejects_bad_records():
    good = {"id": "x-1", "date": "2024-06-11", "actor": [{"code": "USA"}], "recipient": [{"code": "CAN"}],
            "event": ["CONSULT"]}
    assert plover.validate(good) == []
    assert any("date" in e for e in plover.validate({**good, "date": "11/06/2024"}))
    assert any("required" in e for e in plover.validate({k: v for k, v in good.items() if k != "actor"}))
    assert any("PLOVER" in e for e in plover.validate({**good, "event": ["HUG"]}))
    assert any("quad_code" in e for e in plover.validate({**good, "quad_code": 7}))
    assert any("actor[0].code" in e for e in plover.validate({**good, "actor": [{"code": 5}]}))
    assert any("event_loc.lat" in e for e in plover.validate({**good, "event_loc": {"lat": "north"}}))


def test_plover_with_text(store):
    buf = io.StringIO()
    export(store, "plover", buf, with_text=True)
    recs = [json.loads(ln) for ln in buf.getvalue().splitlines()]
    assert recs and all(isinstance(r["text"], str) and r["text"] for r in recs)
    assert all(plover.validate(r) == [] for r in recs)


def test_icews_and_csv(store):
    buf = io.StringIO()
    export(store, "icews", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 5
    call = next(r for r in rows if r["CAMEO Code"] == "040")
    assert call["Source Country"] == "Pakistan" and call["Target Country"] == "Afghanistan"
    assert call["Event Date"] == "2024-06-11" and call["City"] == "Karachi" and call["Country"] == "Pakistan"
    assert call["Event Text"].lower().startswith("consult")
    buf = io.StringIO()
    export(store, "csv", buf, Filters(include_modal=True))
    df = pd.read_csv(io.StringIO(buf.getvalue()), dtype={"cameo": str})
    assert len(df) == 6 and set(df.cameo) == {"040", "190", "112", "073", "036", "020"}
    assert int(df[df.cameo == "040"].num_articles.iloc[0]) == 2


def test_parquet_partitioned_by_year_month(store, tmp_path):
    out = tmp_path / "pq"
    res = export(store, "parquet", out)
    assert res["written"] == 5
    parts = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("*.parquet"))
    assert parts == ["year=2024/month=6", "year=2024/month=7", "year=2024/month=8"]
    df = pd.read_parquet(out)
    assert len(df) == 5
    with pytest.raises(ValueError):
        export(store, "parquet", out)          # refuses to mix with an earlier export


def test_cli_export_to_stdout_and_file(store, tmp_path):
    from typer.testing import CliRunner

    from tidings.cli.main import app

    import shutil

    store.con.execute("CHECKPOINT")
    db = str(tmp_path / "copy.duckdb")   # the fixture holds the file open read-write
    shutil.copy(store.path, db)
    r = CliRunner().invoke(app, ["export", "--db", db, "--format", "gdelt", "--country", "SDN"])
    assert r.exit_code == 0, r.output
    assert len([ln for ln in r.stdout.splitlines() if ln.strip()]) == 3
    out = tmp_path / "e.jsonl"
    r = CliRunner().invoke(app, ["export", "--db", db, "--format", "plover", "-o", str(out), "--type", "CONSULT",
                                 "--include-modal"])
    assert r.exit_code == 0, r.output
    assert len(out.read_text().splitlines()) == 2


GDELT_MENTIONS = SHARED / "reference" / "gdelt" / "GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv"


def test_gdelt_mentions_link_every_report(store, tmp_path):
    names = [n for n, _ in gdelt.mention_columns()]
    assert len(names) == 16
    if GDELT_MENTIONS.exists():
        official = [ln.split("\t") for ln in GDELT_MENTIONS.read_text(encoding="utf-8").splitlines()[1:]]
        assert [r[1] for r in official] == names
    buf = io.StringIO()
    res = export(store, "gdelt-mentions", buf, header=True)
    path = tmp_path / "m.tsv"
    path.write_text(buf.getvalue())
    kinds = {"integer": "Int64", "float": "float64", "string": "string"}
    df = pd.read_csv(path, sep="\t", dtype={n: kinds[t] for n, t in gdelt.mention_columns()}, keep_default_na=False,
                     na_values={n: [""] for n, t in gdelt.mention_columns() if t != "string"})
    assert list(df.columns) == names and res["written"] == len(df) == 6     # the call twice, 4 others
    events = gdelt.read(io.StringIO(_gdelt_text(store)))
    call_id = int(events[events.EventCode == "040"].GLOBALEVENTID.iloc[0])
    call = df[df.GLOBALEVENTID == call_id]
    assert sorted(call.MentionIdentifier) == ["https://a.example/w1", "https://b.example/w2"]
    assert set(call.MentionSourceName) == {"Daily Star", "Morning Post"} and set(call.MentionType) == {1}
    assert (call.SentenceID == 1).all() and (call.Confidence == 90).all()
    assert set(df.GLOBALEVENTID) == set(events.GLOBALEVENTID)
