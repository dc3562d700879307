"""Event recall on real news by category (issue 15, news recall): protests, strikes, riots, arrests,
agreements, attacks.

Takes the sentences of the unlabelled 2016 corpus (840 articles) and of ConfliBERT train that hold a
category cue word (``CATEGORIES``: "protest*", "rally", "march", "walkout" ...; "arrest*",
"detain*" ...), codes each sentence on its own with the pipeline and reports, per category and
setting, the share of cue sentences that get a counted event (asserted, not negated) of a matching
PLOVER type. Cue words have other senses ("strike a deal", "charged with energy", "a rally in the
polls"), so the share is a floor: read the misses (``--misses``) before calling one a miss.

    PYTHONPATH=src python tools/news_recall.py OUT.jsonl [--settings both,lexicon] [--source corpus,conflibert]
    PYTHONPATH=src python tools/news_recall.py OUT.jsonl --against BEFORE.jsonl   # changed sentences
    PYTHONPATH=src python tools/news_recall.py OUT.jsonl --sentences OLD.jsonl   # same sentences as OLD
    PYTHONPATH=src python tools/news_recall.py OUT.jsonl --report-only --misses protest --setting both

A sentence belongs to every category whose cue it holds. ConfliBERT sentences carry their gold quad
(printed with the misses; quad 0 means the annotators saw no event, so a cue sentence of quad 0 is
no recall miss).
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
CONFLIBERT = SHARED / "eval" / "conflibert-cameo-train.jsonl"
CORPUS = SHARED / "corpora" / "news-2016-polnear-train.jsonl"

#: category -> (cue regular expression, PLOVER types that count as a match)
CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "protest": (r"\b(protest\w*|rall(y|ies|ied)|(?-i:march(ed|es|ers|ing)?)|demonstrat\w*|sit-ins?|"
                r"picket\w*|boycott\w*)\b", ("PROTEST",)),
    "strike": (r"(?<!air )(?<!drone )(?<!missile )(?<!military )\b(strik(e|es|ing)|walk(out|outs|ed out)|stoppages?|shutdowns?|bandh|hartal)\b",
               ("PROTEST",)),
    "riot": (r"\b(riot\w*|clash\w*|unrest|stone-pelting|mob)\b", ("PROTEST", "ASSAULT")),
    "arrest": (r"\b(arrest\w*|detain\w*|detention|charged|sentenced|jailed|imprisoned|raid(s|ed|ing)?|"
               r"custody|rounded up|apprehended)\b", ("COERCE", "ACCUSE")),
    "agree": (r"\b(agreements?|deals?|accords?|cease-?fires?|truce|treaty|treaties|pacts?|signed|"
              r"memorandum)\b", ("AGREE", "COOPERATE", "SUPPORT")),
    "attack": (r"\b(attack\w*|bomb\w*|shot|shoot\w*|killed|killing|gunm[ae]n|explosion|blast|"
               r"stabbed|ambush\w*|wounded|injured|massacre\w*)\b", ("ASSAULT", "COERCE")),
}
RX = {c: re.compile(rx, re.I) for c, (rx, _) in CATEGORIES.items()}
ANY = re.compile("|".join(f"(?:{rx})" for rx, _ in CATEGORIES.values()), re.I)


def cats_of(text: str) -> list[str]:
    return [c for c, rx in RX.items() if rx.search(text)]


def sentences(sources: list[str], limit: int | None) -> list[dict]:
    out = []
    if "conflibert" in sources:
        for g in map(json.loads, open(CONFLIBERT, encoding="utf-8")):
            if ANY.search(g["text"]):
                out.append({"id": g["id"], "text": g["text"], "quad": g["gold"]["quad_label"]})
    if "corpus" in sources:
        from tidings.nlp import load
        nlp = load()
        arts = [json.loads(line) for line in open(CORPUS, encoding="utf-8")]
        for a in arts[:limit] if limit else arts:
            paras = [p for p in (a.get("text") or "").split("\n") if p.strip()]
            for k, para in enumerate(paras):
                if not ANY.search(para):
                    continue
                for j, s in enumerate(nlp(para).sents):
                    if ANY.search(s.text) and len(s.text.split()) >= 4:
                        out.append({"id": f"{a.get('id')}:{k}:{j}", "text": s.text.strip(), "quad": None})
    return out


def code(rows: list[dict], settings: list[str]) -> None:
    """Adds ``events[setting]`` to every row (counted events: type, cameo, rule, trigger)."""
    from tidings.evaluate.scorers import counted_event
    from tidings.pipeline import Config, get_pipeline
    parsed: dict = {}
    for setting in settings:
        t0 = time.time()
        pipe = get_pipeline(Config(events=setting))
        recs = [pipe.prepare({"id": r["id"], "text": r["text"], "date": None})[0] for r in rows]
        todo = [r for r in recs if r.id not in parsed]
        for r, d in zip(todo, pipe.parse(todo) if todo else []):
            parsed[r.id] = d
        for r, rec in zip(rows, recs):
            pipe.annotate(rec, parsed[rec.id])
            evs = [e for e in rec.model_dump()["events"] if counted_event(e)]
            r.setdefault("events", {})[setting] = [
                [e["event"], e["cameo"], e["rule"], (e.get("trigger") or {}).get("text", ""),
                 ",".join(a.get("code") or "?" for a in e.get("actor") or []),
                 ",".join(a.get("code") or "?" for a in e.get("recipient") or [])] for e in evs]
        print(f"{setting}: {len(rows)} sentences coded in {time.time() - t0:.0f}s", file=sys.stderr)


def hit(row: dict, setting: str, cat: str) -> bool:
    types = CATEGORIES[cat][1]
    return any(e[0] in types for e in row["events"].get(setting, ()))


def report(rows: list[dict], settings: list[str]) -> None:
    for r in rows:
        r["cats"] = cats_of(r["text"])
    print(f"{'category':9} {'source':10} {'n':>5}  " + "  ".join(f"{s:>14}" for s in settings))
    for cat in CATEGORIES:
        for src in ("corpus", "conflibert", "cf-event"):
            sel = [r for r in rows if cat in r["cats"] and (r["quad"] is None) == (src == "corpus")
                   and (src != "cf-event" or r["quad"])]
            if not sel:
                continue
            cells = []
            for s in settings:
                k = sum(hit(r, s, cat) for r in sel)
                cells.append(f"{k:5}/{len(sel):<4} {k / len(sel):.3f}")
            print(f"{cat:9} {src:10} {len(sel):5}  " + "  ".join(f"{c:>14}" for c in cells))
    print("(cf-event: the ConfliBERT cue sentences whose gold quad is not 0)")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--settings", default="both,lexicon")
    ap.add_argument("--source", default="corpus,conflibert")
    ap.add_argument("--limit", type=int, default=None, help="first N corpus articles only")
    ap.add_argument("--sentences", default=None, help="reuse the sentences of this earlier output")
    ap.add_argument("--against", default=None, help="list sentences whose events changed against this output")
    ap.add_argument("--report-only", action="store_true", help="read OUT and report, coding nothing")
    ap.add_argument("--misses", default=None, help="list the misses of this category")
    ap.add_argument("--setting", default="both", help="setting for --misses and --against")
    ap.add_argument("--source-only", default=None, help="--misses only from corpus or conflibert")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    settings = [s.strip() for s in a.settings.split(",") if s.strip()]
    if a.report_only:
        rows = [json.loads(line) for line in open(a.out, encoding="utf-8")]
        settings = list(rows[0]["events"]) if rows else settings
        for r in rows:
            r["cats"] = cats_of(r["text"])
    else:
        rows = ([{k: r[k] for k in ("id", "text", "quad")} for r in map(json.loads, open(a.sentences))]
                if a.sentences else sentences(a.source.split(","), a.limit))
        for r in rows:
            r["cats"] = cats_of(r["text"])
        code(rows, settings)
        with open(a.out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
    report(rows, settings)
    if a.misses:
        for r in rows:
            if a.misses not in r["cats"] or hit(r, a.setting, a.misses):
                continue
            if a.source_only and (r["quad"] is None) != (a.source_only == "corpus"):
                continue
            print(f"--- {r['id']} q={r['quad']} {r['text'][:300]}")
            print(f"    {r['events'].get(a.setting)}")
    if a.against:
        before = {r["id"]: r for r in map(json.loads, open(a.against, encoding="utf-8"))}
        n = 0
        for r in rows:
            b = before.get(r["id"])
            if b is None or b["events"].get(a.setting) == r["events"].get(a.setting):
                continue
            n += 1
            print(f"--- {r['id']} q={r['quad']} {r['cats']}: {r['text'][:300]}")
            print(f"    before {b['events'].get(a.setting)}")
            print(f"    after  {r['events'].get(a.setting)}")
        print(f"{n} sentences changed ({a.setting})")
        report(list(before.values()), settings)


if __name__ == "__main__":
    main()
