"""Probe the event lexicon with our own sentences (issue 15, round 5): tools/recall_probe.tsv holds
``TYPE<TAB>CAMEO<TAB>sentence`` lines (our own short news sentences, one family of phrasing per
CAMEO code of roots 04/06-13/15-17); each is coded and marked HIT (a counted event of that PLOVER
type), WRONG (counted events, none of that type) or MISS (no counted event). Per type it prints
hits / sentences, and for the hits whether the CAMEO root and the mode agree with the table.

    PYTHONPATH=src python tools/recall_probe.py [--events lexicon] [--only MISS,WRONG] [--type AID]
"""
from __future__ import annotations

import argparse
import collections
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PROBE = ROOT / "tools" / "recall_probe.tsv"


def read_probe(path: Path = PROBE) -> list[tuple[str, str, str]]:
    rows = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        typ, code, text = line.rstrip("\n").split("\t")
        rows.append((typ, code, text))
    return rows


def code_rows(rows, events: str = "lexicon") -> list[tuple[str, str, str, str, list[dict]]]:
    """(verdict, type, code, text, counted events) per probe row."""
    from tidings.evaluate.scorers import counted_event
    from tidings.pipeline import Config, get_pipeline
    pipe = get_pipeline(Config(events=events))
    recs = pipe.process([{"id": f"p{i}", "text": t, "date": None} for i, (_, _, t) in enumerate(rows)])
    out = []
    for (typ, code, text), rec in zip(rows, recs):
        evs = [e for e in rec.model_dump()["events"] if counted_event(e)]
        verdict = "HIT" if any(e["event"] == typ for e in evs) else ("WRONG" if evs else "MISS")
        out.append((verdict, typ, code, text, evs))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", default="lexicon")
    ap.add_argument("--only", default="MISS,WRONG", help="verdicts to list (ALL for every row)")
    ap.add_argument("--type", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rows = read_probe()
    if a.type:
        rows = [r for r in rows if r[0] == a.type]
    res = code_rows(rows, a.events)
    per = collections.defaultdict(collections.Counter)
    for verdict, typ, code, text, evs in res:
        per[typ][verdict] += 1
        hit = [e for e in evs if e["event"] == typ]
        if hit and not any(str(e["cameo"])[:2] == code[:2] for e in hit):
            per[typ]["root_differs"] += 1
        if a.only == "ALL" or verdict in a.only.split(","):
            found = "; ".join(f"{e['event']} {e['cameo']} {e.get('mode') or ''} [{e['rule']}]" for e in evs)
            print(f"{verdict:5} {typ:9} {code:5} {text}  ->  {found}")
    print()
    for typ, c in sorted(per.items()):
        n = c["HIT"] + c["MISS"] + c["WRONG"]
        print(f"{typ:9} hits {c['HIT']}/{n}  miss {c['MISS']}  wrong {c['WRONG']}  root differs {c['root_differs']}")


if __name__ == "__main__":
    main()
