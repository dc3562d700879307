"""Who did it to whom: our event roles against the ConfliBERT CAMEO training sentences' gold
source/target spans, with the errors sorted into classes.

    PYTHONPATH=src python tools/roles_conflibert.py [--events both] [--json out.json]
        [--show CLASS] [--limit 20] [--file ../shared/eval/conflibert-cameo-train.jsonl]
        [--against earlier.json]

For every sentence with gold roles (``gold.layers`` has "roles") the whole pipeline runs (setting
``--events``); where it codes at least one counted event, the sentence's *top* event (the most
confident counted one, the event ``tidings evaluate``'s quad scorer reads) is compared with the
gold roles:

* **actor**: a predicted actor span overlaps a gold source span; **recipient**: a predicted
  recipient overlaps a gold target span (both empty counts as right: the gold has no target);
* **codes**: the country part of the codes the actors stage gives inside each gold span (the
  entities the record carries) against the predicted actors' codes, where both have one;
* **role**: actor and recipient both right (spans). "any event" repeats this with the best
  event of the sentence, to tell role errors from picking another event.

Each sentence then gets an **outcome** (first that applies): ``ok``; ``swapped`` (our actor is the
gold target, or our recipient the gold source); ``actor_missing``; ``actor_wrong``;
``recip_missing``; ``recip_wrong``; ``recip_extra`` (the gold has no target); and the flag
**self-dyad** (a recipient of ours has the country code of one of our actors), counted apart. And, from the parse and the gold spans, the
**constructions** it holds (several may apply), for which the same figures are given:
``coordination``, ``passive_agent``, ``passive_noagent``, ``nominal`` (a gold role hanging from an
event noun: "the arrest of X by Y", "X's visit"), ``possessive_appos`` (the gold source span holds a
possessor or apposition: "Pakistan's foreign minister"), ``prep_recipient`` (the gold target is a
prepositional object: "talks with", "aid to", "sanctions on"), ``between``, ``reported`` (a reporting
verb with a complement in the sentence) with ``reported_speaker`` (the gold source is the
reporting verb's subject), ``relcl`` (a gold role is the antecedent of, or inside, a relative clause),
``city_agent`` (police/protesters/troops tied to a place in the gold source span).
A last table gives, per named rule that an actor's or recipient's ``why`` of the top event names
("rule agent_own_clause"), the sentences and their role and code agreement; ``--against`` an
earlier ``--json`` file lists the sentences whose roles or codes changed (better / worse).
Nothing here is used by the package; it reads ../shared (training data) only.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT = ROOT.parent / "shared" / "eval" / "conflibert-cameo-train.jsonl"
REPORT = {"say", "tell", "announce", "state", "add", "claim", "declare", "insist", "confirm", "note", "report",
          "stress", "accuse", "warn", "allege", "argue", "write", "tweet", "explain", "believe", "think"}
AGENT_NOUNS = {"police", "protester", "protesters", "demonstrator", "demonstrators", "troops", "soldiers", "forces",
               "militants", "rebels", "policeman", "officers", "residents", "students", "workers", "activists"}
OUTCOMES = ("ok", "swapped", "actor_missing", "actor_wrong", "recip_missing", "recip_wrong", "recip_extra")
CLASSES = ("all", "coordination", "passive_agent", "passive_noagent", "nominal", "possessive_appos",
           "prep_recipient", "between", "reported", "reported_speaker", "relcl", "city_agent")


RULE_RE = re.compile(r"\(?rule ([A-Za-z_][\w-]*)")


def ov(a, b) -> bool:
    return min(a["end"], b["end"]) > max(a["start"], b["start"])


def any_ov(xs, ys) -> bool:
    return any(ov(x, y) for x in xs for y in ys)


def norm(code):
    if not code:
        return None
    code = code.upper()
    return "IGO" if code.startswith("IGO") else code[:3]


def counted(e) -> bool:
    return not e.get("negated") and e.get("modality", "asserted") not in ("hypothetical", "predicted")


def gold_codes(spans, entities) -> set:
    """Country parts of the codes the actors stage gave to entities inside the gold spans."""
    out = set()
    for s in spans:
        for e in entities:
            a = e.get("actor") or {}
            c = norm(a.get("code") or a.get("cameo"))
            if c and s["start"] <= e["start"] and e["end"] <= s["end"]:
                out.add(c)
    return out


def pred_codes(actors) -> set:
    return {c for c in (norm(a.get("code") or a.get("cameo")) for a in actors) if c}


def judge(ev, ga, gr) -> dict:
    pa, pr = ev.get("actor", []), ev.get("recipient", [])
    actor_ok = any_ov(pa, ga) if ga else not pa
    recip_ok = any_ov(pr, gr) if gr else not pr
    return {"actor_ok": actor_ok, "recip_ok": recip_ok, "role_ok": actor_ok and recip_ok}


def outcome(ev, ga, gr) -> str:
    pa, pr = ev.get("actor", []), ev.get("recipient", [])
    j = judge(ev, ga, gr)
    if j["role_ok"]:
        return "ok"
    if (pa and gr and any_ov(pa, gr) and not any_ov(pa, ga)) or (pr and ga and any_ov(pr, ga)):
        return "swapped"
    if ga and not pa:
        return "actor_missing"
    if not j["actor_ok"]:
        return "actor_wrong"
    if gr and not pr:
        return "recip_missing"
    if gr:
        return "recip_wrong"
    return "recip_extra"


def span_toks(doc, s):
    sp = doc.char_span(s["start"], s["end"], alignment_mode="expand")
    return sp if sp is not None and len(sp) else None


def constructions(doc, ga, gr) -> set:
    """The constructions of CLASSES that the sentence holds around its gold roles."""
    out = set()
    if len(ga) > 1 or len(gr) > 1:
        out.add("coordination")
    roles = [(s, "a") for s in ga] + [(s, "r") for s in gr]
    gold_idx = {t.i for s, _ in roles for t in (span_toks(doc, s) or [])}
    for s, kind in roles:
        sp = span_toks(doc, s)
        if sp is None:
            continue
        root = sp.root
        if any(t.dep_ == "cc" and t.head.i in {x.i for x in sp} for t in sp) or any(
                t.dep_ == "conj" and t.head.i == root.i for t in sp):
            out.add("coordination")
        if any(t.lower_ == "between" for t in doc[max(sp.start - 2, 0):sp.start]) or any(
                t.lower_ == "between" for t in sp):
            out.add("between")
        h = root.head
        if kind == "a" and root.dep_ == "pobj" and h.dep_ == "agent":
            out.add("passive_agent" if h.head.pos_ in ("VERB", "AUX") else "nominal")
        if kind == "r" and root.dep_ == "nsubjpass":
            out.add("passive_agent" if any(c.dep_ == "agent" for c in h.children) else "passive_noagent")
        # a role hanging from an event noun outside the other gold spans
        x = root
        if x.dep_ == "pobj" and x.head.dep_ in ("prep", "agent"):
            x = x.head
        if x.dep_ in ("prep", "agent", "poss") and x.head.pos_ == "NOUN" and x.head.i not in gold_idx:
            out.add("nominal")
        if kind == "a" and any(t.dep_ in ("poss", "appos") for t in sp):
            out.add("possessive_appos")
        if kind == "r" and root.dep_ == "pobj" and root.head.dep_ in ("prep", "dative"):
            out.add("prep_recipient")
        if any(t.dep_ == "relcl" and (t.head.i == root.i or t.head.i in {y.i for y in sp}) for t in doc) or \
                any(a.dep_ == "relcl" for a in root.ancestors):
            out.add("relcl")
        if kind == "a" and any(t.lower_ in AGENT_NOUNS for t in sp) and any(t.ent_type_ in ("GPE", "LOC") for t in sp):
            out.add("city_agent")
    reporters = [t for t in doc if t.lemma_.lower() in REPORT and any(c.dep_ == "ccomp" for c in t.children)]
    if reporters:
        out.add("reported")
        for s in ga:
            sp = span_toks(doc, s)
            if sp is not None and any(sp.root.head.i == r.i and sp.root.dep_ == "nsubj" for r in reporters):
                out.add("reported_speaker")
    return out


def run(path: Path, setting: str) -> list[dict]:
    from tidings.nlp import load
    from tidings.pipeline import Config, get_pipeline

    docs = [json.loads(line) for line in open(path, encoding="utf-8")]
    docs = [d for d in docs if "roles" in d["gold"].get("layers", []) and d["gold"].get("roles")]
    pipe = get_pipeline(Config(events=setting))
    recs = {r.id: r.model_dump() for r in pipe.process([{"id": d["id"], "text": d["text"], "date": None}
                                                        for d in docs])}
    nlp = load()
    rows = []
    for d, doc in zip(docs, nlp.pipe([d["text"] for d in docs])):
        rec = recs.get(d["id"], {"events": [], "entities": []})
        ga, gr = d["gold"]["roles"].get("actor", []), d["gold"]["roles"].get("recipient", [])
        evs = [e for e in rec.get("events", []) if counted(e)]
        row = {"id": d["id"], "text": d["text"], "gold_actor": [g["text"] for g in ga],
               "gold_recipient": [g["text"] for g in gr], "classes": sorted(constructions(doc, ga, gr)),
               "coded": bool(evs)}
        if evs:
            top = max(evs, key=lambda e: e.get("confidence") or 0)   # first on a tie
            row.update(judge(top, ga, gr))
            row["outcome"] = outcome(top, ga, gr)
            row["any_role_ok"] = any(judge(e, ga, gr)["role_ok"] for e in evs)
            gac, grc = gold_codes(ga, rec.get("entities", [])), gold_codes(gr, rec.get("entities", []))
            pac, prc = pred_codes(top.get("actor", [])), pred_codes(top.get("recipient", []))
            row["actor_code"] = None if not gac else bool(gac & pac)
            row["recip_code"] = None if not grc else bool(grc & prc)
            row["self_dyad"] = bool(pac and prc & pac)
            row["event"] = f"{top['event']} {top['cameo']} '{top['trigger']['text']}' rule={top.get('rule')}"
            row["pred_actor"] = [a["text"] + (f" [{a['code']}]" if a.get("code") else "") for a in top.get("actor", [])]
            row["pred_recipient"] = [a["text"] + (f" [{a['code']}]" if a.get("code") else "")
                                     for a in top.get("recipient", [])]
            row["rules"] = sorted({r for a in top.get("actor", []) + top.get("recipient", [])
                                   for r in RULE_RE.findall(a.get("why") or "")})
        rows.append(row)
    return rows


def summarise(rows: list[dict]) -> dict:
    out = {}
    for cls in CLASSES:
        rs = [r for r in rows if cls == "all" or cls in r["classes"]]
        cd = [r for r in rs if r["coded"]]
        n = len(cd)

        def rate(key, pool=cd):
            vals = [r[key] for r in pool if r.get(key) is not None]
            return (round(sum(vals) / len(vals), 3), len(vals)) if vals else (None, 0)
        out[cls] = {"sentences": len(rs), "coded": n, "actor": rate("actor_ok"), "recipient": rate("recip_ok"),
                    "role": rate("role_ok"), "any_event_role": rate("any_role_ok"),
                    "actor_code": rate("actor_code"), "recipient_code": rate("recip_code"),
                    "self_dyad": sum(r["self_dyad"] for r in cd),
                    "self_dyad_gold_not": sum(r["self_dyad"] and not r["recip_ok"] for r in cd),
                    "outcomes": dict(Counter(r["outcome"] for r in cd))}
    return out


def rule_table(rows: list[dict]) -> dict:
    """Per named rule (as the top event's actors' and recipients' ``why`` name it): sentences,
    role agreement and the code agreements there."""
    out = {}
    for r in sorted({x for row in rows for x in row.get("rules", [])}):
        rs = [row for row in rows if r in row.get("rules", [])]

        def rate(key):
            vals = [row[key] for row in rs if row.get(key) is not None]
            return (round(sum(vals) / len(vals), 3), len(vals)) if vals else (None, 0)
        out[r] = {"sentences": len(rs), "role": rate("role_ok"), "actor_code": rate("actor_code"),
                  "recipient_code": rate("recip_code")}
    return out


def compare(before: list[dict], after: list[dict]) -> None:
    """Sentences whose role, actor code or recipient code changed against an earlier run."""
    old = {r["id"]: r for r in before}
    keys = ("role_ok", "actor_code", "recip_code")
    better = worse = 0
    print()
    for r in after:
        b = old.get(r["id"])
        if b is None or all(b.get(k) == r.get(k) for k in keys) and b.get("pred_actor") == r.get("pred_actor") \
                and b.get("pred_recipient") == r.get("pred_recipient"):
            continue
        score = sum((r.get(k) is True) - (b.get(k) is True) for k in keys)
        better += score > 0
        worse += score < 0
        print(f"{r['id']} [{'better' if score > 0 else 'worse' if score < 0 else 'same'}] {r['text'][:160]}\n"
              f"  before: {b.get('pred_actor')} -> {b.get('pred_recipient')}\n"
              f"  after:  {r.get('pred_actor')} -> {r.get('pred_recipient')}  rules={r.get('rules')}")
    print(f"changed against the earlier run: {better} better, {worse} worse")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", default=str(DEFAULT))
    ap.add_argument("--events", default="both")
    ap.add_argument("--json", default=None, help="write the rows and the summary here")
    ap.add_argument("--show", default=None, help="print the sentences of this outcome or construction")
    ap.add_argument("--limit", type=int, default=25)
    ap.add_argument("--against", default=None,
                    help="a --json file of an earlier run: list the sentences whose role or codes changed")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rows = run(Path(a.file), a.events)
    summ = summarise(rows)
    fmt = "{:18} {:>5} {:>5}  {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}"
    print(fmt.format("construction", "sent", "coded", "actor", "recipient", "role", "role(any ev)", "actor code",
                     "recip code"))
    for cls, s in summ.items():
        cell = [f"{v[0]:.3f} ({v[1]})" if v[0] is not None else "-" for v in
                (s["actor"], s["recipient"], s["role"], s["any_event_role"], s["actor_code"], s["recipient_code"])]
        print(fmt.format(cls, s["sentences"], s["coded"], *cell))
    print()
    print("outcomes of the top event (coded sentences):")
    hdr = "{:18}" + " {:>8}" * (len(OUTCOMES) + 2)
    print(hdr.format("construction", *[o[:8] for o in OUTCOMES], "selfdyad", "sd wrong"))
    for cls, s in summ.items():
        print(hdr.format(cls, *[s["outcomes"].get(o, 0) for o in OUTCOMES], s["self_dyad"], s["self_dyad_gold_not"]))
    by_rule = rule_table(rows)
    if by_rule:
        print()
        print("named rules in the top event's actors and recipients (their why):")
        print("{:28} {:>5} {:>12} {:>12} {:>12}".format("rule", "sent", "role", "actor code", "recip code"))
        for r, v in by_rule.items():
            print("{:28} {:>5} {:>12} {:>12} {:>12}".format(r, v["sentences"], *[
                f"{x[0]:.3f} ({x[1]})" if x[0] is not None else "-" for x in (v["role"], v["actor_code"],
                                                                               v["recipient_code"])]))
    if a.against:
        compare(json.loads(Path(a.against).read_text())["rows"], rows)
    if a.show:
        shown = [r for r in rows if r.get("outcome") == a.show or a.show in r["classes"]
                 or (a.show == "self_dyad" and r.get("self_dyad"))]
        for r in shown[:a.limit]:
            print(f"\n{r['id']} [{r.get('outcome')}] {r['text']}\n  gold: {r['gold_actor']} -> {r['gold_recipient']}"
                  f"\n  ours: {r.get('pred_actor')} -> {r.get('pred_recipient')}  {r.get('event')}")
    if a.json:
        Path(a.json).write_text(json.dumps({"summary": summ, "rows": rows}, indent=1))
    return summ


if __name__ == "__main__":
    main()
