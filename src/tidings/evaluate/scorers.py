"""Scorers for each annotated layer, following the gold-format rules (see docs/evaluate.md).

Every scorer takes pairs of (gold document, predicted record as a dict) and returns a
result dict of figures plus ``errors``: per-document lists of misses and false alarms
for ``tidings evaluate --errors``.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from typing import Iterable, Optional

from ..events.codebook import phoenix_quad

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def prf(tp: float, n_pred: float, n_gold: float) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


# ---- events -----------------------------------------------------------------------------------------
def norm_code(code: Optional[str]) -> Optional[str]:
    """Compare codes on their 3-letter country part; any IGO code counts as IGO."""
    if not code:
        return None
    code = code.upper()
    if code.startswith("IGO"):
        return "IGO"
    return code[:3]


def _codes(actors: Iterable[dict]) -> set:
    out = set()
    for a in actors or []:
        for key in ("code", "cameo"):
            c = norm_code(a.get(key))
            if c:
                out.add(c)
                break
    return out


def counted_event(ev: dict) -> bool:
    """Events that scoring ignores: negated, hypothetical or predicted."""
    return not ev.get("negated") and ev.get("modality", "asserted") not in ("hypothetical", "predicted")


def score_events(pairs: list[tuple[dict, dict]]) -> dict:
    tp = n_pred = n_gold = 0
    dyad_tp = 0
    quad_tp = quad_pred = quad_gold = 0
    per_type = defaultdict(lambda: [0, 0, 0])   # tp, pred, gold
    cameo_gold = cameo_hit = 0
    act_total = act_ok = 0
    errors = []
    for gold_doc, pred in pairs:
        gold = gold_doc["gold"].get("events", [])
        preds = [e for e in pred.get("events", []) if counted_event(e)]
        gc, pc = Counter(e["event"] for e in gold), Counter(e["event"] for e in preds)
        for t in set(gc) | set(pc):
            hit = min(gc[t], pc[t])
            tp += hit
            per_type[t][0] += hit
            per_type[t][1] += pc[t]
            per_type[t][2] += gc[t]
        n_pred += len(preds)
        n_gold += len(gold)
        gq, pq = Counter(QUAD[e["event"]] for e in gold), Counter(QUAD[e["event"]] for e in preds)
        quad_tp += sum(min(gq[q], pq[q]) for q in gq)
        quad_pred += len(preds)
        quad_gold += len(gold)
        # dyads: one predicted event matches one gold event
        used = set()
        matched_gold = set()
        for gi, g in enumerate(gold):
            ga, gr = _codes(g.get("actor")), _codes(g.get("recipient"))
            for pi, p in enumerate(preds):
                if pi in used or p["event"] != g["event"]:
                    continue
                if not (ga & _codes(p.get("actor"))):
                    continue
                if gr and not (gr & _codes(p.get("recipient"))):
                    continue
                used.add(pi)
                matched_gold.add(gi)
                dyad_tp += 1
                break
            if g.get("cameo"):
                cameo_gold += 1
                for p in preds:
                    if (p.get("cameo") or "")[:2] == g["cameo"][:2] and ga & _codes(p.get("actor")) and (
                            not gr or gr & _codes(p.get("recipient"))):
                        cameo_hit += 1
                        break
        # actor codes: each gold actor/recipient with offsets vs. the resolved mention covering it
        spans = _predicted_actor_spans(pred)
        for g in gold:
            for a in list(g.get("actor") or []) + list(g.get("recipient") or []):
                if a.get("start") is None or not a.get("code"):
                    continue
                act_total += 1
                best = max(spans, key=lambda s: overlap(s, a), default=None)
                if best is not None and overlap(best, a) > 0 and norm_code(best.get("code")) == norm_code(a["code"]):
                    act_ok += 1
        missed = [g for gi, g in enumerate(gold) if gi not in matched_gold]
        extra = [p for pi, p in enumerate(preds) if pi not in used]
        if missed or extra:
            errors.append({"id": gold_doc["id"], "text": gold_doc["text"],
                           "missed": [_fmt_gold_event(g) for g in missed],
                           "false_alarms": [_fmt_pred_event(p) for p in extra]})
    out = {
        "type": prf(tp, n_pred, n_gold),
        "dyad": prf(dyad_tp, n_pred, n_gold),
        "quad_class": prf(quad_tp, quad_pred, quad_gold),
        "per_type": {t: prf(*v) for t, v in sorted(per_type.items())},
        "actor_code_accuracy": round(act_ok / act_total, 4) if act_total else None,
        "actor_mentions": act_total,
        "errors": errors,
    }
    if cameo_gold:
        out["cameo_root_dyad"] = round(cameo_hit / cameo_gold, 4)
    return out


def _predicted_actor_spans(pred: dict) -> list[dict]:
    spans = []
    for e in pred.get("entities", []):
        if e.get("actor") and e["actor"].get("code"):
            spans.append(e["actor"])
    for ev in pred.get("events", []):
        spans.extend(a for a in ev.get("actor", []) + ev.get("recipient", []) if a.get("code"))
    return spans


def _fmt_actors(actors) -> str:
    return "+".join(f"{a.get('text') or '?'}<{a.get('code')}>" for a in actors or []) or "-"


def _fmt_gold_event(g: dict) -> str:
    return f"{g['event']} {_fmt_actors(g.get('actor'))} -> {_fmt_actors(g.get('recipient'))}"


def _fmt_pred_event(p: dict) -> str:
    trig = (p.get("trigger") or {}).get("text", "")
    return (f"{p['event']} {p.get('cameo')} {_fmt_actors(p.get('actor'))} -> {_fmt_actors(p.get('recipient'))}"
            f" [{trig}; {p.get('rule')}]")


# ---- quotes -----------------------------------------------------------------------------------------
def _chars(span: dict, fragments: Optional[list] = None) -> set:
    parts = fragments or [span]
    out = set()
    for f in parts:
        out.update(range(f["start"], f["end"]))
    return out


def quote_matches(gold: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs of one document's quotes: one to one, best first, a pair
    when the contents share at least half the characters of the longer one (fragments counted)."""
    gsets = [_chars(g["content"], g["content"].get("fragments") or g.get("fragments")) for g in gold]
    psets = [_chars(p["content"]) for p in preds]
    cands = []
    for gi, gs in enumerate(gsets):
        for pi, ps in enumerate(psets):
            shared = len(gs & ps)
            if not shared:
                continue
            ratio = shared / max(len(gs), len(ps))
            if ratio >= 0.5:
                cands.append((ratio, gi, pi))
    cands.sort(reverse=True)
    ug, up, out = set(), set(), []
    for _, gi, pi in cands:
        if gi in ug or pi in up:
            continue
        ug.add(gi)
        up.add(pi)
        out.append((gi, pi))
    return out


def score_quotes(pairs: list[tuple[dict, dict]]) -> dict:
    tp = n_pred = n_gold = 0
    sp_total = sp_ok = 0
    errors = []
    for gold_doc, pred in pairs:
        gold = gold_doc["gold"].get("quotes", [])
        preds = pred.get("quotes", [])
        n_pred += len(preds)
        n_gold += len(gold)
        ug, up = set(), set()
        for gi, pi in quote_matches(gold, preds):
            ug.add(gi)
            up.add(pi)
            tp += 1
            gsp = gold[gi].get("speaker")
            if gsp:
                sp_total += 1
                psp = preds[pi].get("speaker")
                if psp and overlap(psp, gsp) > 0:
                    sp_ok += 1
        missed = [gold[i]["content"]["text"][:160] for i in range(len(gold)) if i not in ug]
        extra = [preds[i]["content"]["text"][:160] for i in range(len(preds)) if i not in up]
        if missed or extra:
            errors.append({"id": gold_doc["id"], "missed": missed, "false_alarms": extra})
    return {"content": prf(tp, n_pred, n_gold),
            "speaker_accuracy": round(sp_ok / sp_total, 4) if sp_total else None,
            "speakers_scored": sp_total, "errors": errors}


# ---- places -----------------------------------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _one_to_one(gold: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    cands = sorted(((overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(preds)
                    if overlap(g, p) > 0), reverse=True)
    ug, up, out = set(), set(), []
    for _, gi, pi in cands:
        if gi in ug or pi in up:
            continue
        ug.add(gi)
        up.add(pi)
        out.append((gi, pi))
    return out


def _unmatched(gold: list[dict], preds: list[dict], matches: list[tuple[int, int]], fmt) -> tuple[list, list]:
    """The gold items and predictions left out of ``matches``, formatted for --errors."""
    mg = {gi for gi, _ in matches}
    mp = {pi for _, pi in matches}
    return ([fmt(g) for i, g in enumerate(gold) if i not in mg],
            [fmt(p) for i, p in enumerate(preds) if i not in mp])


def score_places(pairs: list[tuple[dict, dict]]) -> dict:
    tp = n_pred = n_gold = 0
    dists: list[float] = []
    within = coord_total = 0
    cc_ok = cc_total = 0
    errors = []
    for gold_doc, pred in pairs:
        gold = gold_doc["gold"].get("places", [])
        preds = pred.get("places", [])
        n_pred += len(preds)
        n_gold += len(gold)
        matches = _one_to_one(gold, preds)
        tp += len(matches)
        wrong = []
        for gi, pi in matches:
            g, p = gold[gi], preds[pi]
            if g.get("lat") is not None and g.get("lon") is not None:
                coord_total += 1
                if p.get("lat") is None or p.get("lon") is None:
                    wrong.append(f"{g['text']}: no coordinates (gold {g.get('name')})")
                    continue
                d = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
                dists.append(d)
                if d <= 161:
                    within += 1
                else:
                    wrong.append(f"{g['text']}: {p.get('name')} ({p.get('country_code')}) is {d:.0f} km from "
                                 f"gold {g.get('name')} ({g.get('country_code')})")
            if g.get("country_code"):
                cc_total += 1
                cc_ok += int((p.get("country_code") or "").upper() == g["country_code"].upper())
        missed, extra = _unmatched(gold, preds, matches, lambda x: x["text"])
        if missed or extra or wrong:
            errors.append({"id": gold_doc["id"], "missed": missed, "false_alarms": extra, "misplaced": wrong})
    return {"recognition": prf(tp, n_pred, n_gold),
            "acc_at_161km": round(within / coord_total, 4) if coord_total else None,
            "median_error_km": round(statistics.median(dists), 1) if dists else None,
            "country_accuracy": round(cc_ok / cc_total, 4) if cc_total else None,
            "resolved_scored": coord_total, "errors": errors}


# ---- times ------------------------------------------------------------------------------------------
def score_times(pairs: list[tuple[dict, dict]]) -> dict:
    strict = relaxed = value = 0
    n_pred = n_gold = 0
    type_ok = 0
    errors = []
    for gold_doc, pred in pairs:
        gold = gold_doc["gold"].get("times", [])
        preds = pred.get("times", [])
        n_pred += len(preds)
        n_gold += len(gold)
        matches = _one_to_one(gold, preds)
        relaxed += len(matches)
        wrong = []
        for gi, pi in matches:
            g, p = gold[gi], preds[pi]
            strict += int(g["start"] == p["start"] and g["end"] == p["end"])
            type_ok += int(g.get("type") == p.get("type"))
            if g.get("value") == p.get("value"):
                value += 1
            else:
                wrong.append(f"{g['text']!r}: {p.get('value')} (gold {g.get('value')})")
        missed, extra = _unmatched(gold, preds, matches, lambda x: f"{x['text']!r}={x.get('value')}")
        if missed or extra or wrong:
            errors.append({"id": gold_doc["id"], "date": gold_doc.get("date"), "missed": missed,
                           "false_alarms": extra, "wrong_value": wrong})
    return {"relaxed": prf(relaxed, n_pred, n_gold), "strict": prf(strict, n_pred, n_gold),
            "value": prf(value, n_pred, n_gold),
            "type_accuracy": round(type_ok / relaxed, 4) if relaxed else None, "errors": errors}


# ---- sentence quad class (ConfliBERT CAMEO files) ---------------------------------------------------
def sentence_quad(events: list[dict]) -> int:
    """One quad class per sentence: that of the most confident counted event (the first on a tie);
    0 when there is none."""
    best = None
    for e in events:
        if not counted_event(e):
            continue
        if best is None or (e.get("confidence") or 0) > (best.get("confidence") or 0):
            best = e
    return phoenix_quad(best.get("cameo")) if best else 0


def score_quad(pairs: list[tuple[dict, dict]]) -> dict:
    """Sentence-level quad class accuracy (gold ``quad_label``), per-class P/R/F1 and confusion."""
    conf = [[0] * 5 for _ in range(5)]
    errors = []
    for gold_doc, pred in pairs:
        g = int(gold_doc["gold"]["quad_label"])
        p = sentence_quad(pred.get("events", []))
        conf[g][p] += 1
        if g != p:
            errors.append({"id": gold_doc["id"], "text": gold_doc["text"], "missed": [f"quad {g}"],
                           "false_alarms": [f"quad {p}: " + "; ".join(_fmt_pred_event(e) for e in pred.get("events", []))]})
    n = sum(map(sum, conf))
    per = {q: prf(conf[q][q], sum(conf[r][q] for r in range(5)), sum(conf[q])) for q in range(5)}
    return {"accuracy": round(sum(conf[q][q] for q in range(5)) / n, 4) if n else None, "documents": n,
            "macro_f1": round(sum(v["f1"] for v in per.values()) / 5, 4), "per_class": per, "confusion": conf,
            "errors": errors}


SCORERS = {"events": score_events, "quotes": score_quotes, "places": score_places, "times": score_times,
           "quad": score_quad}
