"""Build the training data of the learned event classifier.

    PYTHONPATH=src python tools/build_event_training.py [--out tools/event_training/synthetic.jsonl] [--seed 7]
        [--per-codebook 4 --per-news-negative 8]

Three sources, one JSONL format (``{"text", "source", "events": [{cameo, event, mode, trigger,
actor, recipient, negated, modality}]}``; spans are ``{text, start, end}`` character offsets):

(a) ``synthetic``: news-style sentences generated here from the templates and word lists of
    ``tools/event_words.py`` (written for tidings): headline and body styles, passives, reported
    speech, negation, future, coordinated actors, two events per sentence, nominalisations, and
    hard negatives (other senses of trigger words) that carry no event;
(b) ``conflibert``: the ConfliBERT CAMEO training sentences (quad class only), read at training
    time from ``../shared/eval/conflibert-cameo-train.jsonl`` by ``load_conflibert`` (not copied);
(c) ``seed``: one sentence per verb phrase and event noun of the lexicon (``src/tidings/events/data``);
(d) ``codebook`` (model version 3): short formal sentences with one event each, "ACTOR did X to
    RECIPIENT" in the manner of an event-coding manual's examples, active, passive and nominal, for
    every PLOVER type and mode (``event_words.CODEBOOK``), actors of every kind (governments,
    ministers, militaries, police, rebels, NGOs, IGOs, citizens);
(e) ``news-negative`` (model version 3): general political news with no PLOVER event: campaigns
    and polls ("won the primary", "leads in the poll"), opinion, procedure, business, sport and
    figurative senses of trigger words (``event_words.*_NEGATIVES``).
(d) and (e) come from their own random generator, so (a)-(c) do not change when they are added.
They are off by default (``--per-codebook 4 --per-news-negative 8`` builds the corpus of the model
version 3 candidate, measured and not shipped: docs/events.md, "Model version 3 candidate").

The PLOVER type and mode of every event follow from its CAMEO code through ``cameo_plover.tsv``.
``plover-gsr-dev`` is never read here.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_words as W  # noqa: E402

from tidings.events.codebook import load_codebook  # noqa: E402
from tidings.events.lexicon import load_lexicon  # noqa: E402

PREPS = {"to", "with", "against", "on", "into", "from", "at", "over", "for", "about", "of", "by", "in", "toward",
         "towards", "near", "behind", "before", "between", "upon", "onto", "across", "through"}


def inflect(verb: str, form: str) -> str:
    if form == "base":
        return verb
    if verb in W.IRREGULAR and form in ("past", "pp"):
        return W.IRREGULAR[verb][0 if form == "past" else 1]
    if form == "3sg":
        if verb.endswith(("s", "sh", "ch", "x", "z")):
            return verb + "es"
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            return verb[:-1] + "ies"
        return verb + "s"
    if form == "ing":
        if verb.endswith("e") and not verb.endswith("ee"):
            return verb[:-1] + "ing"
        return verb + "ing"
    # regular past / participle
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    if (len(verb) <= 4 and len(verb) >= 3 and verb[-1] in "bdgmnprt" and verb[-2] in "aeiou"
            and verb[-3] not in "aeiou"):
        return verb + verb[-1] + "ed"
    if verb in ("ban", "plan", "stab", "flog", "ship", "jail", "drop", "scrap", "slam", "blacklist"):
        return verb + (verb[-1] + "ed" if verb not in ("jail", "blacklist") else "ed")
    return verb + "ed"


class Builder:
    """Concatenates pieces while keeping the character spans of the marked ones."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: dict[str, list] = {}

    def add(self, s: str, tag: str | None = None) -> "Builder":
        if self.text and not self.text.endswith((" ", "(", "\"")) and s and s[0] not in ",.;:!?'’)":
            self.text += " "
        start = len(self.text)
        self.text += s
        if tag:
            self.spans.setdefault(tag, []).append({"text": s, "start": start, "end": len(self.text)})
        return self


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.cb = load_codebook()

    def country(self):
        return self.r.choice(W.COUNTRIES)

    def actor(self, kind: str | None = None) -> str:
        r = self.r
        kind = kind or r.choices(["country", "person", "group", "igo", "nonstate", "citypolice"],
                                 [3, 3, 4, 1, 1, 1])[0]
        name, dem = self.country()
        if kind == "country":
            return name[0].upper() + name[1:] if not name.startswith("the ") else name
        if kind == "person":
            role = r.choice(W.GOV_ROLES)
            return f"{dem} {role} {r.choice(W.FIRST)} {r.choice(W.LAST)}" if r.random() < 0.7 else \
                f"{r.choice(W.FIRST)} {r.choice(W.LAST)}, {name}'s {role.lower()},"[:-1]
        if kind == "group":
            return r.choice(W.GROUP_ACTORS).format(dem=dem)
        if kind == "igo":
            return r.choice(W.IGOS)
        if kind == "citypolice":
            cap = W.CAPITAL_OF.get(name)
            if cap:
                return r.choice(["police in {c}", "protesters in {c}", "riot police in {c}", "students in {c}"]).format(c=cap)
        return r.choice(W.NONSTATE)

    def coding(self, cameo: str) -> dict:
        pc = self.cb.to_plover(cameo)
        return {"cameo": cameo, "event": pc.event if pc else None, "mode": pc.mode if pc else None}

    @staticmethod
    def cap(s: str) -> str:
        return s[0].upper() + s[1:] if s else s

    # ---- one clause -------------------------------------------------------------------------
    def clause(self, b: Builder, cameo: str, phrase: str, obj: str, style: str, actor: str, recip: str | None,
               n: int) -> dict:
        """Append one event clause to ``b``; return its event (tags a{n}, r{n}, t{n})."""
        words = phrase.split()
        verb, rest = words[0], " ".join(words[1:])
        negated, modality = False, "asserted"
        before, after = (rest.split("|") + [""])[:2] if "|" in rest else (rest, "")
        before, after = before.strip(), after.strip()
        recip_slot = "|" in phrase
        if style == "passive" and recip and not rest and obj == "R":
            b.add(self.cap(recip) if b.text == "" else recip, f"r{n}")
            b.add(self.r.choice(["was", "were"]) if recip.endswith("s") and not recip[0].isupper() else "was")
            b.add(inflect(verb, "pp"), f"t{n}")
            if self.r.random() < 0.8:
                b.add("by").add(actor, f"a{n}")
            return self._event(b, cameo, n, negated, modality)
        b.add(self.cap(actor) if b.text == "" else actor, f"a{n}")
        if style == "past":
            b.add(inflect(verb, "past"), f"t{n}")
        elif style == "headline":
            b.add(inflect(verb, "3sg"), f"t{n}")
        elif style == "perfect":
            b.add("has").add(inflect(verb, "pp"), f"t{n}")
        elif style == "future":
            b.add(self.r.choice(["will", "is expected to", "plans to"])).add(verb, f"t{n}")
            modality = "predicted"
        elif style == "negated":
            b.add(self.r.choice(["did not", "refused to" if cameo[:2] not in ("12", "16") else "did not", "has not"]))
            b.add(verb if not b.text.endswith("has not") else inflect(verb, "pp"), f"t{n}")
            negated = not b.text.endswith("refused to " + verb)
            if not negated:          # "refused to meet X" is itself a rejection
                ev = self._event(b, "12" + ("5" if cameo[:2] == "04" else "0"), n, False, modality)
                self._tail(b, before, recip, recip_slot, after, n)
                return ev
        elif style == "reported":
            b.add("had").add(inflect(verb, "pp"), f"t{n}")
        else:
            b.add(inflect(verb, "past"), f"t{n}")
        self._tail(b, before, recip, recip_slot, after, n)
        return self._event(b, cameo, n, negated, modality)

    def _tail(self, b, before, recip, recip_slot, after, n):
        if before:
            b.add(before)
        if recip is not None:
            b.add(recip, f"r{n}")
        if after:
            b.add(after)

    def _event(self, b, cameo, n, negated, modality) -> dict:
        ev = self.coding(cameo)
        ev.update({"negated": negated, "modality": modality, "_n": n})
        return ev

    def adjunct(self, b: Builder) -> None:
        r = self.r.random()
        if r < 0.25:
            b.add("on").add(self.r.choice(W.DAYS))
        elif r < 0.4:
            b.add("in").add(self.r.choice(W.CITIES))
        elif r < 0.5:
            b.add(self.r.choice(["last week", "earlier this month", "late on Sunday", "for the first time in years"]))

    def finish(self, b: Builder, events: list[dict], source: str) -> dict:
        out = []
        for ev in events:
            n = ev.pop("_n")
            ev["trigger"] = (b.spans.get(f"t{n}") or [None])[0]
            ev["actor"] = b.spans.get(f"a{n}", [])
            ev["recipient"] = b.spans.get(f"r{n}", [])
            out.append(ev)
        return {"text": b.text, "source": source, "events": out}

    def recipient_for(self, actor: str) -> str:
        while True:
            rc = self.actor(self.r.choice(["country", "person", "group", "igo", "nonstate"]))
            if rc.split()[0] != actor.split()[0]:
                return rc

    # ---- sentences -------------------------------------------------------------------------
    def frame_sentence(self, cameo: str, phrase: str, obj: str) -> dict:
        r = self.r
        style = r.choices(["past", "headline", "perfect", "future", "negated", "passive", "reported", "two",
                           "coord", "after"], [30, 10, 6, 5, 5, 10, 8, 6, 6, 6])[0]
        b = Builder()
        actor = self.actor()
        recip = self.recipient_for(actor) if obj in ("R", "r") else None
        events = []
        if style == "reported":
            b.add(self.cap(self.actor("person")) if r.random() < 0.5 else self.cap(r.choice(W.IGOS)))
            b.add(r.choice(["said", "told reporters", "confirmed", "reported"]))
            if r.random() < 0.5:
                b.add("that")
            events.append(self.clause(b, cameo, phrase, obj, "reported", actor, recip, 1))
        elif style == "coord":
            a2 = self.actor("country")
            actor_b = Builder()
            b.add(self.cap(actor), "a1").add("and").add(a2, "a1")
            b.add(inflect(phrase.split()[0], "past"), "t1")
            self._tail(b, " ".join(phrase.split()[1:]).split("|")[0].strip(), recip, "|" in phrase,
                       (phrase.split("|") + [""])[1].strip(), 1)
            events.append(self._event(b, cameo, 1, False, "asserted"))
            del actor_b
        else:
            st = "past" if style in ("two", "after") else style
            events.append(self.clause(b, cameo, phrase, obj, st, actor, recip, 1))
            if style in ("two", "after"):
                c2 = r.choice(list(k for k in W.FRAMES if W.FRAMES[k]))
                p2, o2 = r.choice(W.FRAMES[c2])
                b.add("and" if style == "two" else r.choice(["after", "days after", "a day after", "as"]))
                a2 = actor if style == "two" else self.actor()
                if style == "two":
                    # the second verb shares the subject: "X met Y and signed ..."
                    words = p2.split()
                    b.add(inflect(words[0], "past"), "t2")
                    b.spans.setdefault("a2", []).extend(b.spans.get("a1", []))
                    rec2 = self.recipient_for(actor)
                    self._tail(b, " ".join(words[1:]).split("|")[0].strip(), rec2, "|" in p2,
                               (p2.split("|") + [""])[1].strip(), 2)
                    events.append(self._event(b, c2, 2, False, "asserted"))
                else:
                    rec2 = self.recipient_for(a2)
                    events.append(self.clause(b, c2, p2, o2, "past", a2, rec2, 2))
        if style not in ("headline",):
            self.adjunct(b)
            if r.random() < 0.15 and style not in ("reported",):
                b.add(",").add(r.choice(W.REPORTERS))
            b.text += "."
        return self.finish(b, events, "synthetic")

    def intransitive_sentence(self, cameo: str, phrase: str) -> dict:
        r = self.r
        b = Builder()
        actor = self.actor(r.choice(["group", "nonstate", "citypolice", "country"]))
        style = r.choice(["past", "past", "headline", "perfect", "future", "reported"])
        if style == "reported":
            b.add(self.cap(self.actor("person"))).add("said")
        ev = self.clause(b, cameo, phrase, "", style if style != "reported" else "reported", actor, None, 1)
        self.adjunct(b)
        b.text += "."
        return self.finish(b, [ev], "synthetic")

    def noun_sentence(self, cameo: str, noun: str) -> dict:
        r = self.r
        actor, recip = self.actor(), None
        recip = self.recipient_for(actor)
        tmpl = r.choice(W.NOUN_FRAMES)
        b = Builder()
        # fill the template piece by piece so that spans stay exact
        import re
        parts = re.split(r"(\{[A-Za-z_]+\})", tmpl)
        first = True
        for p in parts:
            if not p:
                continue
            if p == "{A}":
                b.add(self.cap(actor) if first else actor, "a1")
            elif p == "{A_poss}":
                b.add(self.cap(actor) if first else actor, "a1")
                b.text += "'s" if not actor.endswith("s") else "'"
            elif p == "{R}":
                b.add(recip, "r1")
            elif p == "{N}":
                b.add(noun, "t1")
            elif p == "{drew}":
                b.add(r.choice(["drew", "prompted", "sparked"]))
            elif p == "{day}":
                b.add(r.choice(W.DAYS))
            else:
                for w in p.strip().split(" "):
                    if w:
                        b.add(self.cap(w) if first and b.text == "" else w)
                if p.endswith("."):
                    pass
            first = False
        ev = self._event(b, cameo, 1, False, "asserted")
        return self.finish(b, [ev], "synthetic")

    def negative(self) -> dict:
        t = self.r.choice(W.NEGATIVES)
        name, dem = self.country()
        t = t.format(F=self.r.choice(W.FIRST), L=self.r.choice(W.LAST), dem=dem, country=name,
                     city=W.CAPITAL_OF.get(name, "the capital"), day=self.r.choice(W.DAYS))
        return {"text": self.cap(t), "source": "synthetic-negative", "events": []}

    # ---- codebook-style sentences and news negatives (model version 3) ------------------------
    def cb_party(self, kind: str, avoid: str = "") -> tuple[str, bool]:
        """An actor phrase of ``kind`` (S security, C civil or non-state, G government, IGO, A any)
        and whether it is plural."""
        r = self.r
        if kind == "A":
            kind = r.choices(["G", "S", "C", "IGO"], [4, 3, 4, 1])[0]
        pool = {"S": W.CB_SECURITY, "C": W.CB_CIVIL, "G": W.CB_STATE, "IGO": W.CB_IGO}[kind]
        for _ in range(20):
            text, plural = r.choice(pool)
            name, dem = self.country()
            text = text.format(country=name, dem=dem, F=r.choice(W.FIRST), L=r.choice(W.LAST),
                               city=W.CAPITAL_OF.get(name, "the capital"))
            if not avoid or text.split()[-1] != avoid.split()[-1]:
                return text, bool(plural)
        return text, bool(plural)

    def codebook_sentence(self, cameo: str, template: str) -> dict:
        """(d) A short codebook-style sentence: one event, its trigger in [brackets], roles in slots."""
        r = self.r
        b = Builder()
        last_plural, actor_text = False, ""
        name, dem = self.country()
        for p in re.split(r"(\{[A-Za-z]+[12]?\}|\[[^\]]+\])", template):
            if not p:
                continue
            first = b.text == ""
            m = re.fullmatch(r"\{(A|R|S|C|G|IGO)([12]?)\}", p)
            if m:
                kind, role = m.group(1), m.group(2)
                if kind in ("A", "R"):
                    role, kind = ("1" if kind == "A" else "2"), "A"
                text, last_plural = self.cb_party(kind, actor_text)
                if role == "1":
                    actor_text = text
                b.add(self.cap(text) if first else text, "a1" if role == "1" else "r1")
            elif p == "{country2}":
                other = self.country()[0]
                b.add(self.cap(other) if first else other, "r1")
                last_plural = False
            elif p == "{was}":
                b.add("were" if last_plural else "was")
            elif p.startswith("["):
                b.add(p[1:-1], "t1")
            else:
                text = p.format(dem=dem, country=name, city=W.CAPITAL_OF.get(name, "the capital"),
                                F=r.choice(W.FIRST), L=r.choice(W.LAST))
                lead = text[:1] if text[:1] in ",.;:!?'" else ""
                if lead:
                    b.text += lead
                    text = text[1:]
                text = text.strip()
                if text:
                    b.add(self.cap(text) if first else text)
        ev = self._event(b, cameo, 1, False, "asserted")
        return self.finish(b, [ev], "codebook")

    def news_negative(self, template: str) -> dict:
        """(e) A sentence of general political news with no PLOVER event (campaigns, polls, opinion,
        procedure, business, sport and figurative senses of trigger words)."""
        r = self.r
        name, dem = self.country()

        def person():
            return r.choice(["{F} {L}", "Senator {L}", "Governor {L}", "{F} {L}", "Mayor {L}",
                             "Representative {L}", "candidate {F} {L}"]).format(F=r.choice(W.FIRST), L=r.choice(W.LAST))
        t = template.format(P=person(), Q=person(), state=r.choice(W.US_STATES), party=r.choice(W.PARTIES),
                            n=r.choice([2, 3, 4, 5, 7, 9, 12, 15, 18, 21, 30, 48, 52, 60]), day=r.choice(W.DAYS),
                            city=W.CAPITAL_OF.get(name, "the capital"), country=name)
        return {"text": self.cap(t), "source": "news-negative", "events": []}

    def seed_sentences(self) -> list[dict]:
        """(c): one sentence per lexicon verb phrase and event noun, coded with its CAMEO code."""
        lex = load_lexicon(())
        out = []
        for lemma, pats in sorted(lex.verbs.items()) if hasattr(lex, "verbs") else []:
            pass
        for code, phrase, kind in iter_lexicon_phrases():
            b = Builder()
            actor = self.actor()
            if kind == "verb":
                words = phrase.split()
                b.add(self.cap(actor), "a1")
                b.add(inflect(words[0], self.r.choice(["past", "past", "3sg"])), "t1")
                rest = " ".join(words[1:])
                if rest:
                    b.add(rest)
                recip = None
                if len(words) == 1 or words[-1] in PREPS or self.r.random() < 0.3:
                    recip = self.recipient_for(actor)
                    b.add(recip, "r1")
                b.text += "."
            else:
                recip = self.recipient_for(actor)
                b.add("The")
                b.add(phrase, "t1")
                b.add("by").add(actor, "a1").add("against" if code[:2] >= "09" else "with").add(recip, "r1")
                b.add(self.r.choice(["was reported on Monday.", "drew wide attention.", "was confirmed by officials."]))
            ev = self._event(b, code, 1, False, "asserted")
            out.append(self.finish(b, [ev], "seed"))
        return out


def iter_lexicon_phrases():
    """(CAMEO code, phrase, 'verb'|'noun') for every entry of the lexicon's YAML files."""
    import yaml
    from importlib import resources
    root = resources.files("tidings.events").joinpath("data").joinpath("lexicon")
    for f in sorted(root.iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".yaml"):
            continue
        d = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for kind in ("verbs", "nouns"):
            for code, phrases in (d.get(kind) or {}).items():
                for ph in phrases or []:
                    ph = str(ph).strip()
                    if ph and "_" not in ph and "{" not in ph:
                        yield str(code), ph, kind[:-1]


NEWS_NEGATIVES = (W.CAMPAIGN_NEGATIVES + W.OPINION_NEGATIVES + W.PROCEDURAL_NEGATIVES + W.BUSINESS_NEGATIVES
                  + W.FIGURATIVE_NEGATIVES)


def build(seed: int = 7, per_frame: int = 8, n_negative: int = 700, per_codebook: int = 0,
          per_news_negative: int = 0) -> list[dict]:
    g = Gen(seed)
    rows = []
    for cameo, frames in W.FRAMES.items():
        for phrase, obj in frames:
            for _ in range(per_frame):
                rows.append(g.frame_sentence(cameo, phrase, obj))
    for cameo, phrases in W.INTRANSITIVE.items():
        for phrase in phrases:
            for _ in range(per_frame - 2):
                rows.append(g.intransitive_sentence(cameo, phrase))
    for cameo, nouns in W.NOUNS.items():
        for noun in nouns:
            for _ in range(per_frame - 2):
                rows.append(g.noun_sentence(cameo, noun))
    for _ in range(n_negative):
        rows.append(g.negative())
    rows += g.seed_sentences()
    g2 = Gen(seed + 1)          # (d), (e): own generator, so that (a)-(c) stay as they were
    for cameo, templates in W.CODEBOOK.items():
        for tmpl in templates:
            for _ in range(per_codebook):
                rows.append(g2.codebook_sentence(cameo, tmpl))
    for tmpl in NEWS_NEGATIVES:
        for _ in range(per_news_negative):
            rows.append(g2.news_negative(tmpl))
    # check spans
    for row in rows:
        for ev in row["events"]:
            for key in ("actor", "recipient", "trigger"):
                for sp in (ev[key] if key != "trigger" else [ev[key]] if ev[key] else []):
                    assert row["text"][sp["start"]:sp["end"]] == sp["text"], (row, sp)
    g.r.shuffle(rows)
    return rows


def load_conflibert(path) -> list[dict]:
    """(b) ConfliBERT CAMEO training sentences: text, quad (Phoenix convention), role spans."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            g = d["gold"]
            out.append({"id": d["id"], "text": d["text"], "source": "conflibert", "quad": int(g["quad_label"]),
                        "roles": g.get("roles"), "events": []})
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "event_training" / "synthetic.jsonl"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-frame", type=int, default=8)
    ap.add_argument("--per-codebook", type=int, default=0,
                    help="sentences per codebook template (d); 0: none (the v3 candidate: 4, not shipped)")
    ap.add_argument("--per-news-negative", type=int, default=0,
                    help="sentences per news negative (e); 0: none (the v3 candidate: 8, not shipped)")
    a = ap.parse_args(argv)
    rows = build(a.seed, a.per_frame, per_codebook=a.per_codebook, per_news_negative=a.per_news_negative)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    from collections import Counter
    src = Counter(r["source"] for r in rows)
    types = Counter(ev["event"] for r in rows for ev in r["events"])
    print(f"{len(rows)} sentences -> {a.out}; by source {dict(src)}; by type {dict(sorted(types.items(), key=str))}")


if __name__ == "__main__":
    main()
