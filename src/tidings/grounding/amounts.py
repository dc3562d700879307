"""The amounts stage: money, percentages and counts of people (``record.amounts``).

* **money** — a currency (symbol, ISO code or name: "$", "US$", "€", "Rs", "rupees", "yuan",
  "5 million euros") with a number and a magnitude (thousand/million/billion/trillion,
  k/m/bn/tn, lakh/crore): ``value`` is the full number (12e9), ``unit`` the ISO 4217 code.
  An ambiguous currency ("Rs", "rupees") is settled by the country the article names most.
* **percent** — "5%", "12.5 percent", "three per cent", "two percentage points".
* **counts** — a number of people found on the dependency parse: "2,000 troops" (troops),
  "at least 7 people were killed" (dead), "12 others wounded" (injured), "police detained
  three suspects" (arrested), "dozens of protesters" (people, approximate), measured things
  ("500 tonnes", kind other, unit = the noun).

``approx`` is set by "about/nearly/more than/at least/some ..."; the approximation word is
part of the span. ``about`` is the noun phrase the amount measures, read off the parse:
"$1.78 billion in aid" → "aid", "trade ... reached about $22 billion" → "trade", a relative
clause ("trade, which ... totals $12 billion") → the noun it hangs on.
Patterns come from ``grounding/data/amounts_lexicon.yaml`` (user files merged with the
pipeline option ``amounts_lexicon``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from .numbers import spelled_number

import yaml

from ..cache import cached, data_files
from ..model import Amount, span_of
from .timex.lexicon import alternation, load_lexicon as load_times_lexicon


@dataclass
class AmountLexicon:
    currency_symbols: dict[str, str] = field(default_factory=dict)
    currency_names: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, dict] = field(default_factory=dict)
    magnitudes: dict[str, float] = field(default_factory=dict)
    approx_words: list[str] = field(default_factory=list)
    vague_counts: dict[str, float] = field(default_factory=dict)
    person_nouns: dict[str, str] = field(default_factory=dict)   # noun phrase -> kind
    measure_nouns: set[str] = field(default_factory=set)
    dead_words: set[str] = field(default_factory=set)
    injured_words: set[str] = field(default_factory=set)
    arrested_words: set[str] = field(default_factory=set)

    def merge(self, d: dict) -> None:
        self.currency_symbols.update({str(k): str(v) for k, v in (d.get("currency_symbols") or {}).items()})
        self.currency_names.update({str(k).lower(): str(v) for k, v in (d.get("currency_names") or {}).items()})
        self.ambiguous.update(d.get("ambiguous") or {})
        self.magnitudes.update({str(k).lower(): float(v) for k, v in (d.get("magnitudes") or {}).items()})
        self.approx_words += [str(x).lower() for x in d.get("approx_words") or []]
        self.vague_counts.update({str(k).lower(): float(v) for k, v in (d.get("vague_counts") or {}).items()})
        for kind, nouns in (d.get("person_nouns") or {}).items():
            for n in nouns or []:
                self.person_nouns[" ".join(str(n).lower().split())] = str(kind)
        self.measure_nouns |= {str(x).lower() for x in d.get("measure_nouns") or []}
        self.dead_words |= {str(x).lower() for x in d.get("dead_words") or []}
        self.injured_words |= {str(x).lower() for x in d.get("injured_words") or []}
        self.arrested_words |= {str(x).lower() for x in d.get("arrested_words") or []}


def _builtin_amount_data() -> dict:
    """The shipped YAML file, parsed (read from the user's cache when unchanged, see tidings.cache)."""
    text = resources.files("tidings.grounding").joinpath("data/amounts_lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


@lru_cache(maxsize=8)
def load_amount_lexicon(user_files: tuple[str, ...] = ()) -> AmountLexicon:
    lex = AmountLexicon()
    lex.merge(cached("amounts-lexicon", [data_files("tidings.grounding", "data", "amounts_lexicon.yaml")],
                     _builtin_amount_data, plain=True))
    for f in user_files:
        lex.merge(yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {})
    return lex


def _plural(name: str) -> list[str]:
    last = name.split()[-1]
    if last in ("yen", "yuan", "renminbi", "baht", "won", "rand", "naira", "taka", "kyat", "birr", "dong",
                "ringgit", "sterling", "reais", "hryvnias", "bitcoin", "lira"):
        forms = [name]
        if last == "lira":
            forms.append(name[:-1] + "e")
        if last == "bitcoin":
            forms.append(name + "s")
        return forms
    if last.endswith("y"):
        return [name, name[:-1] + "ies"]
    return [name, name + "s"]


@dataclass
class _Q:
    start: int
    end: int
    value: float
    unit: Optional[str]
    kind: str
    approx: bool


class AmountFinder:
    """Regex recognition of money and percentages over text (no parse needed)."""

    def __init__(self, lex: AmountLexicon) -> None:
        self.lex = lex
        tlex = load_times_lexicon()
        self.numbers = {k: v for k, v in tlex.numbers.items() if " " not in k}
        words = [w for w in self.numbers if w not in ("a", "an", "zero", "couple")]
        W = alternation(words)
        self.NUMW = r"(?:(?:a|an|half\s+a|" + W + r")(?:[- ](?:and[- ])?" + W + r")*)"
        self.NUMD = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        NUM = r"(?:" + self.NUMD + r"|" + self.NUMW + r")"
        APPROX = alternation(lex.approx_words)
        long_mags = [m for m in lex.magnitudes if len(m) > 3]
        short_mags = [m for m in lex.magnitudes if len(m) <= 3]
        MAG1 = r"(?:\s*(?:" + alternation(short_mags) + r")\b|\s+(?:" + alternation(long_mags) + r")\b|-(?:" + alternation(long_mags) + r")\b)"
        MAG = r"(?:" + MAG1 + r"(?:\s+(?:" + alternation(long_mags) + r")\b)?)"   # "1.5 lakh crore"
        sym_codes = [s for s in lex.currency_symbols if s.isalpha() and s.isupper()]
        syms = [s for s in lex.currency_symbols if s not in sym_codes]
        PRE = r"(?:(?-i:" + alternation(sym_codes) + r")\s?|" + alternation(syms) + r"\s?)"
        names: dict[str, str] = {}
        for n, code in lex.currency_names.items():
            for f in _plural(n):
                names[f] = code
        self.name_code = names
        CUR = r"(?:" + alternation(names) + r"|(?-i:" + alternation(sym_codes) + r"))"
        self.rx_money_pre = re.compile(
            r"(?<![\w$€£¥])(?:(?P<mod>" + APPROX + r")\s+)?(?P<cur>" + PRE + r")(?P<num>" + self.NUMD + r")(?:(?P<range>\s*(?:-|–|to|or)\s*(?:" + PRE + r")?)" + self.NUMD + r")?(?P<mag>" + MAG
            + r")?(?:\s+(?P<cur2>" + CUR + r"))?(?![\w])", re.I)
        self.rx_money_post = re.compile(
            r"(?<![\w$€£¥.,])(?:(?P<mod>" + APPROX + r")\s+)?(?P<num>" + NUM + r")(?:(?P<range>\s*(?:-|–|to|or)\s*)" + self.NUMD + r")?(?P<mag>" + MAG + r")?\s*(?:(?:of\s+)?)"
            r"(?P<cur2>" + CUR + r")(?![\w])", re.I)
        self.rx_money_vague = re.compile(r"(?<![\w])(?P<num>" + alternation(["hundreds of", "thousands of", "millions of", "billions of", "tens of millions of", "hundreds of millions of", "tens of billions of", "hundreds of billions of"]) + r")\s+(?P<cur2>" + CUR + r")(?![\w])", re.I)
        self.rx_percent = re.compile(
            r"(?<![\w.,])(?:(?P<mod>" + APPROX + r")\s+)?(?P<num>" + NUM + r")(?:(?P<range>\s*(?:-|–|to|or)\s*)" + self.NUMD + r")?\s?(?P<pct>%|percent\b|per\s+cent\b|"
            r"percentage\s+points?\b|pct\b)", re.I)
        self.approx_rx = re.compile(r"(?:^|\s)(?P<mod>" + APPROX + r")\s+$", re.I)
        # gates: what every match of a pattern contains (same flags); a text without it skips the
        # pattern (a gate scan is far cheaper than the pattern with its optional prefixes; gates
        # never change what is found). The currency patterns have none: a scan for their currency
        # alternations costs about what the patterns cost.
        self._gates = {
            id(self.rx_money_vague): re.compile(r"(?:hundreds|thousands|millions|billions)\s+of\s", re.I),
            id(self.rx_percent): re.compile(r"%|percent|per\s+cent|pct", re.I),
        }

    # -- numbers -------------------------------------------------------------------------
    def parse_number(self, s: str) -> Optional[float]:
        s = " ".join(s.lower().split())
        if re.fullmatch(self.NUMD, s):
            return float(s.replace(",", ""))
        if s in ("a", "an"):
            return 1.0
        if s.startswith("half a"):
            return 0.5
        return spelled_number(s, self.numbers, a_is_one=True)

    def magnitude(self, mag: Optional[str]) -> float:
        if not mag:
            return 1.0
        v = 1.0
        for w in re.split(r"[\s-]+", mag.strip(" -").lower()):
            if w:
                v *= self.lex.magnitudes.get(w, 1.0)
        return v

    def currency(self, pre: Optional[str], post: Optional[str], country_hint: Optional[str]) -> Optional[str]:
        code = None
        if post:
            p = " ".join(post.split())
            code = self.name_code.get(p.lower()) or self.lex.currency_symbols.get(p)
        if (code is None or code == "USD" and pre and pre.strip() not in ("$",)) and pre:
            code = self.lex.currency_symbols.get(pre.strip()) or self.lex.currency_symbols.get(pre.strip().upper()) or code
        if code in self.lex.ambiguous:
            amb = self.lex.ambiguous[code]
            code = (amb.get("by_cue") or {}).get(country_hint or "", None) and country_hint or amb.get("default")
        return code

    def country_hint(self, text: str) -> dict[str, Optional[str]]:
        """For each ambiguous currency, the code whose cue words the text names most."""
        out = {}
        low = text.lower()
        for amb, spec in self.lex.ambiguous.items():
            best, best_n = None, 0
            for code, cues in (spec.get("by_cue") or {}).items():
                # (a cue absent from the text is not searched for: most texts name none)
                n = sum(len(re.findall(r"\b" + re.escape(c) + r"\b", low)) for c in cues if c in low)
                if n > best_n:
                    best, best_n = code, n
            out[amb] = best
        return out

    # -- recognition ---------------------------------------------------------------------
    def find(self, text: str) -> list[_Q]:
        hints = None
        cands: list[_Q] = []
        gates = self._gates
        for rx in (self.rx_money_pre, self.rx_money_post, self.rx_money_vague):
            gate = gates.get(id(rx))
            if gate is not None and gate.search(text) is None:
                continue
            for m in rx.finditer(text):
                gd = m.groupdict()
                num_s = gd.get("num") or ""
                vague = num_s.lower().endswith(" of")
                if vague:
                    base = {"hundreds": 200, "thousands": 2000, "millions": 2e6, "billions": 2e9}
                    words = num_s.lower().split()
                    v = 1.0
                    for w in words:
                        if w == "tens":
                            v *= 20
                        elif w in base:
                            v = (v if v > 1 else 1) * base[w] / (2 if v > 1 else 1)
                    value, approx = v, True
                else:
                    n = self.parse_number(num_s)
                    if n is None:
                        continue
                    value = n * self.magnitude(gd.get("mag"))
                    approx = bool(gd.get("mod")) or bool(gd.get("range"))   # a range: its lower bound
                pre, post = gd.get("cur"), gd.get("cur2")
                if rx is self.rx_money_post and not gd.get("mag") and re.fullmatch(r"an?", num_s.strip(), re.I):
                    continue   # "a dollar" alone is not an amount worth reporting
                post_l = " ".join((post or "").lower().split())
                if post_l in ("pound", "pounds") and not pre and re.match(r"\s+of\s+(?!(?:public|taxpayers|aid|funding|investment|debt|damage)\b)", text[m.end():m.end() + 20], re.I):
                    continue   # "859 million pounds of cranberries": a weight
                if post_l in ("real", "won", "rand", "dong", "pound", "pounds", "franc", "francs") and not gd.get("mag") and not pre:
                    # common words: "won 3 seats", "lost 20 pounds" (a weight), "the 3 real reasons"
                    if not re.match(r"\d", num_s) or post_l in ("won", "real", "pound", "pounds"):
                        continue
                if hints is None:
                    hints = self.country_hint(text)
                code = self.currency(pre, post, None)
                raw = self.lex.currency_symbols.get((pre or "").strip()) or self.name_code.get(" ".join((post or "").lower().split()))
                if raw in self.lex.ambiguous:
                    amb = self.lex.ambiguous[raw]
                    code = hints.get(raw) or amb.get("default")
                cands.append(_Q(m.start(), m.end(), value, code, "money", approx))
        for m in (self.rx_percent.finditer(text) if gates[id(self.rx_percent)].search(text) else ()):
            n = self.parse_number(m["num"])
            if n is None:
                continue
            unit = "percentage points" if m["pct"].lower().startswith("percentage") else "percent"
            cands.append(_Q(m.start(), m.end(), n, unit, "percent", bool(m["mod"]) or bool(m["range"])))
        cands.sort(key=lambda q: (-(q.end - q.start), q.start))
        out: list[_Q] = []
        used = bytearray(len(text) + 1)
        for q in cands:
            if any(used[q.start:q.end]):
                continue
            used[q.start:q.end] = b"\x01" * (q.end - q.start)
            out.append(q)
        out.sort(key=lambda q: q.start)
        return out


def get_finder(user_files: tuple[str, ...] = ()) -> AmountFinder:
    """The finder of the shipped lexicon extended by ``user_files`` (one object per tuple of
    paths, kept by the process's :class:`~tidings.pipeline.resources.Resources`: ``get_finder()``
    and ``get_finder(())`` are the same finder)."""
    from ..pipeline.resources import default_resources

    return default_resources().amount_finder(tuple(user_files))


def quantity_spans(text: str, ctx: Optional[Any] = None) -> list[tuple[int, int]]:
    """Character spans of money and percentages in ``text`` (what the times tagger must not claim).

    With ``ctx`` (a pipeline :class:`~tidings.pipeline.Context`), the finder's result is kept there
    so that the amounts stage does not find the same amounts a second time (see :func:`find_shared`)."""
    finder = get_finder()
    found = find_shared(finder, text, ctx) if ctx is not None else finder.find(text)
    return [(q.start, q.end) for q in found]


def find_shared(finder: AmountFinder, text: str, ctx: Optional[Any]) -> list[_Q]:
    """``finder.find(text)``, computed once per document: the result is kept in the context's
    private ``_amount_finder_result`` under the finder and text it came from (the times stage and
    the amounts stage both need it)."""
    if ctx is None:
        return finder.find(text)
    hit = ctx._amount_finder_result
    if hit is not None and hit[0] is finder and hit[1] is text:
        return hit[2]
    found = finder.find(text)
    ctx._amount_finder_result = (finder, text, found)
    return found


# ---------------------------------------------------------------------------- the parse side
_PASSTHROUGH = {"total", "totals", "worth", "value", "sum", "amount", "figure", "tune", "cost", "price", "level",
                "record", "high", "low", "estimate", "rate", "increase", "rise", "drop", "fall", "decline", "jump",
                "gain", "loss", "growth"}
_REPORTING = {"say", "tell", "estimate", "report", "claim", "show", "state", "announce", "add", "believe", "think",
              "according", "note", "put", "calculate", "expect", "predict"}
#: verbs whose subject is what an amount in their object measures ("trade reached $22bn", "inflation rose 5%")
_MEASURE_VERBS = {"reach", "total", "hit", "exceed", "top", "amount", "near", "surpass", "approach", "cross", "touch",
                  "equal", "be", "stand", "rise", "fall", "grow", "increase", "decrease", "drop", "jump", "climb",
                  "decline", "gain", "lose", "shrink", "expand", "slip", "surge", "plunge", "soar", "tumble", "edge",
                  "dip", "slide", "sink", "rebound", "double", "triple", "remain", "stay", "account", "represent",
                  "cost", "come", "run", "average", "grew", "range", "slump", "contract", "fell", "rose"}
_CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "ccomp", "parataxis", "cc"}


def _phrase(doc, noun, exclude: range) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``noun`` (relative clauses, appositions and
    the amount itself left out; kept contiguous around the noun)."""
    skip: set[int] = set(exclude)
    for c in noun.children:
        if c.dep_ in _CUT_DEPS:
            skip.update(t.i for t in c.subtree)
    keep = sorted(t.i for t in noun.subtree if t.i not in skip)
    lo = hi = noun.i
    ks = set(keep)
    while lo - 1 in ks:
        lo -= 1
    while hi + 1 in ks:
        hi += 1
    # trim dangling function words at the edges
    while hi > noun.i and doc[hi].pos_ in ("ADP", "CCONJ", "DET", "PUNCT", "PART"):
        hi -= 1
    while lo < noun.i and doc[lo].pos_ in ("ADP", "CCONJ", "PUNCT"):
        lo += 1
    if hi - lo > 12:
        hi = min(hi, noun.i + 6)
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _about(doc, span) -> Optional[tuple[int, int]]:
    """What an amount measures: the noun phrase it belongs to, read off the parse."""
    inside = range(span.start, span.end)
    root = span.root
    # 1. "$1.78 billion in aid", "5% of the vote", "$2m for schools"
    for tok in span:
        for c in tok.children:
            if c.dep_ == "prep" and c.i >= span.end and c.lower_ in ("in", "of", "for", "on", "worth"):
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
                    return _phrase(doc, pobj[0], inside)
    tok = root
    for _ in range(8):
        h = tok.head
        if h is tok:
            break
        if h.i in inside:
            tok = h
            continue
        if h.pos_ in ("NOUN", "PROPN") and h.lower_ not in _PASSTHROUGH and h.lemma_.lower() not in _PASSTHROUGH:
            return _phrase(doc, h, inside)
        if h.dep_ == "relcl" and h.head.pos_ in ("NOUN", "PROPN"):
            return _phrase(doc, h.head, inside)
        if h.pos_ == "ADP":
            hh = h.head
            if h.lower_ in ("of", "at") and hh.pos_ in ("NOUN", "PROPN") and hh.lemma_.lower() not in _PASSTHROUGH:
                return _phrase(doc, hh, inside)
            if h.lower_ in ("for", "at") and hh.pos_ == "VERB":
                # "bought the port for $2bn", "put its losses at $3bn": the verb's object is what is valued
                obj = [c for c in hh.children if c.dep_ == "dobj" and c.i not in inside]
                if obj:
                    return _phrase(doc, obj[0], inside) if obj[0].pos_ in ("NOUN", "PROPN") else None
            tok = h
            continue
        if h.pos_ in ("VERB", "AUX"):
            # "spend Rs 5bn on roads", "$2m for schools": the purpose right after the amount
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "for", "in") and c.i == span.end:
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    if pobj and pobj[0].pos_ == "NOUN":
                        return _phrase(doc, pobj[0], inside)
            if tok.dep_ in ("nsubj", "nsubjpass"):
                # "$2 billion was pledged for reconstruction"
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ in ("for", "on", "in") and c.i > tok.i:
                        pobj = [g for g in c.children if g.dep_ == "pobj"]
                        if pobj and pobj[0].pos_ == "NOUN":
                            return _phrase(doc, pobj[0], inside)
                return None
            if tok.dep_ in ("dobj", "iobj") and h.lemma_.lower() not in _MEASURE_VERBS | _REPORTING:
                return None   # "Japan pledged 5 trillion yen": the subject gives, it is not what is measured
            if h.lemma_.lower() in _REPORTING:
                tok = h
                continue
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
            if subj:
                s = subj[0]
                if s.tag_ in ("WDT", "WP") and h.dep_ == "relcl":
                    return _phrase(doc, h.head, inside)
                if s.tag_ not in ("PRP", "WDT", "WP", "EX"):
                    return _phrase(doc, s, inside)
                return None
            tok = h
            continue
        tok = h
    return None


def _span_tokens(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


class AmountsStage:
    name = "amounts"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"record.times"})
    provides: frozenset[str] = frozenset({"record.amounts", "amounts"})

    def __init__(self, config=None, resources=None) -> None:
        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        self.config = config
        settings = getattr(config, "amounts", None)
        self.user_files = tuple(settings.lexicon_files) if settings is not None else ()
        self.finder = resources.amount_finder(self.user_files)
        self.lex = self.finder.lex
        self.approx_rx = self.finder.approx_rx

    # -- counts on the parse ---------------------------------------------------------------
    def _number_runs(self, doc):
        """Maximal runs of number tokens: (start, end) token indices."""
        runs = []
        i = 0
        n = len(doc)
        while i < n:
            t = doc[i]
            low = t.lower_
            if (t.like_num and not re.fullmatch(r"\d{1,2}:\d\d", t.text)) or low in self.lex.vague_counts:
                j = i + 1
                while j < n and (doc[j].like_num or doc[j].lower_ in ("hundred", "thousand", "million", "billion", "lakh", "lakhs", "crore", "crores")
                                 or (doc[j].text == "-" and j + 1 < n and doc[j + 1].like_num)):
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        return runs

    def _count_value(self, num_text: str) -> Optional[float]:
        """"2,000", "seven", "2.5 million", "5 lakh", "twenty-five" → the number."""
        words = num_text.replace(" - ", "-").split()
        mult = 1.0
        while words and words[-1].lower() in self.lex.magnitudes and len(words[-1]) > 3:
            mult *= self.lex.magnitudes[words[-1].lower()]
            words.pop()
        if not words:
            return None
        v = self.finder.parse_number(" ".join(words))
        return None if v is None else v * mult

    def _noun_key(self, noun) -> Optional[tuple[str, str]]:
        """(kind, phrase) for a counted noun: person nouns (with their compounds), measures."""
        words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun.lower_]
        for k in range(len(words)):
            phrase = " ".join(words[k:])
            if phrase in self.lex.person_nouns:
                return self.lex.person_nouns[phrase], phrase
        if noun.lower_ in self.lex.measure_nouns:
            return "other", noun.lower_
        return None

    def _casualty(self, g) -> Optional[str]:
        """dead / injured / arrested from the words governing or modifying token ``g``."""
        def sense1(tok) -> Optional[str]:
            lem = tok.lemma_.lower()
            low = tok.lower_
            if lem in self.lex.dead_words or low in self.lex.dead_words:
                return "dead"
            if lem in self.lex.injured_words or low in self.lex.injured_words:
                return "injured"
            if lem in self.lex.arrested_words or low in self.lex.arrested_words:
                return "arrested"
            return None

        def sense(tok) -> Optional[str]:
            s1 = sense1(tok)
            if s1 is None:
                return None
            # "killed or wounded": casualties of either kind, not a death toll
            linked = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
            has_or = any(c.dep_ == "cc" and c.lower_ in ("or", "and/or") for c in list(tok.children) + list(tok.head.children))
            if has_or and any(sense1(x) not in (None, s1) for x in linked):
                return "casualties"
            return s1
        # modifiers of the noun: "7 people killed", "12 wounded civilians", "3 dead"
        for c in g.children:
            if c.dep_ in ("acl", "amod", "relcl") and c.pos_ in ("VERB", "ADJ"):
                s = sense(c)
                if s:
                    if c.dep_ == "relcl" and not any(x.dep_ in ("auxpass", "nsubjpass") for x in c.children) and c.tag_ != "VBN":
                        continue
                    return s
        h = g.head
        if h is g:
            return None
        dep = g.dep_
        if h.pos_ in ("VERB", "AUX", "ADJ"):
            s = sense(h)
            if s:
                if dep in ("nsubjpass", "dobj", "attr", "oprd") or (dep == "nsubj" and (h.tag_ == "VBN" or h.lemma_ in ("die", "perish", "drown"))):
                    return s
                if dep == "nsubj" and h.pos_ == "ADJ":
                    return s
        if h.pos_ in ("VERB", "AUX") and dep in ("dobj", "nsubj", "nsubjpass"):
            for c in h.children:
                # "left 5 protesters dead", "were taken into custody", "were among the dead"
                if c.dep_ in ("oprd", "acomp", "xcomp") and c.i != g.i:
                    sc = sense(c)
                    if sc:
                        return sc
                if c.dep_ == "prep" and c.lower_ in ("into", "among", "in"):
                    for pobj in c.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in ("custody", "dead", "detention", "jail", "prison"):
                            return "dead" if pobj.lemma_.lower() == "dead" else "arrested"
                # "17 people lost their lives"
                if h.lemma_.lower() == "lose" and c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live"):
                    return "dead"
        if dep == "pobj" and h.pos_ == "ADP":
            v = h.head
            if v.pos_ in ("VERB", "AUX"):
                subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj and subj[0].lemma_.lower() == "toll":
                    comp = " ".join(c.lower_ for c in subj[0].children if c.dep_ in ("compound", "amod"))
                    if "injur" in comp or "wound" in comp:
                        return "injured"
                    return "dead"
            if v.lemma_.lower() == "toll" and h.lower_ == "of":
                return "dead"
            if h.lower_ == "of" and v.lemma_.lower() in ("total", "number", "group") and v is not g:
                return self._casualty(v)   # "a total of 17 people lost their lives"
            if h.lower_ == "of":
                lem = v.lemma_.lower()
                if lem in ("body", "corpse", "remains", "death", "killing", "murder", "massacre"):
                    return "dead"
                if lem in ("arrest", "detention"):
                    return "arrested"
                if lem in ("injury", "wounding"):
                    return "injured"
            if h.lower_ == "in" and v.pos_ in ("VERB",):
                return None
        if dep == "conj" and h.pos_ in ("NUM", "NOUN"):
            return self._casualty(h)
        return None

    def _counts(self, doc, text: str, taken: list[tuple[int, int]]) -> list[Amount]:
        out: list[Amount] = []
        used = bytearray(len(text) + 1)
        for s, e in taken:
            used[s:e] = b"\x01" * (e - s)
        for i, j in self._number_runs(doc):
            s_char = doc[i].idx
            e_char = doc[j - 1].idx + len(doc[j - 1])
            if any(used[s_char:e_char]):
                continue
            first = doc[i]
            num_text = doc[i:j].text
            prev = doc[i - 1] if i > 0 else None
            nxt0 = doc[j] if j < len(doc) else None
            if nxt0 is not None and nxt0.lower_ == "in" and j + 1 < len(doc) and doc[j + 1].like_num:
                continue   # "one in four voters": a ratio
            if prev is not None and prev.lower_ == "in" and i > 1 and doc[i - 2].like_num:
                continue
            if prev is not None and (prev.text in (",", "-", "–", "/") and i > 1 and doc[i - 2].like_num):
                continue   # "3, 4 percent", "20-25": part of a list or range already read
            vague = first.lower_ in self.lex.vague_counts
            if vague:
                value = self.lex.vague_counts[first.lower_]
                before2 = text[max(0, s_char - 16):s_char].lower()
                m_tens = re.search(r"\b(tens|hundreds)\s+of\s+$", before2)
                if m_tens and first.lower_ in ("thousands", "millions"):
                    value *= 10 if m_tens.group(1) == "tens" else 100
                    s_char -= len(before2) - m_tens.start()
                nxt = doc[j] if j < len(doc) else None
                # "hundreds were arrested": without "of" only a casualty or arrest context makes it a count
            else:
                value = self._count_value(num_text)
                if value is None:
                    # spaCy like_num also takes "1/2", "10.5m", etc.
                    continue
                if not float(value).is_integer():
                    continue
            last = doc[j - 1]
            noun = None
            if vague:
                nxt = doc[j] if j < len(doc) else None
                if nxt is not None and nxt.lower_ == "of":
                    pobj = [c for c in nxt.children if c.dep_ == "pobj"]
                    noun = pobj[0] if pobj else (doc[j + 1] if j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN" else None)
                    if noun is None:
                        # "dozens of" is sometimes parsed with the noun as head of "dozens"
                        noun = first.head if first.head.pos_ == "NOUN" else None
                elif last.head.pos_ == "NOUN" and last.head.i > last.i:
                    noun = last.head
            elif last.dep_ in ("nummod", "quantmod", "compound", "amod") and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                noun = last.head
            else:
                of = [c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"]
                if of:
                    pobj = [c for c in of[0].children if c.dep_ == "pobj"]
                    noun = pobj[0] if pobj else None
            key = self._noun_key(noun) if noun is not None else None
            if noun is not None and key is None and noun.ent_type_ not in ("NORP", "PERSON") \
                    and noun.lemma_.lower() not in ("other", "more") and noun.pos_ == "NOUN":
                # "captured four medals": a casualty verb over a noun that is no person
                noun_is_thing = True
            else:
                noun_is_thing = False
            anchor = noun if noun is not None else last
            cas = self._casualty(anchor)
            if cas is None and anchor is not last:
                cas = self._casualty(last)   # "dozens of protesters were detained": the number heads the phrase
            if noun_is_thing and cas == "arrested":
                cas = None   # "captured four medals", "seized 3 tanks"
            if key is None and cas is None:
                continue
            if key is not None and key[0] == "other" and cas is None:
                kind, unit = "other", key[1]
            elif cas is not None:
                if key is not None and key[0] == "other":
                    continue
                kind, unit = (cas if cas != "casualties" else "people"), "people"
            else:
                kind, unit = key[0], "people"   # the noun itself may say it: "3 dead", "12 wounded"
            start = s_char
            before = text[max(0, start - 30):start]
            am = self.approx_rx.search(before)
            approx = vague
            if am:
                start = start - len(before) + am.start("mod")
                approx = True
            end = e_char
            about = None
            if noun is not None:
                if noun.i >= j and noun.i - j <= 3:
                    end = noun.idx + len(noun)
                about = span_of(text, noun.idx, noun.idx + len(noun)).text
                comp = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i >= j]
                if comp:
                    about = text[min(c.idx for c in comp):noun.idx + len(noun)]
                if kind == "other":
                    # "400 tonnes of wheat": what is measured
                    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
                    pobj = [g for g in of[0].children if g.dep_ == "pobj"] if of else []
                    if pobj:
                        about = span_of(text, *_phrase(doc, pobj[0], range(i, j))).text
            if value != value or value <= 0:
                continue
            if value == 1 and kind in ("people", "troops", "other") and not re.match(r"\d", num_text):
                continue   # "one person", "one of the members": not a count worth reporting
            if value >= 1e9 and kind != "other":
                continue
            sp = span_of(text, start, end)
            out.append(Amount(**sp.model_dump(), value=float(value), unit=unit, about=about, approx=approx, kind=kind))
        return out

    def __call__(self, ctx) -> None:
        text = ctx.text
        doc = ctx.doc
        found = find_shared(self.finder, text, ctx)
        amounts: list[Amount] = []
        has_parse = doc is not None and doc.has_annotation("DEP")
        blocked = [(t.start, t.end) for t in (ctx.record.times or [])] + [(q.start, q.end) for q in found]
        for q in found:
            sp = span_of(text, q.start, q.end)
            about = None
            if has_parse:
                tokspan = _span_tokens(doc, q.start, q.end)
                if tokspan is not None and len(tokspan):
                    ab = _about(doc, tokspan)
                    if ab and not any(ab[0] < e and s < ab[1] for s, e in blocked):
                        about = span_of(text, *ab).text or None
            amounts.append(Amount(**sp.model_dump(), value=float(q.value), unit=q.unit, about=about,
                                  approx=q.approx, kind=q.kind))
        if has_parse:
            taken = [(a.start, a.end) for a in amounts]
            taken += [(t.start, t.end) for t in (ctx.record.times or [])]
            amounts += self._counts(doc, text, taken)
        amounts.sort(key=lambda a: a.start)
        ctx.record.amounts = amounts
        ctx.amounts = amounts
