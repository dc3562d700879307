"""Learn cue lexicon rows (verb lemma + the complement that carries the content) from PolNeAR
train's gold cues, and judge them by 5-fold cross-validation by article over a parse cache
(rule ``quote.cue.learned``, ``src/tidings/quotes/data/quotes_cues_learned.tsv``).

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train
    PYTHONPATH=src:tools python tools/learn_quote_cues.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        --no-adder --min-hits 3 6 --min-precision 0.5 0.65 --rows-out /tmp/qlearn/rows     # CV, ~8 min
    PYTHONPATH=src:tools python tools/train_quote_adder.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        --cue-folds /tmp/qlearn/rows          # the same CV with the out-of-fold scorer veto and adder
    PYTHONPATH=src:tools python tools/learn_quote_cues.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        --no-cv --min-hits 3 --min-precision 0.5 --write src/tidings/quotes/data/quotes_cues_learned.tsv

1. Candidate rows (token level): every verb token and each complement it has (``c``: a ``ccomp``
   child, ``x``: an ``xcomp`` child, ``o``: a ``dobj`` child, ``p``: the object of a preposition of
   topic) is one occurrence of (lemma, letter); a gold one when the token lies in a gold cue span
   whose gold content covers that child. A (lemma, letter) the hand lexicon does not read already
   (``o`` and ``p`` it reads for every cue) seen ``--cand-gold`` times with ``--cand-precision``.
2. Kept rows (quote level): the quotes stage with every candidate row reads train once; a row is
   kept when its ``quote.cue.learned`` quotes match a gold attribution ``--min-hits`` times with
   precision ``--min-precision``; that precision is the quotes' confidence.
3. 5-fold CV by article (the folds of tools/train_quote_adder.py): both steps on four folds, the
   rows added (``QuoteSettings.cue_files``) to the stage over the fifth; content P/R/F1 and speaker
   accuracy over all of train against the hand lexicon alone (same stage, scorer veto, adder).
   The shipped scorer and adder are fit on all of train, so with them on (the default) both arms
   carry that in-sample help; ``--no-adder`` compares the rules + veto, and train_quote_adder.py
   ``--cue-folds`` the whole out-of-fold pipeline.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from types import SimpleNamespace

from quote_parse_cache import gold_quotes
from train_quote_scorer import score

LETTER_DEPS = {"ccomp": "c", "xcomp": "x", "dobj": "o"}
#: the prepositions the topic-preposition reading takes (words.yaml ``_TOPIC_PREPS``)
TOPIC_PREPS = frozenset({"about", "against", "for", "of", "on", "to"})


def occurrences(doc, gold: list[dict], stage=None):
    """(lemma, letter, is_gold) for each verb token and complement of one parsed article; the lemma
    of a form the shipped lexicon resolves (``stage._cue_for``: "hoped" read as "hop") is the cue's."""
    spans = []
    for g in gold:
        cue, con = g.get("cue"), g.get("content")
        if cue and con:
            spans.append((cue["start"], cue["end"], con["start"], con["end"]))
    for t in doc:
        if t.pos_ != "VERB":
            continue
        shipped = stage._cue_for(t) if stage is not None else None
        lemma = shipped.lemma if shipped is not None else t.lemma_.lower()
        if not lemma.isalpha():
            continue
        seen = set()
        for c in t.children:
            letter = LETTER_DEPS.get(c.dep_)
            if letter is None or letter in seen:
                continue
            seen.add(letter)
            hit = any(cs <= t.idx < ce and s <= c.idx < e for cs, ce, s, e in spans)
            yield lemma, letter, hit
        # ``p``: the object of a preposition of topic ("pushed for a vote", "focused on costs")
        for c in t.children:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None) \
                if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS and c.i > t.i else None
            if pobj is not None:
                yield lemma, "p", any(cs <= t.idx < ce and s <= pobj.idx < e for cs, ce, s, e in spans)
                break


def learn(counts: list[Counter], arts, shipped: dict, min_gold: int, min_prec: float) -> dict[str, dict]:
    occ, hit = Counter(), Counter()
    for a in arts:
        for (lemma, letter, g), n in counts[a].items():
            occ[lemma, letter] += n
            if g:
                hit[lemma, letter] += n
    out: dict[str, dict] = {}
    for (lemma, letter), n in hit.items():
        have = shipped.get(lemma)
        if have is not None and (letter in have.comp or letter in "op"):
            continue  # the shipped lexicon reads it already (QuoteSettings.all_objects: a noun or topic object for every cue)
        p = n / occ[lemma, letter]
        if n >= min_gold and p >= min_prec:
            row = out.setdefault(lemma, {"letters": "", "gold": 0, "occ": 0})
            row["letters"] += letter
            row["gold"] += n
            row["occ"] += occ[lemma, letter]
    return out


def learned_hits(golds, preds) -> list[int]:
    """[made, matching a gold attribution] of the quotes of rule ``quote.cue.learned``."""
    from tidings.evaluate.scorers import quote_matches
    made = hit = 0
    for gold, pr in zip(golds, preds):
        ok = {pi for _, pi in quote_matches(gold, pr)}
        for pi, q in enumerate(pr):
            if q.get("rule") == "quote.cue.learned":
                made += 1
                hit += pi in ok
    return [made, hit]


def write_rows(rows: dict[str, dict], shipped: dict, path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Learned from PolNeAR train by tools/learn_quote_cues.py (rule quote.cue.learned): lemmas and\n"
                "# complements the hand lexicon lacks. gold / occurrences: the row's quotes on train that match a\n"
                "# gold attribution / all its quotes there; precision = their ratio (the quotes' confidence).\n"
                "# Do not edit by hand; re-run the tool.\n")
        f.write("lemma\tkind\tcomplements\tprecision\tgold\toccurrences\n")
        for lemma in sorted(rows):
            r = rows[lemma]
            have = shipped.get(lemma)
            letters = "".join(sorted(set(r["letters"] + (have.comp if have else ""))))
            kind = have.kind if have else ("speech" if "c" in letters else "intent" if "x" in letters else "act")
            f.write(f"{lemma}\t{kind}\t{letters}\t{r['gold'] / r['occ']:.3f}\t{r['gold']}\t{r['occ']}\n")


def main(argv: list[str]) -> int:
    import spacy
    from spacy.tokens import DocBin

    from tidings.config import QuoteSettings
    from tidings.pipeline import Config
    from tidings.quotes.lexicon import load_cues
    from tidings.quotes.stage import QuoteStage

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cand-gold", type=int, default=3, help="candidate rows: gold cue occurrences")
    ap.add_argument("--cand-precision", type=float, default=0.3, help="candidate rows: gold cue / occurrences")
    ap.add_argument("--min-hits", type=int, nargs="+", default=[5], help="kept rows: quotes matching gold")
    ap.add_argument("--min-precision", type=float, nargs="+", default=[0.5], help="kept rows: quote precision")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-cv", action="store_true", help="only --write the rows learned on all of train")
    ap.add_argument("--no-adder", action="store_true", help="both arms without the learned adder")
    ap.add_argument("--write", default="")
    ap.add_argument("--rows-out", default="", help="keep each fold's rows (first --min-hits / --min-precision) "
                    "here as cues<k>.tsv, for tools/train_quote_adder.py --cue-folds")
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)

    golds = gold_quotes(args.gold)
    meta = json.load(open(args.cache + ".json", encoding="utf-8"))
    docs = list(DocBin().from_disk(args.cache + ".spacy").get_docs(spacy.blank("en").vocab))
    if args.limit:
        meta, docs = meta[:args.limit], docs[:args.limit]
    gl = [golds[m["id"]] for m in meta]
    shipped = load_cues(learned=False)
    plain = QuoteStage(Config(quotes=QuoteSettings(learned_cues=False, adder=not args.no_adder, tagger=False)))
    counts = [Counter(occurrences(d, g, plain)) for d, g in zip(docs, gl)]
    # the folds of tools/train_quote_adder.py (same seed), so that --rows-out feeds its --cue-folds
    import numpy as np
    fold = (np.random.default_rng(13).permutation(len(docs)) % args.folds).tolist()

    def run(stage, idx) -> dict[int, list]:
        out = {}
        for i in idx:
            m, doc = meta[i], docs[i]
            ctx = SimpleNamespace(doc=doc, text=doc.text, mention_at_token={}, actor_resolver=None, date=None)
            qs = stage.annotate(ctx, stage.match(doc, doc.text, m["body_start"]))
            out[i] = [q.model_dump(mode="json", exclude_none=True) for q in qs]
        return out

    base = run(plain, range(len(docs)))
    results: dict = {"shipped lexicon": score(gl, [base[i] for i in range(len(docs))])}
    print("shipped lexicon", results["shipped lexicon"], file=sys.stderr, flush=True)
    tmp = tempfile.mkdtemp()

    def stage_with(rows: dict, name: str):
        path = os.path.join(tmp, name)
        write_rows(rows, shipped, path)
        return QuoteStage(Config(quotes=QuoteSettings(cue_files=(path,), learned_cues=False, adder=not args.no_adder,
                                                       tagger=False)))

    # step 2: every candidate row (learned on all of train, the broad filter) read over every
    # article once; per article and lemma, the quote.cue.learned quotes made and matching gold
    broad = learn(counts, range(len(docs)), shipped, args.cand_gold, args.cand_precision)
    st_all = stage_with(broad, "broad.tsv")
    wide = run(st_all, range(len(docs)))
    made, hit = [Counter() for _ in docs], [Counter() for _ in docs]
    from tidings.evaluate.scorers import quote_matches
    for i in range(len(docs)):
        ok = {pi for _, pi in quote_matches(gl[i], wide[i])}
        for pi, q in enumerate(wide[i]):
            if q.get("rule") != "quote.cue.learned":
                continue
            sp = docs[i].char_span(q["cue"]["start"], q["cue"]["end"], alignment_mode="expand")
            cue = st_all._cue_for(sp.root) if sp is not None and len(sp) else None
            if cue is not None:
                made[i][cue.lemma] += 1
                hit[i][cue.lemma] += pi in ok

    tm, th = sum(made, Counter()), sum(hit, Counter())
    results["candidate rows, quotes on all of train (made, matched)"] = {
        k: [tm[k], th[k]] for k in sorted(tm, key=lambda k: -th[k])}

    def keep(arts, min_hits: int, min_prec: float) -> dict:
        """The candidate rows (learned on ``arts``) whose quotes over ``arts`` match gold at least
        ``min_hits`` times with precision ``min_prec``; each row's precision becomes its quotes'."""
        cands = learn(counts, arts, shipped, args.cand_gold, args.cand_precision)
        m, h = Counter(), Counter()
        for a in arts:
            m.update(made[a])
            h.update(hit[a])
        out = {}
        for lemma, row in cands.items():
            if h[lemma] >= min_hits and h[lemma] / m[lemma] >= min_prec:
                out[lemma] = dict(row, gold=h[lemma], occ=m[lemma])
        return out

    for mh in ([] if args.no_cv else args.min_hits):
        for mp in args.min_precision:
            preds = dict(base)
            added = 0
            for k in range(args.folds):
                rows = keep([i for i in range(len(docs)) if fold[i] != k], mh, mp)
                added += len(rows)
                preds.update(run(stage_with(rows, f"cues{k}.tsv"), [i for i in range(len(docs)) if fold[i] == k]))
                if args.rows_out and (mh, mp) == (args.min_hits[0], args.min_precision[0]):
                    os.makedirs(args.rows_out, exist_ok=True)
                    write_rows(rows, shipped, os.path.join(args.rows_out, f"cues{k}.tsv"))
            key = f"+ learned (quotes matched >= {mh}, precision >= {mp})"
            ps = [preds[i] for i in range(len(docs))]
            results[key] = score(gl, ps) | {"rows_per_fold": added / args.folds, "learned_quotes": learned_hits(gl, ps)}
            print(key, results[key], file=sys.stderr, flush=True)
    if args.json:
        json.dump(results, open(args.json, "w"), indent=1)
    if args.write:
        rows = keep(list(range(len(docs))), args.min_hits[0], args.min_precision[0])
        write_rows(rows, shipped, args.write)
        print(f"wrote {len(rows)} rows to {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
