"""The cascade: parse only the sentences that can carry what tidings extracts.

Most sentences of a news story code no event. A cheap first pass over the
*tokenized* text (no model component runs) cuts each article into rough
sentences and gives every sentence one of four tiers:

``full``
    the sentence holds an event trigger (every content word of some trigger
    phrase of the events lexicon, in any inflection), an actor noun of the
    actor KB ("officials", "the police"), an attribution cue of the quotes
    stage ("said", "criticised", "the claim") or a quote mark, and an entity
    cue (below). It gets the whole spaCy pipeline.
``parse``
    as ``full``, but no entity cue: nothing the NER component could find, so
    it is the only component skipped.
``ner``
    no trigger, actor noun or attribution cue, but an entity cue: every
    component except the parser (the times stage reads its expressions off the
    text; only a clause's tense needs the tree).
``skip``
    nothing of the above: no parser, no NER (tags and lemmas only).

An entity cue: a capitalised or all-capitals word inside the sentence (not
"I"); a capitalised first word (of the sentence, or after an opening quote,
bracket, colon or dash) that is no common word (a sentence starter, or a stop
word, cue word or word the doc writes in lower case, unless the doc also
capitalises it inside a sentence: "May", "Trump"); a number, an amount word, a
currency sign or "%"; a time word that names a time (weekdays, months, time
nouns, "ago"; not "this", "last", "now").

A doc whose plan is one ``full`` piece goes through ``nlp.pipe`` as without the
cascade. In a cut doc, every component but the parser and NER runs on the whole
doc; the parser runs on sub-docs of the runs of consecutive sentences that need
the parse (new docs of the same words with the tok2vec slice the parser listens
to), NER on the runs that need entities, and their trees and entities are copied back with
``Doc.from_array``; the sentences the parser did not see keep the first pass's
boundaries. Every stage sees the usual ``ctx.doc``.

Where the words come from (read once, when the pipeline is built):

* trigger phrases: :func:`trigger_phrases` asks ``tidings.events`` for a
  ``trigger_phrases(config)`` function when it has one, else takes the pattern
  texts of the compiled lexicon the events stage itself uses
  (``tidings.events.get_coder(config).lex``: built-in files plus the user's
  ``--lexicon`` files, removals applied). When no lexicon can be found or read,
  every sentence is ``full`` (the cascade then changes nothing: safe, not fast).
* actor nouns: :func:`actor_phrases` asks ``tidings.actors`` for
  ``actor_phrases(config)`` when it has one, else takes the agent nouns of the
  KB the actors stage uses (``tidings.actors.get_kb(config).agents``).
* attribution cues: :func:`quote_cue_words`, the quotes stage's cue lemmas
  (with the user's ``Config.quotes.cue_files``) and cue nouns, plus :data:`QUOTE_CUES`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterable, Optional

import numpy as np

from .text import inflections  # noqa: F401  (the cascade's forms of trigger words; re-exported)

log = logging.getLogger(__name__)

#: tiers are two bits: PARSE (tagger, parser, lemmas) and ENTS (the NER component)
PARSE_BIT, ENTS_BIT = 2, 1
FULL, PARSE, NER, SKIP = 3, 2, 1, 0
TIER_NAMES = {FULL: "full", PARSE: "parse", NER: "ner", SKIP: "skip"}

#: words that never make a trigger phrase specific (dropped before matching)
_FUNCTION = frozenset(
    """a an the of to in on at for by with from into onto over under up down out off about against between
    among through across around after before during upon as per via than and or nor but not no its it their
    his her them him one someone something oneself self be is are was were been being""".split())

#: reporting verbs and attribution cues (the quotes layer and metonymic places need the parse)
QUOTE_CUES = frozenset(
    """say said says saying tell told tells telling according add added adds adding state stated states
    announce announced announces announcing claim claimed claims insist insisted insists warn warned warns
    note noted notes explain explained explains argue argued argues believe believed believes think thought
    thinks ask asked asks reply replied replies respond responded responds declare declared declares
    suggest suggested suggests write wrote writes written report reported reports confirm confirmed confirms
    deny denied denies acknowledge acknowledged acknowledges admit admitted admits stress stressed stresses
    emphasize emphasized emphasised emphasise tweet tweeted tweets quote quoted quoting recall recalled
    predict predicted predicts promise promised promises vow vowed vows pledge pledged allege alleged
    alleges assert asserted complain complained accuse accused accuses urge urged urges call called calls
    describe described describes agree agreed agrees disagree disagreed concede conceded estimate
    estimated expect expected expects hope hoped hopes want wanted wants feel felt feels know knew
    spokesman spokeswoman spokesperson statement interview remarks comment comments commented
    """.split())

QUOTE_CHARS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e\u2018\u201a\u2039\u203a`\'\'')

#: time words: a sentence with one gets NER (no parse unless another cue asks for it). Only words
#: that name a time (weekdays, months, time nouns, "ago", holidays): the modifiers ("last", "this",
#: "early", "recent") make a DATE entity only next to one of these, and the adverbs ("now",
#: "recently", "later") are no entity the stages use (the times stage reads its expressions off the
#: text). Month names that are common lower-case words ("may", "march") count when capitalised,
#: like any name.
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday tues thur thurs
    january february april june july august september october november december jan feb apr jun
    jul aug sep sept oct nov dec today tonight yesterday tomorrow ago
    day days week weeks weekend weekends month months year years decade decades century centuries quarter
    quarters season seasons hour hours minute minutes morning mornings afternoon afternoons
    evening evenings night nights noon midnight dawn dusk spring summer autumn winter
    daily weekly monthly yearly annual annually quarterly biannual hourly nightly
    christmas easter ramadan eid thanksgiving
    """.split())

#: capitalised words that start many sentences and name nothing
_STARTERS = frozenset(
    """the a an this that these those there here it its he she they we i you his her their our my your
    but and or so yet if when while as after before since because although though however meanwhile
    still also then now in on at for from by with without of to under over into during despite
    some many most more much other such all both each every no none one two several few another
    what which who whom whose where why how not nor only even just instead thus therefore moreover
    furthermore besides indeed perhaps maybe according asked speaking""".split())

#: lower-case words the NER component tags (CARDINAL, ORDINAL, QUANTITY...): amounts need them
NER_WORDS = frozenset(
    """dozen dozens score scores hundred hundreds thousand thousands million millions billion billions
    trillion trillions first second third fourth fifth sixth seventh eighth ninth tenth half quarter
    percent per cent $ % € £ ¥ us$""".split())

#: rough share of the spaCy time a sentence of each tier saves (NER ≈ 48 %, parser ≈ 15 % of sm;
#: tok2vec, tagger, rules and lemmas run on every sentence)
SAVED_SHARE = np.array([0.63, 0.15, 0.48, 0.0])   # indexed by tier: SKIP, NER, PARSE, FULL
#: a doc is cut into tiers only when that saves at least this share of its spaCy time
MIN_SAVING = 0.03

#: a capitalised word after one of these (or a quote mark) may be a capitalised common word
_OPENERS = frozenset([":", "(", "[", "\u2014", "\u2013", "-", "--", ";"])
#: roles of a word in the plan (bits of the flag table)
F_CUE, F_NER, F_STARTER, F_COMMON, F_GROUP, F_END, F_CLOSER, F_OPENER = 1, 2, 4, 8, 16, 32, 64, 128
_SENT_END = frozenset(".!?")
_CLOSERS = frozenset(['"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"])


# ---- where the words come from ---------------------------------------------------------------------
def _yaml(path_or_text) -> Any:
    import yaml

    return yaml.safe_load(path_or_text)


def _phrases_from_lexicon(data: Any) -> list[str]:
    """Phrases of a lexicon mapping ``{verbs|nouns|...: {code: [phrase, ...]}}`` (or a plain list)."""
    out: list[str] = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k in ("comment", "description", "note", "notes", "mode", "modes", "context"):
                    continue
                if k in ("pattern", "phrase", "text", "lemma", "words", "trigger"):
                    walk(v)
                elif isinstance(v, (list, dict)):
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    return out


def trigger_phrases(config=None) -> Optional[list[str]]:
    """Trigger phrases of the events lexicon (built-in + the user's ``--lexicon`` files); None when
    unknown. Uses ``tidings.events.trigger_phrases(config)`` when the events package has one, else
    the patterns of its compiled lexicon (``get_coder(config).lex``), else its data files."""
    try:
        import tidings.events as events  # type: ignore
    except Exception:  # events package absent or broken: nothing to filter on
        events = None
    if events is not None:
        fn = getattr(events, "trigger_phrases", None)
        if fn is not None:
            try:
                return list(fn(config))
            except Exception as exc:
                log.warning("cascade: events.trigger_phrases failed (%s): every sentence gets the full parse", exc)
                return None
        get_coder = getattr(events, "get_coder", None)
        if get_coder is not None:
            try:
                lex = get_coder(config).lex
                out = [p.text for index in (lex.verbs, lex.nouns) for bucket in index.values() for p in bucket]
                return out or None
            except Exception as exc:
                log.warning("cascade: cannot read the events lexicon (%s): every sentence gets the full parse", exc)
                return None
    phrases: list[str] = []
    try:
        lex_dir = resources.files("tidings.events").joinpath("data", "lexicon")
        files = sorted((p for p in lex_dir.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)
    except Exception:
        files = []
    for f in files:
        try:
            phrases.extend(_phrases_from_lexicon(_yaml(f.read_text(encoding="utf-8"))))
        except Exception as exc:
            log.warning("cascade: cannot read trigger lexicon %s: %s", f, exc)
            return None
    for f in getattr(config, "lexicon_files", None) or []:
        try:
            with open(f, encoding="utf-8") as fh:
                if str(f).endswith(".jsonl"):
                    import json

                    data = [json.loads(line) for line in fh if line.strip()]
                else:
                    data = _yaml(fh)
            phrases.extend(_phrases_from_lexicon(data))
        except Exception as exc:
            log.warning("cascade: cannot read user lexicon %s (%s): every sentence gets the full parse", f, exc)
            return None
    return phrases or None


def actor_phrases(config=None) -> list[str]:
    """Common-noun actor phrases ("officials", "riot police") of the actor KB (with the user's
    ``--actors`` files): ``tidings.actors.actor_phrases(config)`` when there is one, else the agent
    nouns of ``get_kb(config)``, else the built-in ``agents.yaml``."""
    try:
        import tidings.actors as actors  # type: ignore
    except Exception:
        actors = None
    if actors is not None:
        fn = getattr(actors, "actor_phrases", None)
        if fn is not None:
            return list(fn(config))
        get_kb = getattr(actors, "get_kb", None)
        if get_kb is not None:
            try:
                return list(get_kb(config).agents)
            except Exception as exc:
                log.warning("cascade: cannot read the actor KB (%s)", exc)
    out: list[str] = []
    try:
        data = _yaml(resources.files("tidings.actors").joinpath("data", "agents.yaml").read_text(encoding="utf-8"))
    except Exception:
        return out
    for phrases in (data or {}).values() if isinstance(data, dict) else []:
        for p in phrases or []:
            if isinstance(p, str):
                out.append(p.split("|")[0].strip())
            elif isinstance(p, dict):
                out.extend(str(v) for k, v in p.items() if k in ("phrase", "name", "text"))
    return out


def quote_cue_words(config=None) -> set[str]:
    """Attribution cues of the quotes stage: the lemmas of its cue list (with the user's
    ``Config.quotes.cue_files``) and its cue nouns, plus :data:`QUOTE_CUES`. The sentences holding
    one need the parse (the quotes layer reads attributions off the tree), so the cascade follows
    the quotes stage's own list."""
    from ..quotes.lexicon import ATTITUDE_NOUNS, NOUN_CUES, STANCE_NOUNS, load_cues

    settings = getattr(config, "quotes", None)
    out = set(QUOTE_CUES)
    out |= {str(k) for k in load_cues(tuple(settings.cue_files) if settings is not None else (),
                                      settings.learned_cues if settings is not None else False)}
    for words in (NOUN_CUES, STANCE_NOUNS, ATTITUDE_NOUNS):
        out |= {str(w) for w in words}
    return out


# ---- inflections ------------------------------------------------------------------------------------
def irregular_forms(nlp) -> dict[str, set[str]]:
    """lemma → irregular forms, inverted from the model's lemmatizer exception tables."""
    out: dict[str, set[str]] = {}
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        exc = lookups.get_table("lemma_exc")
    except Exception:
        return out
    for _pos, table in exc.items():
        try:
            items = table.items()
        except AttributeError:
            continue
        for form, lemmas in items:
            if not isinstance(form, str):
                continue
            for lemma in lemmas if isinstance(lemmas, (list, tuple)) else [lemmas]:
                if isinstance(lemma, str):
                    out.setdefault(lemma.lower(), set()).add(form.lower())
    return out


def _content_words(phrase: str) -> list[str]:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", phrase.lower())]
    content = [w for w in words if w not in _FUNCTION]
    return content or words


# ---- the cascade ------------------------------------------------------------------------------------
@dataclass
class Plan:
    """Tier of each rough sentence of one doc: token ranges ``(start, end, tier)``."""

    pieces: list[tuple[int, int, int]]

    def share(self) -> dict[str, int]:
        out = {name: 0 for name in TIER_NAMES.values()}
        for s, e, t in self.pieces:
            out[TIER_NAMES[t]] += e - s
        return out


class Cascade:
    """Decides per sentence which spaCy components run, and runs them (see the module doc)."""

    def __init__(self, nlp, config=None, triggers: Optional[Iterable[str]] = None,
                 actors: Optional[Iterable[str]] = None, min_saving: Optional[float] = None,
                 quote_cues: Optional[Iterable[str]] = None) -> None:
        from spacy.attrs import IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER

        self.nlp = nlp
        if min_saving is None:
            min_saving = getattr(config, "cascade_min_saving", None)
        self.min_saving = float(min_saving if min_saving is not None else MIN_SAVING)
        self._attrs = [LOWER, IS_TITLE, IS_UPPER, LIKE_NUM, IS_SPACE, IS_PUNCT, IS_LOWER]
        irregular = irregular_forms(nlp)
        strings = nlp.vocab.strings

        def hashes(words: Iterable[str]) -> np.ndarray:
            return np.array(sorted({strings.add(w) for w in words}), dtype=np.uint64)

        trig = list(triggers) if triggers is not None else trigger_phrases(config)
        self.everything_full = trig is None
        # a trigger phrase fires when every one of its content words occurs in the sentence;
        # its rarest-looking word (the longest) is the key looked up first
        self._phrase_sets: list[tuple[int, ...]] = []      # per phrase: word-group ids
        groups: dict[tuple, int] = {}
        group_forms: list[np.ndarray] = []
        single: set[str] = set()
        for phrase in trig or []:
            words = _content_words(phrase)
            if not words:
                continue
            if len(words) == 1:
                single |= inflections(words[0], irregular)
                continue
            ids = []
            for w in words:
                key = (w,)
                if key not in groups:
                    groups[key] = len(group_forms)
                    group_forms.append(hashes(inflections(w, irregular)))
                ids.append(groups[key])
            self._phrase_sets.append(tuple(sorted(set(ids))))
        self._phrase_sets = sorted(set(self._phrase_sets))
        self._group_forms = group_forms
        # word-form hash → ids of the word groups it belongs to; group id → phrases containing it
        self._form_groups: dict[int, tuple[int, ...]] = {}
        for gi, forms in enumerate(group_forms):
            for h in forms.tolist():
                self._form_groups[int(h)] = self._form_groups.get(int(h), ()) + (gi,)
        self._phrases_by_group: dict[int, list[frozenset]] = {}
        for ps in self._phrase_sets:
            for g in ps:
                self._phrases_by_group.setdefault(g, []).append(frozenset(ps))
        # all words of multi-word phrases, as one array: a cheap pre-test before the per-phrase check
        self._any_group = np.unique(np.concatenate(group_forms)) if group_forms else np.zeros(0, dtype=np.uint64)
        act_single: set[str] = set()
        for phrase in actors if actors is not None else actor_phrases(config):
            words = _content_words(phrase)
            if words:
                # an actor phrase is a noun phrase: its last word is the head ("riot police")
                act_single |= inflections(words[-1], irregular)
        quote_single: set[str] = set()
        for cue in quote_cues if quote_cues is not None else quote_cue_words(config):
            for w in _content_words(cue):
                quote_single |= inflections(w, irregular)
        self._full_words = hashes(single | act_single | quote_single)
        self._quote_chars = hashes(QUOTE_CHARS)
        self._starters = hashes(_STARTERS)
        # common words: a sentence's capitalised first word that is one of them names nothing
        # (unless the doc also writes it capitalised inside a sentence: "May", "Trump")
        try:
            stop_words = set(nlp.Defaults.stop_words)
        except Exception:
            stop_words = set()
        common = np.concatenate([self._full_words, hashes(stop_words | _FUNCTION)] + group_forms)
        self._common = np.unique(common)
        self._i = np.uint64(strings.add("i"))
        self._openers = hashes(QUOTE_CHARS | set(_OPENERS))
        self._ner_words = hashes(NER_WORDS)
        self._time_words = hashes(TIME_WORDS)
        self._ends = hashes(_SENT_END)
        self._closers = hashes(_CLOSERS)
        # one sorted table of every word the plan looks at, with a bit per role: a document's
        # tokens are looked up once (np.searchsorted), not once per word list
        roles = [(self._full_words, F_CUE), (self._quote_chars, F_CUE), (self._ner_words, F_NER),
                 (self._time_words, F_NER), (self._starters, F_STARTER), (self._common, F_COMMON),
                 (self._any_group, F_GROUP), (self._ends, F_END), (self._closers, F_CLOSER),
                 (self._openers, F_OPENER)]
        keys = np.unique(np.concatenate([a for a, _ in roles]))
        flags = np.zeros(len(keys), dtype=np.uint16)
        for a, bit in roles:
            if len(a):
                flags[np.searchsorted(keys, a)] |= bit
        self._keys, self._flags = keys, flags
        names = nlp.pipe_names
        self.components = {
            FULL: list(nlp.pipeline),
            PARSE: [(n, p) for n, p in nlp.pipeline if n != "ner"],
            NER: [(n, p) for n, p in nlp.pipeline if n not in ("parser", "senter")],
        }
        self.has_parser = "parser" in names

    # -- planning --------------------------------------------------------------------------------
    def flags(self, lower: np.ndarray) -> np.ndarray:
        """The role bits (``F_*``) of each token, from its LOWER hash."""
        keys = self._keys
        if not len(keys) or not len(lower):
            return np.zeros(len(lower), dtype=np.uint16)
        idx = np.searchsorted(keys, lower)
        idx[idx == len(keys)] = 0
        return np.where(keys[idx] == lower, self._flags[idx], 0).astype(np.uint16)

    def sentence_starts(self, doc, arr: np.ndarray, flags: Optional[np.ndarray] = None) -> np.ndarray:
        """Boolean array: rough sentence starts (after . ! ? and closing quotes, after a blank line,
        and after a line break before a word that is not lower-case)."""
        n = len(doc)
        starts = np.zeros(n, dtype=bool)
        if n == 0:
            return starts
        starts[0] = True
        lower, space = arr[:, 0], arr[:, 4].astype(bool)
        if flags is None:
            flags = self.flags(lower)
        is_end = (flags & F_END) > 0
        is_close = (flags & F_CLOSER) > 0
        for i in np.nonzero(is_end | space)[0].tolist():
            j = i + 1
            if space[i]:
                ws = doc[i].text
                if "\n" not in ws:
                    continue
                # a single line break before a lower-case word is a hard-wrapped sentence
                if ws.count("\n") < 2 and i + 1 < n and doc[i + 1].text[:1].islower():
                    continue
            else:
                while j < n and is_close[j]:
                    j += 1
                # "U.S." and "3." are single tokens; an end mark followed by a lower-case word is no end
            while j < n and space[j]:
                j += 1
            if j < n:
                starts[j] = True
        # line breaks inside a token ("word\n") are whitespace on the token: check spaces too
        return starts

    def plan(self, doc, dateline=None) -> Plan:
        n = len(doc)
        if n == 0:
            return Plan([])
        if self.everything_full:
            return Plan([(0, n, FULL)])
        arr = doc.to_array(self._attrs).astype(np.uint64)
        lower = arr[:, 0]
        title = arr[:, 1].astype(bool) & (lower != self._i)   # "I" names nothing ("A" may: "Plan A")
        upper = arr[:, 2].astype(bool) & ~arr[:, 1].astype(bool)  # "US", "NATO" (not "A", "I")
        num = arr[:, 3].astype(bool)
        flags = self.flags(lower)
        starts = self.sentence_starts(doc, arr, flags)
        # the dateline is a piece of its own (the dateline component's sentence boundaries)
        cuts = set()
        if dateline is not None:
            for ch in (dateline.place_start, dateline.body_start):
                tok = _token_at(doc, ch)
                if tok is not None and 0 < tok < n:
                    cuts.add(tok)
                    starts[tok] = True
        sid = np.cumsum(starts) - 1
        n_sent = int(sid[-1]) + 1
        full_tok = (flags & F_CUE) > 0
        if dateline is not None and cuts:
            # the dateline piece gets every component (its place is an entity, its sentence apart)
            d0, d1 = min(cuts), max(cuts)
            full_tok[d0:d1] = True
            title[d0:d1] = True
            upper[d0:d1] = True
        full = np.bincount(sid, weights=full_tok, minlength=n_sent) > 0
        # multi-word triggers: all content words present in the sentence
        if self._phrases_by_group:
            form_groups = self._form_groups
            present: dict[int, set] = {}
            cand = np.nonzero(((flags & F_GROUP) > 0) & ~full[sid])[0]
            for i, s_, h in zip(cand.tolist(), sid[cand].tolist(), lower[cand].tolist()):
                present.setdefault(s_, set()).update(form_groups[h])
            for s_, groups_here in present.items():
                for g in groups_here:
                    if any(ps <= groups_here for ps in self._phrases_by_group.get(g, ())):
                        full[s_] = True
                        break
        # names: a capitalised word inside a sentence; a sentence's first word, or the first word
        # after an opening quote, bracket, colon or dash, when it is capitalised and no common word:
        # a sentence starter ("The", "He"), or a stop word, cue word or word the doc writes in
        # lower case that the doc never capitalises inside a sentence ("May", "Trump"); never an
        # all-capitals word ("US")
        first = starts.copy()
        opener = (flags & F_OPENER) > 0
        first[1:] |= opener[:-1]
        punct = arr[:, 5].astype(bool) | arr[:, 4].astype(bool)
        for i in np.nonzero(first & punct)[0].tolist():
            j = i
            while j < n and punct[j]:
                j += 1
            if j < n and j > i:
                first[j] = True
        cap_inner = (title | upper) & ~first
        cap_first = first & upper
        cand = np.nonzero(first & title & ((flags & F_STARTER) == 0))[0]
        if cand.size:
            # only these few words need the doc-wide tests
            words = lower[cand]
            common = ((flags[cand] & F_COMMON) > 0) | np.isin(words, lower[arr[:, 6].astype(bool)])
            if cap_inner.any():
                common &= ~np.isin(words, lower[cap_inner])
            cap_first[cand[~common]] = True
        ner_tok = cap_inner | cap_first | num | ((flags & F_NER) > 0)
        ner = np.bincount(sid, weights=ner_tok, minlength=n_sent) > 0
        tier = full.astype(np.int64) * PARSE_BIT + ner.astype(np.int64) * ENTS_BIT
        # cutting a doc into pieces costs something: when the pieces would save little, parse it whole
        sizes = np.bincount(sid, minlength=n_sent)
        saved = float((sizes * SAVED_SHARE[tier]).sum()) / n
        if saved < self.min_saving:
            return Plan([(0, n, FULL)])
        pieces: list[tuple[int, int, int]] = []
        sent_start_idx = np.nonzero(starts)[0].tolist() + [n]
        for k in range(n_sent):
            s, e, t = sent_start_idx[k], sent_start_idx[k + 1], int(tier[k])
            if pieces and pieces[-1][2] == t and s not in cuts:
                pieces[-1] = (pieces[-1][0], e, t)
            else:
                pieces.append((s, e, t))
        return Plan(pieces)

    # -- running ---------------------------------------------------------------------------------
    def pipe(self, docs: list, batch_size: int = 32) -> list:
        """Annotate tokenized docs (``nlp.make_doc`` output, ``user_data['dateline']`` set) by tiers.

        Returns the same Doc objects, annotated; ``user_data['cascade']`` lists the
        ``(start_token, end_token, tier)`` pieces. A doc whose plan is one ``full`` piece goes
        through the pipeline exactly as without the cascade. In a cut doc, every component but
        the parser and NER runs on the whole doc (tok2vec, tagger, rules, lemmas: cheap); the
        parser runs on sub-docs of the runs of sentences that need the parse, NER on those that
        need entities, and their trees and entities are copied back into the doc."""
        plans = [self.plan(d, d.user_data.get("dateline")) for d in docs]
        cut = [not (len(p.pieces) <= 1 and (not p.pieces or p.pieces[0][2] == FULL)) for p in plans]
        for d, p in zip(docs, plans):
            d.user_data["cascade"] = [(s, e, TIER_NAMES[t]) for s, e, t in p.pieces]
        if not any(cut):
            return list(self.nlp.pipe(docs, batch_size=batch_size))
        # every component in pipeline order; the parser and NER see only what needs them
        out = list(docs)
        for name, proc in self.nlp.pipeline:
            role = "parser" if name in ("parser", "senter") else "ner" if name == "ner" else None
            if role is None:
                out = _run(proc, out, batch_size)
                continue
            bit = PARSE_BIT if role == "parser" else ENTS_BIT
            whole = [d for d, c in zip(out, cut) if not c]
            whole_done = iter(_run(proc, whole, batch_size)) if whole else iter(())
            subs: list = []
            owners: list = []
            for k, (d, p) in enumerate(zip(out, plans)):
                if not cut[k]:
                    continue
                runs = _runs(p.pieces, bit)
                if not runs:
                    continue
                for s, e, sub in _subdocs(d, runs, role == "parser"):
                    subs.append(sub)
                    owners.append((k, s, e))
            done = _run(proc, subs, batch_size) if subs else []
            by_doc: dict[int, list] = {}
            for (k, s, e), sub in zip(owners, done):
                by_doc.setdefault(k, []).append((s, e, sub))
            new_out = []
            for k, d in enumerate(out):
                if not cut[k]:
                    new_out.append(next(whole_done))
                    continue
                parts = by_doc.get(k, [])
                if role == "parser":
                    _copy_parse(d, parts, plans[k], self)
                else:
                    _copy_ents(d, parts)
                new_out.append(d)
            out = new_out
        return out


def _subdocs(doc, runs, parse: bool):
    """``(start, end, sub-doc)`` for token ranges of ``doc``: new docs of the same words with what
    the component needs. The parser listens to the tok2vec output (the sub-doc gets its slice of
    ``doc.tensor``) and keeps the preset sentence boundaries (``SENT_START``); NER reads the
    tokens' own features (NORM: the tokenizer's exceptions set some). Cheaper than
    ``Span.as_doc``, which copies every attribute, the entities and the span's vector."""
    from spacy.attrs import IDX, LENGTH, NORM, SENT_START, SPACY
    from spacy.tokens import Doc

    text, vocab = doc.text, doc.vocab
    arr = doc.to_array([IDX, LENGTH, SPACY, SENT_START if parse else NORM])
    idx, length, space = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].astype(bool).tolist()
    col = arr[:, 3:4]
    has_starts = parse and doc.has_annotation("SENT_START")
    tensor = doc.tensor if parse and doc.tensor is not None and doc.tensor.size else None
    for s, e in runs:
        sub = Doc(vocab, words=[text[i:i + n] for i, n in zip(idx[s:e], length[s:e])], spaces=space[s:e])
        if parse:
            if has_starts and col[s:e].any():
                sub.from_array([SENT_START], col[s:e].copy())
                sub[0].is_sent_start = True
            if tensor is not None:
                sub.tensor = tensor[s:e]
        else:
            sub.from_array([NORM], col[s:e].copy())
        yield s, e, sub


def _run(proc, docs: list, batch_size: int) -> list:
    if not docs:
        return []
    return list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(x) for x in docs]


def _runs(pieces, bit: int) -> list[tuple[int, int]]:
    """Maximal token ranges of consecutive pieces whose tier has ``bit``."""
    out: list[tuple[int, int]] = []
    for s, e, t in pieces:
        if not t & bit:
            continue
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _copy_parse(doc, parts, plan: Plan, cascade: "Cascade") -> None:
    """Trees of the parsed sub-docs into ``doc``; the sentences the parser did not see keep
    the rough boundaries of the plan."""
    from spacy.attrs import DEP, HEAD, SENT_START

    n = len(doc)
    if parts:
        arr = np.zeros((n, 2), dtype=np.uint64)
        for s, e, sub in parts:
            arr[s:e] = sub.to_array([HEAD, DEP])
        doc.from_array([HEAD, DEP], arr)
    if any(not (t & PARSE_BIT) for _, _, t in plan.pieces):
        rough = cascade.sentence_starts(doc, doc.to_array(cascade._attrs[:5]).astype(np.uint64))
        for s, _, _ in plan.pieces:
            rough[s] = True
        sent = doc.to_array([SENT_START]).astype(np.int64)
        for s, e, t in plan.pieces:
            if not (t & PARSE_BIT):
                sent[s:e] = np.where(rough[s:e], 1, -1)
        doc.from_array([SENT_START], sent.astype(np.uint64))


def _copy_ents(doc, parts) -> None:
    """Entities of the NER sub-docs into ``doc`` (the rest stays without NER annotation)."""
    from spacy.attrs import ENT_IOB, ENT_TYPE

    if not parts:
        return
    arr = np.zeros((len(doc), 2), dtype=np.uint64)
    for s, e, sub in parts:
        arr[s:e] = sub.to_array([ENT_IOB, ENT_TYPE])
    doc.from_array([ENT_IOB, ENT_TYPE], arr)


def _token_at(doc, char: int) -> Optional[int]:
    """Index of the first token starting at or after a character offset."""
    for tok in doc:
        if tok.idx >= char and not tok.is_space:
            return tok.i
    return None
