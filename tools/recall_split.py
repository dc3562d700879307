"""Recall on news phrasing (issue 15): a fixed 80/20 split of the ConfliBERT training sentences
by id, so that patterns are mined on one part and measured on the other.

    PYTHONPATH=src python tools/recall_split.py --part heldout            # figures only
    PYTHONPATH=src python tools/recall_split.py --part mine --misses FILE  # + the misses, by class

The split: ids sorted, shuffled with ``random.Random(SEED)``, the first 80% are the mining part.
Figures per setting (``--events lexicon`` and ``both``): sentence quad accuracy (as ``tidings
evaluate``) and the share of sentences with a gold event (quad 1-4) that get at least one counted
event of the gold quad ("match share"). ``--misses`` writes the sentences with a gold event where
no counted event has the gold quad, each with a guessed phrasing class (``CLASSES``: the cue that
reads in it), to read by hand.
"""
from __future__ import annotations

import argparse
import collections
import json
import logging
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "eval" / "conflibert-cameo-train.jsonl"
SEED = 15
MINE_SHARE = 0.8

# phrasing classes of the misses: a regular expression over the sentence (first that reads wins)
CLASSES = [
    ("passive_harm", r"\b(were|was|been|being|are|is)\s+(\w+ly\s+)?(killed|injured|wounded|shot|hurt|detained|arrested|"
                     r"held|abducted|kidnapped|taken|executed|beheaded|seized|captured|jailed|imprisoned|sentenced|"
                     r"expelled|deported|released|freed|attacked|targeted|bombed|shelled|massacred)\b"),
    ("noun_subject", r"\b(clashes|fighting|violence|protests?|strikes?|riots?|demonstrations?|unrest|talks|attacks?|"
                     r"bombings?|blasts?|explosions?|raids?|offensive|ceasefire|truce)\s+(\w+\s+)?(erupted|broke out|"
                     r"spread|continued|raged|flared|took place|paralys|paralyz|shut|rocked|hit|left|killed|resumed|"
                     r"began|ended|collapsed|swept|gripped)"),
    ("nominal_event", r"\b(the|a|an|its|their|his|her)\s+(\w+\s+)?(arrest|detention|killing|murder|assassination|"
                      r"release|visit|talks|meeting|summit|agreement|deal|accord|treaty|attack|invasion|withdrawal|"
                      r"deployment|sanctions?|aid|expulsion|kidnapping|abduction|execution|bombing|raid|crackdown|"
                      r"boycott|embargo|blockade|ban|suspension)\s+(of|on|against|between|with|to|by)\b"),
    ("light_verb", r"\b(staged?|held|holds?|carried out|carry out|conducted?|launched?|mounted|waged?|made|"
                   r"took part|signed|inked|reached|struck|imposed|slapped|lifted|eased)\b"),
    ("headline", r"^[A-Z][^.]{0,90}$"),
]


def split_ids(ids: list[str]) -> tuple[set, set]:
    ids = sorted(ids)
    random.Random(SEED).shuffle(ids)
    k = int(round(len(ids) * MINE_SHARE))
    return set(ids[:k]), set(ids[k:])


def phrasing_class(text: str) -> str:
    for name, rx in CLASSES:
        if re.search(rx, text, flags=re.I if name != "headline" else 0):
            return name
    return "other"


def run(gold: list[dict], setting: str) -> list[dict]:
    from tidings.pipeline import Config, get_pipeline
    pipe = get_pipeline(Config(events=setting))
    recs = pipe.process([{"id": g["id"], "text": g["text"], "date": None} for g in gold])
    return [r.model_dump() for r in recs]


def figures(gold: list[dict], preds: list[dict]) -> tuple[dict, list]:
    from tidings.evaluate.scorers import counted_event, phoenix_quad, score_quad  # noqa: F401
    s = score_quad(list(zip(gold, preds)))
    with_event = [(g, p) for g, p in zip(gold, preds) if int(g["gold"]["quad_label"]) != 0]
    misses = []
    for g, p in with_event:
        quads = {phoenix_quad(e.get("cameo")) for e in p["events"] if counted_event(e)}
        if int(g["gold"]["quad_label"]) not in quads:
            misses.append((g, p))
    share = 1 - len(misses) / len(with_event) if with_event else None
    return {"sentences": len(gold), "quad_accuracy": s["accuracy"], "with_event": len(with_event),
            "match_share": round(share, 4) if share is not None else None,
            "none_row": s["confusion"][0]}, misses


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=["mine", "heldout", "all"], default="heldout")
    ap.add_argument("--settings", default="lexicon,both")
    ap.add_argument("--misses", default=None, help="write the misses (JSON lines) here")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    gold = [json.loads(line) for line in open(SHARED, encoding="utf-8")]
    mine, held = split_ids([g["id"] for g in gold])
    keep = {"mine": mine, "heldout": held, "all": mine | held}[a.part]
    gold = [g for g in gold if g["id"] in keep]
    out = open(a.misses, "w", encoding="utf-8") if a.misses else None
    for setting in a.settings.split(","):
        preds = run(gold, setting)
        f, misses = figures(gold, preds)
        print(json.dumps({"part": a.part, "setting": setting, **f}))
        by = collections.Counter(phrasing_class(g["text"]) for g, _ in misses)
        print("  misses by class:", dict(by.most_common()))
        if out:
            for g, p in misses:
                out.write(json.dumps({"setting": setting, "id": g["id"], "class": phrasing_class(g["text"]),
                                      "gold_quad": g["gold"]["quad_label"], "text": g["text"],
                                      "coded": [(e["event"], e["cameo"], e["rule"]) for e in p["events"]]}) + "\n")
    if out:
        out.close()


if __name__ == "__main__":
    main()
