"""Misses, false alarms and speaker errors of the quotes stage on a gold set with attributions
(PolNeAR train), grouped into classes, over a parse cache (tools/quote_parse_cache.py).

    PYTHONPATH=src python tools/quote_error_classes.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        [--veto 0.3] [--adder] [--examples 3] [--dump errors.jsonl]

Classes (the first that applies, in this order), with the scorer's matching (one to one, shared
characters over the longer span >= 0.5):

* missed gold: ``near`` (a prediction shares characters with it: ``near:longer`` when the
  prediction is more than twice its length, ``near:shorter`` when under half, else
  ``near:shifted``; ``:taken`` when that prediction matched another gold), ``direct`` (a quotation
  in marks no prediction touches), ``cue:<lemma>|<POS>`` (no prediction touches it; the gold
  cue's head; ``+lex`` when the lemma is in the rules' cue list);
* false alarms: ``partial`` (shares characters with a gold that it does not match), ``nested`` (it
  lies inside a gold content: an attribution inside someone's words), ``none:<rule>``;
* speaker errors of matched quotes with a gold speaker: none predicted, the predicted speaker inside
  the predicted content, the gold speaker inside the content, pronoun / name mix-ups, gold speaker
  after the cue, other.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict

from tidings.evaluate.scorers import _chars, quote_matches


def _span(doc, d):
    sp = doc.char_span(d["start"], d["end"], alignment_mode="expand")
    return sp if sp is not None and len(sp) else None


def main(argv: list[str]) -> int:
    import spacy
    from spacy.tokens import DocBin

    from quote_parse_cache import cached_quotes, gold_quotes
    from tidings.pipeline import Config
    from tidings.quotes.lexicon import load_cues

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--veto", type=float, default=0.3)
    ap.add_argument("--adder", action="store_true")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--dump")
    args = ap.parse_args(argv)
    gold_of = gold_quotes(args.gold)
    docs = list(DocBin().from_disk(args.cache + ".spacy").get_docs(spacy.blank("en").vocab))
    cues = load_cues()
    cfg = Config(quotes={"min_confidence": args.veto, "adder": args.adder})
    miss, fa, spk = Counter(), Counter(), Counter()
    ex = defaultdict(list)
    n_gold = n_pred = n_tp = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for doc, (rid, quotes) in zip(docs, cached_quotes(args.cache, cfg)):
        gold = gold_of[rid]
        preds = [q.model_dump(mode="json", exclude_none=True) for q in quotes]
        m = quote_matches(gold, preds)
        n_gold += len(gold)
        n_pred += len(preds)
        n_tp += len(m)
        mg = {gi: pi for gi, pi in m}
        mp = {pi: gi for gi, pi in m}
        gsets = [_chars(g["content"], g["content"].get("fragments") or g.get("fragments")) for g in gold]
        psets = [_chars(p["content"]) for p in preds]

        def note(counter, cls, item):
            counter[cls] += 1
            if len(ex[cls]) < args.examples:
                ex[cls].append(item)
            if dump:
                dump.write(json.dumps({"id": rid, "class": cls, **item}) + "\n")

        for gi, g in enumerate(gold):
            if gi in mg:
                continue
            gs = gsets[gi]
            touch = [(len(gs & ps), pi) for pi, ps in enumerate(psets) if gs & ps]
            item = {"gold": g["content"]["text"][:200], "gcue": (g.get("cue") or {}).get("text"),
                    "gspeaker": (g.get("speaker") or {}).get("text")}
            if touch:
                _, pi = max(touch)
                lp, lg = len(psets[pi]), len(gs)
                kind = "longer" if lp > 2 * lg else "shorter" if lp * 2 < lg else "shifted"
                item["pred"] = preds[pi]["content"]["text"][:200]
                item["rule"] = preds[pi].get("rule")
                note(miss, f"near:{kind}" + (":taken" if pi in mp else ""), item)
                continue
            c0 = g["content"]["text"].lstrip()[:1]
            if c0 in "\"“'‘":
                note(miss, "direct", item)
                continue
            cue = _span(doc, g["cue"]) if g.get("cue") else None
            if cue is None:
                note(miss, "cue:none", item)
                continue
            root = cue.root
            lem = root.lemma_.lower()
            note(miss, f"cue:{lem}|{root.pos_}" + ("+lex" if lem in cues else ""), item)
        for pi, p in enumerate(preds):
            if pi in mp:
                continue
            ps = psets[pi]
            item = {"pred": p["content"]["text"][:200], "rule": p.get("rule"), "cue": (p.get("cue") or {}).get("text"),
                    "speaker": (p.get("speaker") or {}).get("text"), "conf": p.get("confidence")}
            inside = [gi for gi, gs in enumerate(gsets) if ps <= gs and len(gs) > 2 * len(ps)]
            part = [gi for gi, gs in enumerate(gsets) if gs & ps and gi not in inside]
            if part:
                gi = max(part, key=lambda i: len(gsets[i] & ps))
                item["gold"] = gold[gi]["content"]["text"][:200]
                note(fa, f"partial:{p.get('rule')}", item)
            elif inside:
                note(fa, f"nested:{p.get('rule')}", item)
            else:
                note(fa, f"none:{p.get('rule')}", item)
        for gi, pi in m:
            gsp = gold[gi].get("speaker")
            if not gsp:
                continue
            psp = preds[pi].get("speaker")
            if psp and psp["start"] < gsp["end"] and gsp["start"] < psp["end"]:
                spk["right"] += 1
                continue
            pc = preds[pi]["content"]
            item = {"content": pc["text"][:160], "gspeaker": gsp["text"], "speaker": (psp or {}).get("text"),
                    "rule": preds[pi].get("rule"), "cue": (preds[pi].get("cue") or {}).get("text")}
            pron = {"he", "she", "they", "we", "i", "it", "you", "who", "which", "that"}
            if not psp:
                cls = "none predicted"
            elif pc["start"] <= psp["start"] < pc["end"]:
                cls = "predicted inside content"
            elif pc["start"] <= gsp["start"] < pc["end"]:
                cls = "gold inside content"
            elif psp["text"].lower() in pron:
                cls = "predicted pronoun"
            elif gsp["text"].lower() in pron:
                cls = "gold pronoun"
            elif preds[pi].get("cue") and gsp["start"] > preds[pi]["cue"]["start"]:
                cls = "gold after cue"
            else:
                cls = "other"
            note(spk, "speaker:" + cls, item)
    p, r = n_tp / max(1, n_pred), n_tp / max(1, n_gold)
    print(f"{len(docs)} articles: gold {n_gold}, predicted {n_pred}, matched {n_tp}; "
          f"P {p:.4f} R {r:.4f} F1 {2 * p * r / max(1e-9, p + r):.4f}; speaker {spk['right']}/{sum(spk.values())} "
          f"= {spk['right'] / max(1, sum(spk.values())):.4f}")
    for title, c in (("missed gold", miss), ("false alarms", fa), ("speaker errors", spk)):
        print(f"\n## {title}: {sum(c.values())}")
        for cls, n in c.most_common(args.top):
            print(f"{n:6d}  {cls}")
            for e in ex[cls]:
                print("          ", json.dumps(e, ensure_ascii=False)[:400])
    # grouped: miss by coarse class
    coarse = Counter()
    for cls, n in miss.items():
        coarse[cls.split("|")[0] if not cls.startswith("cue:") else ("cue:in-lexicon" if cls.endswith("+lex") else
                                                                      "cue:" + cls.split("|")[-1].replace("+lex", ""))] += n
    print("\n## missed gold, coarse")
    for cls, n in coarse.most_common():
        print(f"{n:6d}  {cls}")
    coarse = Counter()
    for cls, n in fa.items():
        coarse[cls.split(":")[0]] += n
    print("\n## false alarms, coarse")
    for cls, n in coarse.most_common():
        print(f"{n:6d}  {cls}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
