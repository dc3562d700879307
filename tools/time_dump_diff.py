"""List the expressions whose value (or type, or span) differs between two ``--dump`` files of
``tools/time_rule_stats.py`` (before and after a change), each in its sentence, to be read.

    PYTHONPATH=/tmp/base/src python tools/time_rule_stats.py CORPUS.jsonl CACHE --dump /tmp/before.jsonl
    PYTHONPATH=src python tools/time_rule_stats.py CORPUS.jsonl CACHE --dump /tmp/after.jsonl
    python tools/time_dump_diff.py CORPUS.jsonl /tmp/before.jsonl /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys


def load(path: str) -> dict:
    out = {}
    for line in open(path, encoding="utf-8"):
        t = json.loads(line)
        out[(t["id"], t["start"], t["end"])] = t
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--context", type=int, default=160)
    args = ap.parse_args(argv)
    rows = {}
    for line in open(args.corpus, encoding="utf-8"):
        r = json.loads(line)
        rows[r["id"]] = r
    b, a = load(args.before), load(args.after)
    n = 0
    for key in sorted(set(b) | set(a)):
        x, y = b.get(key), a.get(key)
        if x and y and (x["value"], x["type"]) == (y["value"], y["type"]):
            continue
        n += 1
        r = rows[key[0]]
        text = r["text"]
        s, e = key[1], key[2]
        ctx = text[max(0, s - args.context):s] + "[[" + text[s:e] + "]]" + text[e:e + 60]
        print(f"{n}. {key[0]} dct={r.get('date', '')[:10]} {text[s:e]!r}: "
              f"{x['value'] if x else '-'} -> {y['value'] if y else '-'} ({(y or x)['rule']})")
        print("    " + ctx.replace("\n", " ¶ "))
    print(f"{n} changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
