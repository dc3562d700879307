"""Experiment (nothing shipped): can a model learn where an indirect content should END better
than the rules' parse subtree? Measured on PolNeAR train by 5-fold cross-validation by article.

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train
    PYTHONPATH=src:tools python tools/train_quote_bounds.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train

Every boundary of the content's sentence is a candidate end: the rules' own end, each cut before
a punctuation mark or conjunction inside the content, each extension up to a later one (within
the sentence and the line). A logistic regression over features of the piece cut or added (its
first words, the dependency that joins it to the rest, whether it is a clause with its own
subject, holds a speech verb, quotation marks, a number or a date, its length) and the rule id is
trained on the candidates whose match differs from the rules' end's (label 1: the candidate
matches a gold content and the rules' end does not); the best candidate replaces the rules' end
when its probability passes a threshold. Result (docs/quote_rules.md, issue 16 part 2): no CV gain
worth shipping, so the package's ends stay the rules'.

1. The rules' quotes over the cached parses with the shipped scorer's veto, adder off, and the
   bounds model off (what the model reshapes).
2. Every indirect quote without fragments of a rule seen ``--min-rule`` times gets its candidate
   ends (``bounds.candidates``); label 1: the candidate's content shares half the characters of
   the longer with some gold content.
3. 5-fold cross-validation by article: the logistic regression learned on four folds chooses the
   ends of the fifth at each margin; content P/R/F1 and speaker accuracy over all of train. The
   margin with the best CV F1 is shipped; the model is then fit on all of train.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from typing import Any

from quote_parse_cache import cached_quotes, gold_quotes
from tidings.evaluate.scorers import _chars, overlap, quote_matches
from tidings.quotes.content import trim_edges

#: punctuation that opens a piece
_MARKS = frozenset({",", ";", "—", "–", "--", "(", ":"})
#: words whose own form is a feature (closed classes); others give their part of speech
_CLOSED_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "AUX", "PART"})
_SPEECH = frozenset({"say", "tell", "according", "add", "note", "argue", "claim", "insist", "write", "explain",
                     "report", "suggest", "warn", "state", "announce", "ask", "accuse"})
_QUOTE_CHARS = "\"“”"


def _word(t) -> str:
    if t.is_punct:
        return t.text
    if t.pos_ in _CLOSED_POS or t.is_stop:
        return t.lower_
    return t.pos_


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _is_boundary(t) -> bool:
    return t.text in _MARKS or t.pos_ in {"CCONJ", "SCONJ"}


def candidates(doc: Any, text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    """(kind, end, token index where the piece starts) for a content ``s:e``: ``orig`` (the rules'
    end), ``cut`` (an end before a boundary token inside the content), ``ext`` (an end before a
    boundary token after it, or the sentence's end; never across a line break)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    out: list[tuple[str, int, int]] = [("orig", e, span.end)]
    depth = 0
    for t in span[2:]:
        if t.text in _QUOTE_CHARS:
            depth ^= 1
        if depth or not _is_boundary(t):
            continue
        _, ce = trim_edges(text, s, t.idx)
        if ce - s >= 2 and ce < e:
            out.append(("cut", ce, t.i))
    sent = doc[span.end - 1].sent
    limit = sent.end_char
    nl = text.find("\n", e)
    if 0 <= nl < limit:
        limit = nl
    if any(ch in text[e:limit] for ch in _QUOTE_CHARS):
        return out      # a quotation after the content: the marks' pass owns it
    k = span.end
    for t in doc[span.end:sent.end]:
        if t.idx >= limit:
            break
        if t.i > k and _is_boundary(t):
            _, ce = trim_edges(text, s, t.idx)
            if ce > e + 1:
                out.append(("ext", ce, k))
    _, se = trim_edges(text, s, limit)
    if se > e + 1 and not any(c[1] == se for c in out):
        out.append(("ext", se, k))
    return out


def start_candidates(doc: Any, text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    """(kind, start, token index where the piece starts) for a content ``s:e``: ``orig``, ``scut``
    (a start after a boundary token inside the content), ``sext`` (a start after a boundary token
    before it in its sentence and line, or the sentence's start)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    out: list[tuple[str, int, int]] = [("orig", s, span.start)]
    depth = 0
    for t in span[:-2]:
        if t.text in _QUOTE_CHARS:
            depth ^= 1
        if depth or not (_is_boundary(t) or t.lower_ == "that"):
            continue
        cs, _ = trim_edges(text, t.idx + len(t.text), e)
        if e - cs >= 2 and cs > s:
            out.append(("scut", cs, span.start))
    sent = doc[span.start].sent
    lim = max(sent.start_char, text.rfind("\n", 0, s) + 1)
    if any(ch in text[lim:s] for ch in _QUOTE_CHARS):
        return out
    for t in doc[sent.start:span.start]:
        if t.idx < lim or not (_is_boundary(t) or t.lower_ == "that"):
            continue
        cs, _ = trim_edges(text, t.idx + len(t.text), e)
        if cs < s - 1:
            out.append(("sext", cs, t.i))
    ss, _ = trim_edges(text, lim, e)
    if ss < s - 1 and not any(c[1] == ss for c in out):
        out.append(("sext", ss, doc.char_span(ss, e, alignment_mode="expand").start))
    return out


def _top(piece: list, inside: set, fallback: Any) -> Any:
    """The piece's head word: its first top token that is no punctuation or conjunction."""
    tops = [t for t in piece if t.head.i not in inside or t.head.i == t.i]
    return next((t for t in tops if not t.is_punct and t.pos_ not in {"CCONJ", "SCONJ"}), tops[0] if tops else fallback)


def _piece_kind(f: dict[str, float], kind: str, piece: list, top: Any) -> None:
    """What the piece is: its head's part of speech, a clause, speech words, quotation marks."""
    f[f"{kind}&toppos={top.pos_}"] = 1.0
    if any(t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in t.children) for t in piece):
        f[f"{kind}&clause"] = 1.0
    if any(t.lemma_.lower() in _SPEECH for t in piece):
        f[f"{kind}&speech"] = 1.0
    if any(t.text in _QUOTE_CHARS for t in piece):
        f[f"{kind}&quote"] = 1.0


def start_features(doc: Any, text: str, rule: str, s: int, e: int, kind: str, start: int, first: int) -> dict[str, float]:
    """Features of one candidate start (the piece: between the two starts)."""
    f: dict[str, float] = {f"{kind}": 1.0, f"{kind}&rule={rule}": 1.0}
    kept = doc.char_span(max(s, start), e, alignment_mode="expand")
    nk = len(kept) if kept is not None else 1
    f[f"{kind}&kept={_bucket(nk, (2, 4, 8, 15, 30))}"] = 1.0
    if kept is not None and len(kept):
        f[f"{kind}&first={_word(kept[0])}"] = 1.0
    if kind == "orig":
        return f
    lo, hi = (s, start) if kind == "scut" else (start, s)
    piece = [t for t in doc[max(0, first - 1):] if t.idx < hi and t.idx + len(t.text) > lo]
    if not piece:
        return f
    f[f"{kind}&pfirst={_word(piece[0])}"] = 1.0
    f[f"{kind}&plast={_word(piece[-1])}"] = 1.0
    inside = {t.i for t in piece}
    top = _top(piece, inside, piece[0])
    f[f"{kind}&dep={top.dep_}"] = 1.0
    _piece_kind(f, kind, piece, top)
    n = sum(1 for t in piece if not t.is_punct)
    f[f"{kind}&len={_bucket(n, (1, 2, 4, 8, 16, 32))}"] = 1.0
    f[f"{kind}&ratio"] = n / max(1, nk)
    return f


def features(doc: Any, text: str, rule: str, s: int, e: int, kind: str, end: int, first: int) -> dict[str, float]:
    """Features of one candidate end ``end`` of the content ``s:e`` (``first``: the token where
    the piece cut off or added starts)."""
    f: dict[str, float] = {f"{kind}": 1.0, f"{kind}&rule={rule}": 1.0}
    kept = doc.char_span(s, min(e, end), alignment_mode="expand")
    nk = len(kept) if kept is not None else 1
    f[f"{kind}&kept={_bucket(nk, (2, 4, 8, 15, 30))}"] = 1.0
    if kind == "orig":
        if kept is not None and len(kept):
            f[f"orig&last={_word(kept[-1])}"] = 1.0
        return f
    lo, hi = (end, e) if kind == "cut" else (e, end)
    piece = [t for t in doc[first:] if t.idx < hi]
    piece = [t for t in piece if t.idx + len(t.text) > lo]
    if not piece:
        return f
    b = piece[0]
    f[f"{kind}&b={_word(b)}"] = 1.0
    if b.is_punct and len(piece) > 1:
        w = piece[1]
        f[f"{kind}&b2={_word(b)}_{_word(w)}"] = 1.0
        f[f"{kind}&w={_word(w)}"] = 1.0
    inside = {t.i for t in piece}
    kept_ids = {t.i for t in kept} if kept is not None else set()
    top = _top(piece, inside, b)
    where = "kept" if top.head.i in kept_ids else "self" if top.head.i == top.i else "out"
    f[f"{kind}&dep={top.dep_}"] = 1.0
    f[f"{kind}&dep={top.dep_}&{where}"] = 1.0
    _piece_kind(f, kind, piece, top)
    if any(t.like_num for t in piece):
        f[f"{kind}&num"] = 1.0
    if any(t.ent_type_ in {"DATE", "TIME"} for t in piece):
        f[f"{kind}&date"] = 1.0
    n = sum(1 for t in piece if not t.is_punct)
    f[f"{kind}&len={_bucket(n, (1, 2, 4, 8, 16, 32))}"] = 1.0
    f[f"{kind}&ratio"] = n / max(1, nk)
    f[f"{kind}&bounds={min(3, sum(1 for t in piece[1:] if _is_boundary(t)))}"] = 1.0
    if kind == "ext" and piece[-1].i + 1 >= piece[-1].sent.end - 1:
        f["ext&sent_end"] = 1.0
    return f



SIDE = "end"
MARGINS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = tp / max(1, n_pred), tp / max(1, n_gold)
    return p, r, 2 * p * r / max(1e-9, p + r)


def evaluate(arts, ends_of) -> tuple[float, float, float, float]:
    """P, R, F1, speaker accuracy of all articles with the content ends ``ends_of(a, qi)``."""
    tp = n_pred = n_gold = sp_ok = sp_n = 0
    for a, (gold, preds, _) in enumerate(arts):
        ps = []
        for qi, p in enumerate(preds):
            e = ends_of(a, qi)
            c = dict(p["content"])
            if e is not None:
                c[SIDE] = e
            ps.append({**p, "content": c})
        m = quote_matches(gold, ps)
        tp += len(m)
        n_pred += len(ps)
        n_gold += len(gold)
        for gi, pi in m:
            g = gold[gi].get("speaker")
            if g:
                sp_n += 1
                q = ps[pi].get("speaker")
                sp_ok += bool(q and overlap(q, g) > 0)
    return (*_prf(tp, n_pred, n_gold), sp_ok / max(1, sp_n))


def main(argv: list[str]) -> int:
    import numpy as np
    import spacy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from spacy.tokens import DocBin

    from tidings.pipeline import Config
    B = sys.modules[__name__]

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-rule", type=int, default=20)
    ap.add_argument("--veto", type=float, default=0.3)
    ap.add_argument("--side", choices=("end", "start"), default="end", help="which edge of the content moves")
    args = ap.parse_args(argv)
    global SIDE
    SIDE = args.side
    gold_of = gold_quotes(args.gold)
    docs = list(DocBin().from_disk(args.cache + ".spacy").get_docs(spacy.blank("en").vocab))
    cfg = Config(quotes={"min_confidence": args.veto, "adder": False, "tagger": False})
    arts = []
    for doc, (rid, quotes) in zip(docs, cached_quotes(args.cache, cfg)):
        arts.append((gold_of[rid], [q.model_dump(mode="json", exclude_none=True) for q in quotes], doc))
    rules = Counter(p.get("rule") for _, preds, _ in arts for p in preds if not p.get("direct"))
    keep = {r for r, n in rules.items() if n >= args.min_rule and r and not r.startswith("model:")}
    rows = []   # (article, quote index, candidate end, features, label)
    for a, (gold, preds, doc) in enumerate(arts):
        gsets = [_chars(g["content"], g["content"].get("fragments") or g.get("fragments")) for g in gold]
        for qi, p in enumerate(preds):
            if p.get("direct") or p.get("fragments") or p.get("rule") not in keep:
                continue
            s, e = p["content"]["start"], p["content"]["end"]
            gen, feat = (B.candidates, B.features) if SIDE == "end" else (B.start_candidates, B.start_features)
            for kind, end, first in gen(doc, doc.text, s, e):
                cs = set(range(s, end)) if SIDE == "end" else set(range(end, e))
                lab = any(len(cs & g) / max(len(cs), len(g)) >= 0.5 for g in gsets if cs & g)
                rows.append((a, qi, end, feat(doc, doc.text, p["rule"], s, e, kind, end, first), int(lab)))
    print(f"{len(arts)} articles, {len(rows)} candidates, positive {sum(r[4] for r in rows)}; "
          f"quotes {len({(r[0], r[1]) for r in rows})}", file=sys.stderr)
    per: dict = {}
    for r in rows:
        per.setdefault((r[0], r[1]), []).append(r[4])
    fixable = sum(1 for v in per.values() if not v[0] and any(v[1:]))
    print(f"reach: {fixable} quotes of {len(per)} unmatched with their own end but matched with another "
          f"candidate end; {sum(1 for v in per.values() if v[0])} matched as they are", file=sys.stderr)
    base = evaluate(arts, lambda a, qi: None)
    print(f"rules + veto (no bounds): P {base[0]:.4f} R {base[1]:.4f} F1 {base[2]:.4f} speaker {base[3]:.4f}")
    fold_of = [a % args.folds for a in range(len(arts))]

    def pairs(rs):
        """The candidates of quotes whose candidates disagree: label 1 when the candidate matches
        and the rules' end does not, 0 the other way round."""
        by: dict = {}
        for r in rs:
            by.setdefault((r[0], r[1]), []).append(r)
        out = []
        for cs in by.values():
            lo = cs[0][4]
            out += [(c[3], c[4]) for c in cs[1:] if c[4] != lo]
        return out

    def fit(rs):
        ex = pairs(rs)
        dv = DictVectorizer()
        X = dv.fit_transform([f for f, _ in ex])
        lr = LogisticRegression(C=args.C, max_iter=3000).fit(X, [y for _, y in ex])
        return dv, lr, len(ex), sum(y for _, y in ex)

    chosen: dict[float, dict] = {m: {} for m in MARGINS}
    for k in range(args.folds):
        tr = [r for r in rows if fold_of[r[0]] != k]
        te = [r for r in rows if fold_of[r[0]] == k and r[3].get("orig") is None]
        dv, lr, n, npos = fit(tr)
        pr = lr.predict_proba(dv.transform([r[3] for r in te]))[:, 1]
        by: dict = {}
        for r, p in zip(te, pr):
            by.setdefault((r[0], r[1]), []).append((r[2], p))
        for key, cs in by.items():
            best = max(cs, key=lambda c: c[1])
            for m in MARGINS:
                if best[1] > m:
                    chosen[m][key] = best[0]
        print(f"fold {k}: {n} disagreeing candidates ({npos} better than the rules' end)", file=sys.stderr)
    res = {}
    for m in MARGINS:
        res[m] = evaluate(arts, lambda a, qi: chosen[m].get((a, qi)))
        print(f"CV threshold {m:.2f}: P {res[m][0]:.4f} R {res[m][1]:.4f} F1 {res[m][2]:.4f} speaker {res[m][3]:.4f} "
              f"reshaped {len(chosen[m])}")
    best_m = max(MARGINS, key=lambda m: res[m][2])
    print(f"best threshold {best_m}")
    _ = np
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
