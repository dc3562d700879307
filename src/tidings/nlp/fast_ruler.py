"""A drop-in for spaCy's ``attribute_ruler`` that does the same work with array operations.

The stock :class:`spacy.pipeline.AttributeRuler` runs a :class:`~spacy.matcher.Matcher` over
every token for each of its patterns (179 in the English pipelines, most of them a tag-map
entry ``[{"TAG": "NN"}] → POS/MORPH``) and then sets the attributes one match at a time: about
12 % of the small English pipeline's time.

:class:`FastAttributeRuler` is built *from a loaded ruler's own patterns* (nothing is
hard-coded, any model's ruler works) and gives identical annotations:

* a pattern entry whose alternatives are all one token long, with plain predicates (a value, or
  ``IN`` / ``NOT_IN`` / ``REGEX``) on token attributes that :meth:`Doc.to_array` can read, is
  *vectorised*: each token is reduced to a key (per attribute: the value itself when some
  predicate names it, else "other", plus the outcomes of the regexes on that attribute); the
  attributes a key gets are worked out once per key and kept, and applied with
  ``to_array``/``from_array``;
* every other entry (several tokens, operators, other predicates) goes to a small
  :class:`~spacy.matcher.Matcher` of its own, as in the stock ruler.

Precedence is the stock ruler's: every match is found on the annotations as they were before
the component ran, and for each token and attribute the entry added last wins (the stock ruler
sorts its matches by entry number and sets them in that order).

When a ruler sets anything but POS, TAG, MORPH, LEMMA or DEP (extension attributes, lexeme
attributes such as NORM), :func:`install` leaves the stock component in place.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Pipe
from spacy.strings import get_string_id

FAST_RULER = "tidings_attribute_ruler"

#: attributes a vectorised entry may set (written back with Doc.from_array)
SETTABLE = (POS, TAG, MORPH, LEMMA, DEP)
#: string-valued token attributes a vectorised predicate may test (read with Doc.to_array, the
#: values the Matcher compares: Token.get_struct_attr)
_STRING_ATTRS = {IDS[a] for a in ("ORTH", "LOWER", "TAG", "DEP", "POS", "LEMMA", "ENT_TYPE", "SHAPE",
                                  "PREFIX", "SUFFIX")}
#: boolean lexeme flags a vectorised predicate may test
_FLAG_ATTRS = {IDS[a] for a in ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE",
                                "IS_TITLE", "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP",
                                "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY")}


def _attr_id(name: Any) -> Optional[int]:
    if isinstance(name, int):
        return name
    if not isinstance(name, str):
        return None
    name = name.upper()
    if name == "TEXT":
        name = "ORTH"
    return IDS.get(name)


def _compile_token(spec: dict) -> Optional[list[tuple[int, str, Any]]]:
    """``[(attr, kind, arg)]`` for a one-token pattern dict, or None when it cannot be vectorised."""
    out: list[tuple[int, str, Any]] = []
    for key, value in spec.items():
        attr = _attr_id(key)
        if attr is None or (attr not in _STRING_ATTRS and attr not in _FLAG_ATTRS):
            return None  # OP, "_", MORPH, LENGTH, SENT_START, ...: the Matcher handles them
        flag = attr in _FLAG_ATTRS
        if isinstance(value, bool) or (isinstance(value, int) and not isinstance(value, bool)):
            out.append((attr, "EQ", int(value)))
        elif isinstance(value, str):
            if flag:
                return None
            out.append((attr, "EQ", get_string_id(value)))
        elif isinstance(value, dict):
            if not value or any(k not in ("IN", "NOT_IN", "REGEX") for k in value):
                return None
            for k, v in value.items():
                if k == "REGEX":
                    if flag or not isinstance(v, str):
                        return None
                    out.append((attr, "REGEX", re.compile(v)))
                else:
                    if not isinstance(v, (list, tuple, set, frozenset)):
                        return None
                    if any(not isinstance(x, (str, int)) or isinstance(x, bool) for x in v):
                        return None
                    if flag and any(isinstance(x, str) for x in v):
                        return None
                    out.append((attr, k, frozenset(get_string_id(x) for x in v)))
        else:
            return None
    return out


def _test(preds, named, codes, sigs) -> bool:
    """Whether a token whose columns have these codes satisfies every predicate of one token spec."""
    for col, kind, arg in preds:
        c = codes[col]
        if kind == "IN":
            if c == 0 or named[col][c - 1] not in arg:
                return False
        elif kind == "NOT_IN":
            if c != 0 and named[col][c - 1] in arg:
                return False
        elif not (sigs[col] >> arg) & 1:      # REGEX: bit ``arg`` of the column's signature
            return False
    return True


class _Table:
    """Key → row lookup kept as a sorted array, so that a whole document is looked up at once."""

    def __init__(self, width: int, dtype) -> None:
        self.keys = np.zeros(0, dtype=np.int64)
        self.rows = np.zeros((0, width), dtype=dtype)
        self._new_keys: list[int] = []
        self._new_rows: list = []

    def find(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position of each code in ``keys``, whether it is there)."""
        if not self.keys.size:
            return np.zeros(len(codes), dtype=np.int64), np.zeros(len(codes), dtype=bool)
        pos = np.minimum(np.searchsorted(self.keys, codes), self.keys.size - 1)
        return pos, self.keys[pos] == codes

    def add(self, keys: list[int], rows: list) -> None:
        allk = np.concatenate([self.keys, np.array(keys, dtype=np.int64)])
        allr = np.concatenate([self.rows, np.array(rows, dtype=self.rows.dtype).reshape(len(keys), -1)])
        order = np.argsort(allk, kind="stable")
        self.keys, self.rows = allk[order], allr[order]


class FastAttributeRuler(Pipe):
    """Vectorised equivalent of a loaded :class:`~spacy.pipeline.AttributeRuler` (see module doc)."""

    def __init__(self, vocab, name: str = FAST_RULER) -> None:
        self.vocab = vocab
        self.name = name
        self.ready = False

    # -- building --------------------------------------------------------------------------------
    def from_ruler(self, ruler) -> "FastAttributeRuler":
        """Compile the patterns of a stock ruler. Raises ValueError when it sets attributes this
        component cannot write, or its keys would not fit (:func:`install` then keeps the stock one)."""
        patterns = ruler.patterns
        attrs_list = list(ruler.attrs)       # normalised: {attr id: int value}, MORPH already added
        indices = list(ruler.indices)
        for a in attrs_list:
            if any(k not in SETTABLE for k in a):
                raise ValueError(f"attribute ruler sets {sorted(a)}: not vectorisable")
        self.set_attrs = [a for a in SETTABLE if any(a in x for x in attrs_list)]
        slot = {a: k for k, a in enumerate(self.set_attrs)}
        self.entry_attrs = [{slot[a]: int(v) for a, v in x.items()} for x in attrs_list]
        self.entry_index = indices
        # sort the entries: one-token (every alternative one token, the token itself targeted),
        # fixed-length (several tokens, no operators), and the rest (a Matcher)
        single: list[tuple[int, list]] = []
        multi: list[tuple[int, list]] = []
        fallback: list[int] = []
        for i, p in enumerate(patterns):
            comp = []
            for alt in p["patterns"]:
                cs = [_compile_token(t) if isinstance(t, dict) else None for t in alt] if alt else [None]
                if any(c is None for c in cs):
                    comp = None
                    break
                comp.append(cs)
            if not comp:
                fallback.append(i)
            elif all(len(c) == 1 for c in comp) and indices[i] in (0, -1):
                single.append((i, [c[0] for c in comp]))
            else:
                multi.append((i, comp))
        specs = [s for _, alts in single for s in alts] + [t for _, alts in multi for c in alts for t in c]
        cols = sorted({a for spec in specs for a, _, _ in spec})
        col_of = {a: j for j, a in enumerate(cols)}
        named: list[set] = [set() for _ in cols]
        regexes: list[list[str]] = [[] for _ in cols]
        for spec in specs:
            for a, kind, arg in spec:
                j = col_of[a]
                if kind == "EQ":
                    named[j].add(arg)
                elif kind in ("IN", "NOT_IN"):
                    named[j].update(arg)
                elif arg.pattern not in regexes[j]:
                    regexes[j].append(arg.pattern)

        def preds(spec):
            out = []
            for a, kind, arg in spec:
                j = col_of[a]
                if kind == "EQ":
                    out.append((j, "IN", frozenset([arg])))
                elif kind == "REGEX":
                    out.append((j, "REGEX", regexes[j].index(arg.pattern)))
                else:
                    out.append((j, kind, arg))
            return out

        self.match_attrs = cols
        self._named_arr = [np.array(sorted(s), dtype=np.uint64) for s in named]
        self._named = [sorted(s) for s in named]
        self._regex = [[re.compile(r) for r in rs] for rs in regexes]
        self._regex_tables = [_Table(1, np.int64) for _ in cols]
        # mixed-radix key: per column its code (0: a value no predicate names, k: the k-th named
        # value), then per column with regexes the bits of which regexes match the value's string
        radix = [len(s) + 1 for s in named] + [1 << len(rs) for rs in regexes]
        mult, m = [], 1
        for r in radix:
            mult.append(m)
            m *= r
        if m >= 1 << 62:
            raise ValueError("attribute ruler patterns make too many distinct keys")
        self._radix, self._mult = radix, mult
        self._single = [(i, [preds(s) for s in alts]) for i, alts in single]
        atoms: list = []
        self._multi = []
        for i, alts in multi:
            seqs = []
            for c in alts:
                seq = []
                for t in c:
                    atoms.append(preds(t))
                    seq.append(len(atoms) - 1)
                seqs.append(seq)
            self._multi.append((i, seqs))
        self._atoms = atoms
        nset = len(self.set_attrs)
        # per key: value and deciding entry (-1: none) of each settable attribute, then one
        # column per token spec of the fixed-length entries (1: the token satisfies it)
        self._table = _Table(2 * nset + len(atoms), np.int64)
        self._vals_of = np.zeros((0, nset), dtype=np.uint64)
        self.matcher: Optional[Matcher] = None
        self._fallback_key: dict[int, int] = {}
        if fallback:
            self.matcher = Matcher(self.vocab)
            for i in fallback:
                key = self.vocab.strings.add(f"{FAST_RULER}:{i}", allow_transient=False)
                self._fallback_key[key] = i
                self.matcher.add(key, patterns[i]["patterns"])
        self.counts = {"one-token": len(single), "fixed-length": len(multi), "matcher": len(fallback)}
        self.ready = True
        return self

    # -- keys ------------------------------------------------------------------------------------
    def _codes(self, arr: np.ndarray) -> np.ndarray:
        n = arr.shape[0]
        ncol = len(self.match_attrs)
        code = np.zeros(n, dtype=np.int64)
        for j in range(ncol):
            col = arr[:, j]
            named = self._named_arr[j]
            if named.size:
                pos = np.minimum(np.searchsorted(named, col), named.size - 1)
                code += np.where(named[pos] == col, pos + 1, 0) * self._mult[j]
            if self._regex[j]:
                code += self._signatures(j, col) * self._mult[ncol + j]
        return code

    def _signatures(self, j: int, col: np.ndarray) -> np.ndarray:
        """Per token: bit k set when the k-th regex on column j finds a match in the value's string."""
        table = self._regex_tables[j]
        keys = col.view(np.int64)
        pos, hit = table.find(keys)
        if not hit.all():
            new = np.unique(keys[~hit]).tolist()
            strings = self.vocab.strings
            sigs = []
            for h in new:
                u = h % (1 << 64)
                text = strings[u] if u in strings else ""
                sigs.append(sum(1 << k for k, rx in enumerate(self._regex[j]) if rx.search(text)))
            table.add(new, sigs)
            pos, hit = table.find(keys)
        return table.rows[pos, 0]

    def _resolve(self, code: int) -> list[int]:
        ncol = len(self.match_attrs)
        digits = []
        for r in self._radix:
            code, d = divmod(code, r)
            digits.append(d)
        codes, sigs = digits[:ncol], [0] * ncol
        for j in range(ncol):
            if self._regex[j]:
                sigs[j] = digits[ncol + j]
        nset = len(self.set_attrs)
        row = [0] * nset + [-1] * nset
        for i, alts in self._single:
            if any(_test(p, self._named, codes, sigs) for p in alts):
                for s, v in self.entry_attrs[i].items():
                    row[s] = v - (1 << 64) if v >= 1 << 63 else v   # the table is int64
                    row[nset + s] = i
        return row + [int(_test(p, self._named, codes, sigs)) for p in self._atoms]

    # -- running ---------------------------------------------------------------------------------
    def __call__(self, doc):
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def pipe(self, stream: Iterable, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def _apply(self, doc) -> None:
        if not self.ready:
            raise ValueError(f"{self.name}: no patterns compiled (build it with tidings.nlp.fast_ruler.install)")
        n = len(doc)
        nset = len(self.set_attrs)
        if n == 0 or not nset:
            return
        if self.match_attrs:
            code = self._codes(doc.to_array(self.match_attrs).reshape(n, -1))
        else:
            code = np.zeros(n, dtype=np.int64)
        table = self._table
        pos, hit = table.find(code)
        if not hit.all():
            new = np.unique(code[~hit]).tolist()
            table.add(new, [self._resolve(c) for c in new])
            self._vals_of = np.ascontiguousarray(table.rows[:, :nset]).view(np.uint64)
            pos, hit = table.find(code)
        vals = self._vals_of[pos]                      # (n, nset) values to set
        ents = table.rows[pos, nset:2 * nset]          # (n, nset) deciding entry, -1: none
        updates: list[tuple[int, np.ndarray]] = []
        if self._multi:
            bits = table.rows[pos, 2 * nset:].astype(bool)
            for i, seqs in self._multi:
                index = self.entry_index[i]
                for seq in seqs:
                    width = len(seq)
                    if width > n:
                        continue
                    m = bits[:n - width + 1, seq[0]].copy()
                    for k in range(1, width):
                        m &= bits[k:n - width + 1 + k, seq[k]]
                    start = np.nonzero(m)[0]
                    if start.size:
                        if not -width <= index < width:
                            raise ValueError(f"attribute ruler entry {i}: index {index} outside a match "
                                             f"of {width} token(s)")
                        updates.append((i, start + (index if index >= 0 else width + index)))
        if self.matcher is not None:
            for m_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                i = self._fallback_key[m_id]
                index, width = self.entry_index[i], end - start
                if not -width <= index < width:
                    raise ValueError(f"attribute ruler entry {i}: index {index} outside a match of "
                                     f"{width} token(s)")
                updates.append((i, np.array([start + index if index >= 0 else end + index])))
        # later entries win, as in the stock ruler (it sets its matches sorted by entry)
        for i, targets in sorted(updates, key=lambda u: u[0]):
            for s, v in self.entry_attrs[i].items():
                t = targets[ents[targets, s] <= i]
                vals[t, s] = v
                ents[t, s] = i
        setmask = ents >= 0
        if not setmask.any():
            return
        cur = doc.to_array(self.set_attrs).reshape(n, nset)
        doc.from_array(self.set_attrs, np.where(setmask, vals, cur))

    def initialize(self, get_examples=None, *, nlp=None):
        return None

@Language.factory(FAST_RULER)
def make_fast_ruler(nlp: Language, name: str):
    return FastAttributeRuler(nlp.vocab, name)


def install(nlp, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's stock ``attribute_ruler`` by the vectorised one, compiled from its
    patterns. Returns False (and changes nothing) when there is no such component or its
    patterns set attributes the vectorised one cannot write."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, FastAttributeRuler) or not hasattr(ruler, "patterns"):
        return False
    try:
        FastAttributeRuler(nlp.vocab, name).from_ruler(ruler)
    except ValueError:
        return False
    fast = nlp.replace_pipe(name, FAST_RULER)
    fast.from_ruler(ruler)
    return True
