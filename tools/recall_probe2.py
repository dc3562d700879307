"""Probe round 6 (issue 15): tools/recall_probe2.tsv, our own codebook-style sentences for the
roots the first probe file left out (016 deny, 02 appeals, 03 intents, 05 diplomatic cooperation,
14 protest forms, 18-20 assault, fight, mass violence), split 50/50 into TUNE and HELD-OUT by a
seeded hash of the sentence (fixed before any sentence was coded). Rules are fixed on TUNE only;
HELD-OUT is printed as aggregate figures (per type hits / miss / wrong), never sentence by
sentence unless ``--list-held`` is given (for the final read, after the rules are frozen).

    PYTHONPATH=src python tools/recall_probe2.py [--events both,lexicon] [--half tune] [--only MISS,WRONG]
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from recall_probe import code_rows, read_probe  # noqa: E402

PROBE2 = ROOT / "tools" / "recall_probe2.tsv"
SEED = "evrecall2-2026"


def half(text: str, seed: str = SEED) -> str:
    """TUNE or HELD: the parity of the first byte of sha1(seed + sentence)."""
    return "TUNE" if hashlib.sha1((seed + "\t" + text).encode("utf-8")).digest()[0] % 2 == 0 else "HELD"


def split(rows):
    out = {"TUNE": [], "HELD": []}
    for r in rows:
        out[half(r[2])].append(r)
    return out


def summary(res) -> tuple[dict, collections.Counter]:
    per = collections.defaultdict(collections.Counter)
    tot = collections.Counter()
    for verdict, typ, _code, _text, _evs in res:
        per[typ][verdict] += 1
        tot[verdict] += 1
    return per, tot


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", default="both,lexicon")
    ap.add_argument("--half", default="tune,held", help="tune, held or both (comma-separated)")
    ap.add_argument("--only", default="MISS,WRONG", help="verdicts to list for TUNE (ALL for every row)")
    ap.add_argument("--list-held", action="store_true", help="also list HELD-OUT sentences (final read only)")
    ap.add_argument("--type", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    halves = split(read_probe(PROBE2))
    want = [h.upper() for h in a.half.replace("tune", "TUNE").replace("held", "HELD").split(",")]
    table = []
    for events in a.events.split(","):
        for h in want:
            rows = [r for r in halves[h] if not a.type or r[0] == a.type]
            res = code_rows(rows, events)
            if h == "TUNE" or a.list_held:
                for verdict, typ, code, text, evs in res:
                    if a.only == "ALL" or verdict in a.only.split(","):
                        found = "; ".join(f"{e['event']} {e['cameo']} {e.get('mode') or ''} [{e['rule']}]"
                                          for e in evs)
                        print(f"{h} {events:8} {verdict:5} {typ:8} {code:5} {text}  ->  {found}")
            per, tot = summary(res)
            table.append((events, h, per, tot))
    print()
    for events, h, per, tot in table:
        n = sum(tot.values())
        print(f"== {h} events={events}: hits {tot['HIT']}/{n} ({tot['HIT'] / max(n, 1):.3f})  "
              f"miss {tot['MISS']}  wrong {tot['WRONG']}")
        for typ, c in sorted(per.items()):
            m = c["HIT"] + c["MISS"] + c["WRONG"]
            print(f"   {typ:9} hits {c['HIT']:3}/{m:<3} miss {c['MISS']:3}  wrong {c['WRONG']:3}")


if __name__ == "__main__":
    main()
