"""The event coder: trigger patterns over the dependency parse -> coded events.

For every sentence: each verb (and event noun) is looked up in the lexicon and its most specific
matching pattern picked; control verbs ("vowed to", "refused to", "threatened to", "urged X to")
combine with their complement; the source comes from the subject (inherited through conjunctions,
relative clauses, complements and "by"-gerunds; the agent of a passive), the recipient from the
object, dative or prepositional objects; negation and modality come from the clause and its
governors (reported speech, predictions, conditionals, allegations).
Every decision is recorded in a trace that ``tidings explain`` prints.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Optional

from ..model import Actor, Event, SentenceRef, span_of
from ..nlp.text import base_forms
from .codebook import Codebook
from .lexicon import Lexicon, Pattern

SUBJ = ("nsubj", "csubj", "expl")
OBJ_DEPS = ("dobj", "obj", "attr", "oprd")
RECIPIENT_PREPS = ("to", "with", "against", "on", "upon", "toward", "towards", "into", "from", "at", "over", "for",
                   "about", "of", "between", "onto", "by")
REL_PRONOUNS = {"who", "which", "that", "whom", "whose"}
MILITARY_UNITS = {"troop", "troops", "soldier", "soldiers", "force", "forces", "peacekeeper", "peacekeepers", "contingent",
                  "unit", "units", "battalion", "brigade", "marine", "marines", "warship", "warships", "deployment",
                  "paratrooper", "paratroopers", "army", "navy", "patch"}
ACTOR_LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
# CAMEO codes (prefixes) of acts that move, send, lend or withdraw one's own forces (a unit object is
# what is moved, not the recipient: "sent 200 soldiers to Latvia", "pulled its peacekeepers out of the buffer zone"):
# military withdrawal 087, posture 15, withdrawal of peacekeepers 166, peacekeepers 074, military
# cooperation 062; not releases (0841: "freed the captured soldiers" acts on them)
FORCE_MOVING_CODES = ("087", "15", "166", "074", "062")
# prepositions naming where forces go or come from
DESTINATION_PREPS = ("to", "into", "in", "from", "toward", "towards", "at", "inside", "within", "across")
# CAMEO roots of acts that coordinated parties do with each other ("X and Y signed an agreement")
JOINT_ROOTS = {"03", "04", "05", "06"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we"}
# "his country", "its government": the speaker's own state in reported speech
OWN_BODIES = {"country", "government", "nation", "state", "administration", "people"}
# weapons that do things in news syntax ("the missiles fired by X struck ...")
INSTRUMENTS = {"missile", "rocket", "bomb", "shell", "drone", "mortar", "grenade", "mine", "artillery", "car",
               "projectile", "explosive", "device", "warplane", "jet", "aircraft", "helicopter", "gunfire", "fire"}
# rule weapons-not-recipient: objects that are weapons, never parties
WEAPONS = (INSTRUMENTS - {"car", "device", "fire"}) | {
    "tank", "warship", "weapon", "ammunition", "munition", "rifle", "gun", "bullet",
    "howitzer", "launcher", "armament", "weaponry", "firearm", "shell", "missile", "rocket"}
NAMED_WHY = "named argument outside the knowledge base (rule named-argument)"
NAMED_LABELS = {"ORG", "PERSON", "NORP", "GPE", ""}
# prepositions whose object may be a named recipient outside the knowledge base (not places: at, in ...)
NAMED_PREPS = {"to", "with", "against", "on", "upon", "toward", "towards", "for", "about", "between"}
# CAMEO roots whose event noun, bound as the verb's object, is the act itself ("launched airstrikes",
# "held talks", "imposed sanctions", "rejected calls"); not given goods (aid, supplies: 06-08)
EVENT_NOUN_OBJECT_ROOTS = {"04", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
# CAMEO roots of acts (not words) whose nominalisation with a "by" agent is coded on its own
BY_NOMINAL_ROOTS = {"04", "05", "06", "07", "08", "14", "15", "16", "17", "18", "19", "20"}
# rule agentless-place-actor: CAMEO roots of acts whose agentless passive takes the place's country
# as the doer (investigation, expulsion and bans, coercion, violence), and the locative prepositions
PLACE_ACTOR_ROOTS = {"09", "16", "17", "18", "19", "20"}
PLACE_PREPS = ("in", "near", "outside", "at", "inside")
PLACE_NOUNS = {"area", "region", "province", "city", "town", "district", "village", "capital", "border", "county",
               "neighbourhood", "neighborhood", "suburb", "outskirts", "camp", "valley", "zone"}
# rule mission-in-country: a force or mission with one of these modifiers, "in" a country
MISSION_ROOTS = {"03", "04", "05", "06", "07", "08", "15"}
MISSION_NOUNS = {"force", "mission", "operation", "contingent", "deployment", "presence"}
MISSION_WORDS = {"peacekeeping", "peace", "security", "stabilization", "stabilisation", "monitoring", "observer",
                 "assistance", "protection", "multinational", "international", "un", "u.n.", "nato", "eu",
                 "african", "united", "nations"}
# rule help-complement: "to help X recover": the complement of these verbs names whom an act serves
HELP_VERBS = {"help", "assist", "enable", "allow", "let"}
PLACE_WHY = "the place of an act with no named doer (rule agentless-place-actor)"


def is_place_doer(actor) -> bool:
    """Whether an actor is only the place of an act with no named doer (rule agentless-place-actor):
    it names nobody who acts, and it stays the event's place."""
    return (getattr(actor, "why", None) or "").endswith(PLACE_WHY)

# particles that close a phrasal-verb pattern ("give in", "back down"), by verb: matched only as
# particles, not as prepositions with an object of their own
# (intransitive phrasal verbs only: the small parser often makes the particle of a transitive one a
# preposition over the real object, "cordoned off the square", and "in" is mostly a preposition, "arrive in")
#: rule ``particle-prep``: particles a preposition of the pattern may hang from ("walk out of", "back away from")
PREP_PARTICLES = {"out", "away", "off", "back", "down"}
#: rule ``let-object``: verbs of letting whose object the parser makes the complement's subject
LET_VERBS = {"allow", "let", "permit"}
PARTICLE_ONLY = {"give": {"in"}, "cave": {"in"}, "sit": {"in"}, "haul": {"in"}, "back": {"down"}, "step": {"down"},
                 "stand": {"down"}, "climb": {"down"}}

def hyphen_forms(tok) -> tuple:
    """The forms of the hyphenated compound that ``tok`` ends ("cease-fire" at "fire": "cease-fire",
    "ceasefire"; with the last word's lemma for plurals), or () when ``tok`` ends none."""
    doc = tok.doc
    i = tok.i
    if i + 1 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_:
        return ()      # a middle part
    parts = [tok.lower_]
    j = i - 1
    while j - 1 >= 0 and doc[j].text == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_ \
            and doc[j - 1].is_alpha:
        parts.insert(0, doc[j - 1].lower_)
        j -= 2
    if len(parts) == 1:
        return ()
    pre = parts[:-1]
    out = []
    for last in dict.fromkeys((tok.lower_, tok.lemma_.lower())):
        out += ["-".join(pre + [last]), "".join(pre + [last])]
    return tuple(out)


#: rule campaign_rally: words that make a story one about an election
CAMPAIGN_WORDS = {"campaign", "election", "primary", "caucus", "candidate", "nominee", "nomination", "ballot",
                  "poll", "voter", "delegate", "presidential"}
# measure and series nouns a light verb's event noun may hide behind ("five days of war games")
LIGHT_MEASURE_NOUNS = {"day", "week", "month", "hour", "series", "wave", "round", "spate", "string", "volley",
                       "barrage", "salvo", "flurry", "burst", "campaign", "week-long", "couple"}

# complement's CAMEO root -> sub-code for an expressed intent (03x)
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "03": None}
INTENT_BY_CODE = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332",
                  "073": "0333", "074": "0334", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
                  "0834": "0344", "081": "0351", "082": "0352", "0841": "0353", "0842": "0353", "084": "0353",
                  "085": "0354", "086": "0355", "0861": "0355", "0862": "0355", "0863": "0355", "087": "0356",
                  "0871": "0356", "0872": "0356", "0873": "0356", "0874": "0356", "045": "039", "046": "036",
                  "057": "030", "054": "032", "051": "032"}
# complement's CAMEO code/root -> threat sub-code (13x)
THREAT_BY_CODE = {"161": "1313", "160": "1313", "164": "134", "165": "135", "162": "1311", "1621": "1311",
                  "1622": "1311", "1623": "1311", "163": "1312", "166": "136", "1661": "136", "1662": "136",
                  "1663": "136", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
                  "173": "137", "174": "137", "175": "137", "171": "1382", "192": "1382", "191": "1381",
                  "194": "1384", "195": "1384", "204": "1385", "2041": "1385", "2042": "1385", "183": "1383",
                  "180": "1383", "181": "1383"}
THREAT_BY_ROOT = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
# complement -> rejection sub-code (12x)
REJECT_BY_CODE = {"0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234", "0841": "1243", "0842": "1243",
                  "085": "1244", "086": "1245", "0861": "1245", "0862": "1245", "0863": "1245", "087": "1246",
                  "0871": "1246", "0873": "1246", "063": "1213", "064": "1214", "045": "126", "057": "127"}
REJECT_BY_ROOT = {"04": "125", "03": "120", "05": "120", "06": "121", "07": "122", "08": "124", "02": "120", "10": "124"}
# complement -> request sub-code: (appeal 02x, demand 10x)
REQUEST_BY_CODE = {"0831": ("0241", "1041"), "0832": ("0242", "1042"), "0833": ("0243", "1043"),
                   "0834": ("0244", "1044"), "0841": ("025", "1053"), "084": ("025", "1053"),
                   "085": ("025", "1054"), "086": ("025", "1055"), "087": ("025", "1056"), "0871": ("025", "1056"),
                   "045": ("028", "108"), "046": ("026", "106"), "037": ("027", "107"), "071": ("0231", "1031"),
                   "072": ("0232", "1032"), "073": ("0233", "1033"), "074": ("0234", "1034"), "063": ("0213", "1013"),
                   "064": ("0214", "1014"), "061": ("0212", "1011"), "062": ("0212", "1012")}
REQUEST_BY_ROOT = {"04": ("026", "106"), "08": ("025", "105"), "06": ("021", "101"), "03": ("021", "101"),
                   "07": ("023", "103"), "05": ("022", "102")}


#: rule ``irregular_lemma`` (issue 15, round 6): irregular forms of lexicon verbs that the small
#: model leaves unlemmatised when it tags them as present tense ("The families forgave the
#: commander": lemma "forgave", tag VBP). Found by lemmatising every irregular form (the model's
#: own exception table) of every lexicon verb in two frames of our own ("The government X the
#: rebels.", "Rebels X the town on Monday."); spelling variants and adjectives left out.
IRREGULAR_VERB_FORMS = {"forgave": "forgive", "forbad": "forbid", "forbade": "forbid", "besought": "beseech",
                        "chid": "chide", "chidden": "chide", "clung": "cling", "leant": "lean", "retook": "retake",
                        "unfroze": "unfreeze", "slamming": "slam"}


def lemma_keys(tok) -> list[str]:
    """The spaCy lemma plus regular-inflection guesses: the small model's lemmatiser is wrong on
    some verbs ("staged" -> "stag") and on a few irregular ones ("forgave": rule irregular_lemma)."""
    low = tok.lower_
    keys = [tok.lemma_.lower(), low, *base_forms(low, tok.tag_ or "")]
    if low in IRREGULAR_VERB_FORMS and tok.pos_ in ("VERB", "AUX"):
        keys.insert(1, IRREGULAR_VERB_FORMS[low])
    out = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


#: rule ``verbal_attack``: adjectives that make an attack one in words ("a phony attack") ...
VERBAL_ATTACK_ADJ = {"verbal", "personal", "political", "phony", "sexist", "racist", "profane", "negative", "partisan",
                     "scathing", "blistering", "rhetorical", "unfair", "false", "misleading", "nasty", "sharp",
                     "harsh", "repeated", "sustained", "relentless", "ad", "sarcastic", "snide"}
#: ... and what such an attack is on ("attacks on his record")
VERBAL_ATTACK_OBJECTS = {"record", "policy", "policies", "plan", "proposal", "remark", "comment", "statement",
                         "speech", "position", "stance", "view", "character", "credibility", "integrity", "judgment",
                         "contribution", "donation", "campaign", "candidacy", "honesty", "temperament", "idea",
                         "agenda", "tweet", "book", "article", "media", "press", "decision", "ruling", "law", "bill"}
#: rule ``fight_for_goal``: goals of "fought to ..." that keep it a fight
FIGHT_GOALS = {"take", "retake", "seize", "capture", "recapture", "hold", "defend", "repel", "push", "drive", "control",
               "win", "break", "liberate", "oust", "expel", "regain", "enter", "storm", "kill", "defeat", "overrun",
               "protect", "secure", "reach", "escape", "survive", "stop", "halt", "block", "free", "rescue", "destroy",
               "crush", "eradicate", "annihilate", "wipe", "dismantle", "root", "hunt", "punish", "avenge"}
#: finite forms of be, have and do: a clause with one of them as its verb is in the indicative
FINITE_FORMS = {"am", "is", "are", "was", "were", "has", "have", "had", "do", "does", "did"}


def _root(code: str) -> str:
    return code[:2]


def _is_coop(code: str) -> bool:
    return 2 <= int(code[:2]) <= 8


def _is_force(code: str) -> bool:
    return int(code[:2]) >= 14


@dataclass
class Match:
    pattern: Pattern
    bound: list[int]                       # token indices the pattern used (prep, objects)
    objects: list[Any] = field(default_factory=list)


@dataclass
class Trace:
    """What the coder considered in one sentence (for ``tidings explain``)."""
    sentence: int
    text: str
    candidates: list[dict] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    model: list[dict] = field(default_factory=list)     # the classifier's scores per candidate clause


@dataclass
class Frame:
    trigger: Any                       # spaCy token (the head word of the event)
    code: str
    rule: str
    pattern: Optional[Pattern]
    span_tokens: list[Any]
    modality: str = "asserted"
    negated: bool = False
    confidence: float = 0.8
    source_tok: Any = None             # token whose actors are the source (None: find from the trigger)
    recipient_toks: list[Any] = field(default_factory=list)
    kind: str = "verb"
    statement: bool = False
    comp: Any = None                   # the complement verb of a control verb


class Coder:
    def __init__(self, lexicon: Lexicon, codebook: Codebook, statements: bool = False) -> None:
        self.lex = lexicon
        self.cb = codebook
        self.statements = statements
        self._cue_memo: dict[tuple, tuple[bool, bool]] = {}   # (lemma, lower, tag) hashes → _word_cues flags

    # ---- pattern matching --------------------------------------------------------------------
    @staticmethod
    def _tok_is(tok, fs) -> bool:
        return tok.lemma_.lower() in fs or tok.lower_ in fs or any(f in fs for f in hyphen_forms(tok))

    @staticmethod
    def _mods_ok(tok, mods) -> bool:
        if not mods:
            return True
        left = tok.doc[tok.left_edge.i:tok.i].text.lower()
        return all(m in left for m in mods)

    def _objects(self, verb) -> list:
        objs = [c for c in verb.children if c.dep_ in OBJ_DEPS]
        if any(c.dep_ == "auxpass" for c in verb.children):
            objs += [c for c in verb.children if c.dep_ == "nsubjpass"]
        comps = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        objs += comps
        if verb.lemma_.lower() in LET_VERBS:
            # rule let-object: "allowed UN inspectors to visit": the one let in is the complement's subject
            objs += [g for c in comps for g in c.children if g.dep_ == "nsubj"]
        return objs

    def match_elements(self, tok, p: Pattern, memo: Optional[dict] = None) -> tuple[bool, list[int], str]:
        """Whether pattern ``p`` matches at ``tok``; the tokens it bound; why it failed.

        ``memo`` (a dict per token, shared by all the patterns tried at ``tok``) keeps what does
        not depend on the pattern: the token's objects, the word each preposition resolves to and
        the object candidates, so that a verb with many patterns walks its parse once."""
        if memo is None:
            memo = {}
        bound: list[int] = []
        preps: dict[str, Any] = {}
        for k, e in enumerate(p.elements):
            if e.kind == "prep":
                key = ("prep", e.word)
                if key in memo:
                    hit = memo[key]
                else:
                    hit = memo[key] = self._prep_hit(tok, e.word, memo)
                if hit is None:
                    return False, bound, f"no '{e.word}'"
                if k == len(p.elements) - 1 and hit.dep_ == "prep" and e.word in PARTICLE_ONLY.get(p.lemma, ()) \
                        and any(g.dep_ == "pobj" for g in hit.children):
                    # rule particle-not-preposition: a phrasal verb's closing particle ("give in",
                    # "back down") is not a preposition with its own object ("gave X $5 million in aid")
                    return False, bound, f"'{e.word}' is a preposition here"
                preps[e.word] = hit
                bound.append(hit.i)
            else:
                ph = preps[e.prep] if e.prep and e.prep in preps else None
                key = ("cands", None if ph is None else ph.i)
                cands = memo.get(key)
                if cands is None:
                    cands = memo[key] = self._candidates(tok, ph, memo)
                if e.kind == "any":
                    ok = [c for c in cands if c.pos_ in ("NOUN", "PROPN", "PRON")]
                else:
                    ok = [c for c in cands if self._tok_is(c, e.head) and self._mods_ok(c, e.mods)]
                    if not ok:     # "an aid program": the pattern's object as the compound
                        ok = [g for c in cands for g in c.children if g.dep_ == "compound"
                              and self._tok_is(g, e.head) and self._mods_ok(g, e.mods)]
                if not ok:
                    return False, bound, f"no object '{e.word or '_'}'"
                bound.append(ok[0].i)
        return True, bound, ""

    def _objects_memo(self, tok, memo: dict) -> list:
        objs = memo.get("objects")
        if objs is None:
            objs = memo["objects"] = self._objects(tok)
        return objs

    def _prep_hit(self, tok, word: str, memo: dict):
        """The token a pattern's preposition ``word`` binds at ``tok`` (None: absent)."""
        for c in tok.children:
            if c.lower_ == word and c.dep_ in ("prep", "prt", "agent", "dative", "advmod", "mark"):
                if any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"):
                    continue      # "on Friday" is not "speak on"
                return c
        if word in ("to", "that"):
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == word for g in c.children):
                    return c
        for c in tok.children:
            # rule particle-prep: "walked out of the talks" parsed with "of" under "out"
            if c.lower_ in PREP_PARTICLES and c.dep_ in ("prt", "prep") and not any(g.dep_ == "pobj" for g in c.children):
                for g in c.children:
                    if g.lower_ == word and g.dep_ == "prep":
                        return g
        hit = None
        for o in self._objects_memo(tok, memo):      # "accuse X of": prep attached to the object
            for c in o.children:
                if c.lower_ == word and c.dep_ == "prep":
                    hit = c
        return hit

    def _candidates(self, tok, ph, memo: dict) -> list:
        """The words an object element may bind at ``tok`` (after the preposition ``ph``, if any)."""
        if ph is not None:
            cands = [c for c in ph.children if c.dep_ in ("pobj", "pcomp")]
            if ph.dep_ in ("xcomp", "ccomp"):
                cands.append(ph)
            cands += self._objects_memo(tok, memo)
        else:
            cands = list(self._objects_memo(tok, memo))
            if tok.pos_ in ("NOUN", "PROPN"):
                cands += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # conjoined objects count ("sanctions and embargoes")
        cands = cands + [c for x in cands for c in x.conjuncts]
        # "tons of food aid", "part of a military aid program": look through "of"
        cands = cands + [g for x in cands for c in x.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"]
        return cands

    def match_verb(self, tok) -> tuple[Optional[Match], list[dict]]:
        # rule hyphen-compound, verbs: "test-fired", "de-escalated" are split into three tokens; the
        # compound's patterns come first ("test-fire", not "fire missile")
        keys = [*hyphen_forms(tok), *lemma_keys(tok)]
        pats = next((self.lex.verbs[k] for k in keys if k in self.lex.verbs), [])
        best: Optional[Match] = None
        tried = []
        memo: dict = {}
        for p in pats:
            ok, bound, why = self.match_elements(tok, p, memo)
            tried.append({"pattern": p.id, "code": p.code, "matched": ok, "why": why})
            if ok and (best is None or p.specificity > best.pattern.specificity):
                best = Match(p, bound)
        return best, tried

    def match_noun(self, tok) -> tuple[Optional[Match], list[dict]]:
        pats = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_) or []
        if not pats:
            # rule hyphen-compound: the tokeniser splits "cease-fire", "sit-in", "pull-out" into three
            # tokens; the last one stands for the compound
            pats = next((self.lex.nouns[f] for f in hyphen_forms(tok) if f in self.lex.nouns), [])
        best: Optional[Match] = None
        tried = []
        memo: dict = {}
        for p in pats:
            if p.elements:
                ok, bound, why = self.match_elements(tok, p, memo)
            else:
                ok = self._mods_ok(tok, p.mods)
                bound, why = [], ("" if ok else f"no modifier {' '.join(p.mods)!r}")
            tried.append({"pattern": p.id, "code": p.code, "matched": ok, "why": why})
            if ok and (best is None or p.specificity > best.pattern.specificity):
                best = Match(p, bound)
        return best, tried

    # ---- clause structure --------------------------------------------------------------------
    def _cls(self, name: str, tok) -> bool:
        return any(self.lex.in_class(name, k) for k in lemma_keys(tok))

    def subject(self, v, depth: int = 0):
        """The token standing for the doer of ``v`` (None when there is none)."""
        if depth > 8:
            return None
        for c in v.children:
            if c.dep_ in SUBJ:
                if c.lower_ in REL_PRONOUNS or c.tag_ in ("WP", "WDT"):
                    x = v
                    while x.dep_ != "relcl" and x.head.i != x.i:
                        x = x.head
                    return x.head if x.dep_ == "relcl" else None
                return c
        agent = self.agent(v)
        if agent is not None:
            return agent
        if any(c.dep_ == "nsubjpass" for c in v.children):
            return None
        d = v.dep_
        if d == "relcl" or d == "acl":
            return v.head
        if d == "pcomp" and v.head.dep_ == "prep":
            return self.subject(v.head.head, depth + 1)
        if d == "xcomp" and (self._cls("appeal", v.head) or self._cls("demand", v.head)):
            objs = [c for c in v.head.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return objs[0]
        if d == "conj" and v.head.i != v.i and not any(c.dep_ == "auxpass" for c in v.children):
            sp = [c for c in v.head.children if c.dep_ == "nsubjpass"]
            if sp:
                return sp[0]
        if d == "conj":
            # "X, who ruled ... and antagonized Y": a verb conjoined right after a relative clause
            # shares its subject (the parser often attaches it to the main verb instead)
            rel = self._preceding_relcl(v)
            if rel is not None:
                return rel
        if d in ("conj", "xcomp", "ccomp", "advcl", "dep", "parataxis", "acomp") and v.head.i != v.i:
            return self.subject(v.head, depth + 1)
        if d == "ROOT":
            # a main verb the parser left without subject ("X, who ..., and whose term began in March,
            # has vowed ..."): the first subject before it outside relative clauses
            for t in v.sent:
                if t.i >= v.i:
                    break
                if t.dep_ == "nsubj" and t.lower_ not in REL_PRONOUNS and t.head.dep_ != "relcl" \
                        and t.pos_ in ("PROPN", "NOUN"):
                    return t
        return None

    @staticmethod
    def _preceding_relcl(v):
        cc = [c for c in v.children if c.dep_ == "cc"] or [t for t in v.doc[max(v.i - 3, 0):v.i] if t.dep_ == "cc"]
        if not cc:
            return None
        for t in reversed(list(v.doc[v.head.i + 1:v.i])):
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
                if t.dep_ == "relcl" and any(c.dep_ in SUBJ and c.lower_ in REL_PRONOUNS for c in t.children):
                    return t.head
                return None
        return None

    @staticmethod
    def agent(v):
        for c in v.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    def context(self, tok) -> dict:
        """Walk up from a trigger: background? reported? predicted? hypothetical? negated?"""
        info = {"skip": None, "modality": "asserted", "negated": False, "reported": False, "future": False,
                "subordinate": False}
        lc = self.lex.control
        x = tok
        first = True
        while True:
            kids = list(x.children)
            if first or x.dep_ in ("conj",):
                for c in kids:
                    lw = c.lower_
                    if c.dep_ == "neg" or lw in ("never",) and c.dep_ == "advmod":
                        info["negated"] = not info["negated"] if first else info["negated"]
                    if c.dep_ in ("aux",) and (lw in lc.get("future_aux", ()) or c.lemma_.lower() in lc.get("future_aux", ())):
                        info["future"] = True
                    if c.dep_ == "aux" and lw in lc.get("hypothetical_aux", ()):
                        info["hyp_aux"] = lw
                    if c.dep_ == "mark" and lw in lc.get("hypothetical_mark", ()):
                        info["modality"] = "hypothetical"
                    if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in lc.get("hypothetical_mark", ())
                                                 for g in c.children):
                        info["conditional"] = True
                    if lw in lc.get("allege", ()) and c.dep_ in ("advmod", "amod"):
                        info["modality"] = "alleged"
                    if c.dep_ == "acomp" and lw in lc.get("predict_adj", ()):
                        info["modality"] = "predicted"
            d = x.dep_
            h = x.head
            if h.i == x.i:
                break
            if d == "acl":
                if first and tok.pos_ in ("NOUN", "PROPN"):
                    pass
                info["skip"] = info["skip"] or "inside a participle modifier (background)"
            elif d == "advcl":
                marks = [c.lower_ for c in x.children if c.dep_ == "mark"]
                if any(m in lc.get("hypothetical_mark", ()) for m in marks):
                    info["modality"] = "hypothetical"
                elif any(m in lc.get("background_mark", ()) for m in marks):
                    info["skip"] = info["skip"] or f"background clause ('{marks[0]}')"
                elif any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children):
                    info["skip"] = info["skip"] or "purpose clause ('to ...')"
                else:
                    info["subordinate"] = True
            elif d == "pcomp":
                if h.lower_ != "by":
                    info["skip"] = info["skip"] or f"complement of '{h.lower_}' (background)"
            elif d == "relcl":
                info["subordinate"] = True
            elif d == "ccomp":
                if self._cls("predict", h):
                    info["modality"] = "predicted"
                elif self._cls("report", h):
                    info["reported"] = True
                if any(c.dep_ == "neg" for c in h.children) and self._cls("predict", h):
                    pass
            elif d == "xcomp" and h.pos_ == "ADJ":
                if info["modality"] == "asserted":
                    info["modality"] = "predicted" if h.lower_ in lc.get("predict_adj", ()) else "hypothetical"
            elif d == "xcomp" and h.lemma_.lower() in ("be",) and any(
                    c.dep_ == "acomp" and c.lower_ in lc.get("predict_adj", ()) for c in h.children):
                info["modality"] = "predicted"
            elif d == "xcomp" and h.lower_ in ("expected", "likely", "set", "poised", "due"):
                info["modality"] = "predicted"
            elif d in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "poss", "npadvmod"):
                # an event noun inside another phrase: inherit the phrase's context, keep walking
                pass
            x = h
            first = False
        return info

    # ---- actors -----------------------------------------------------------------------------
    def actors_of(self, tok, ctx, exclude: set = frozenset(), depth: int = 0, poss: bool = True) -> list[Actor]:
        """Actors a token stands for: its mention, conjuncts, appositions, modifiers, 'of' phrases."""
        if tok is None or depth > 3:
            return []
        m_at = ctx.mention_at_token
        out: list[Actor] = []
        seen: set = set()

        def add(a: Optional[Actor]):
            if a is None:
                return
            key = (a.start, a.end)
            if key in seen or key in exclude:
                return
            seen.add(key)
            out.append(a)

        def own(t) -> Optional[Actor]:
            if m_at is not None:
                m = m_at.get(t.i)
                return getattr(m, "actor", None) if m is not None else None
            # no actors stage: uncoded actors from named entities
            if t.ent_type_ in ACTOR_LABELS:
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                if ent is not None:
                    return Actor(**span_of(t.doc.text, ent.start_char, ent.end_char).model_dump(),
                                 why="named entity (no actors stage)")
            return None

        def phrase_actors(t) -> list[Actor]:
            got = []
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            got += self.actors_of(g, ctx, exclude, depth + 1, poss)
            return got

        group = [tok] + list(tok.conjuncts)
        for t in group:
            a = own(t)
            if a is not None and not a.code and t.pos_ in ("NOUN", "PROPN"):
                # rule uncoded-head-phrase: an uncoded mention takes the parties of its own "of",
                # "from", "in" phrase ("expelled envoys from Chile and Peru", "migrants from
                # Eritrea")
                sub = [x for x in phrase_actors(t) if x.code]
                if sub:
                    for x in sub:
                        add(x)
                    continue
            if a is not None:
                add(a)
                # rule pair_coref (actors stage): "the two leaders" stands for both parties
                m = m_at.get(t.i) if m_at is not None else None
                partner = getattr(m, "partner", None)
                if partner is not None and not any(x.code == partner.code and x.kb_id == partner.kb_id for x in out):
                    out.append(partner)
                if a.code:
                    # rule coordinated-modifiers: "Chilean and Peruvian negotiators", "the navies
                    # of Chile and Peru": each coordinated modifier is a party
                    for c in t.children:
                        if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < t.i and c.conjuncts:
                            for x in (c, *c.conjuncts):
                                add(own(x))
                        elif c.dep_ == "prep" and c.lower_ == "of":
                            for g in c.children:
                                if g.dep_ == "pobj":
                                    for x in g.conjuncts:
                                        add(own(x))
                continue
            found = False
            for c in t.children:
                if c.dep_ == "appos":
                    a = own(c)
                    if a is not None:
                        add(a)
                        found = True
            if found:
                continue
            for c in t.children:
                if c.dep_ in (("compound", "amod", "nmod", "poss") if poss else ("compound", "amod", "nmod")) and c.i < t.i:
                    if c.dep_ == "compound" and t.pos_ == "NOUN" and self._place_where(c, t) and self._violent_noun(t):
                        continue    # rule place_compound_where: "the Paris attacks killed 130"
                    a = own(c)
                    if a is not None:
                        add(a)
                        found = True
            if found or t.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                continue
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            for a in self.actors_of(g, ctx, exclude, depth + 1, poss):
                                add(a)
        return out

    def _fallback_source(self, src_tok, fr: Frame, ctx, pl) -> list[Actor]:
        """No actor as subject: an event-noun or weapon subject's place ("a bombing near Samarra
        killed ..."), or, for material conflict, the place where it happened (as coders of event
        data do). Rule agentless-place-actor: a passive act of investigation, expulsion, coercion
        or violence with no agent ("was arrested in Niger", "were killed in a blast in Beirut",
        "were expelled from Chad") takes the country of the place where it was done, as both
        gold sets we train and measure on code it; other passives without an agent name no doer
        (neither the place nor the patient)."""
        code = fr.pattern.code if fr.pattern is not None else fr.code
        if fr.kind == "verb" and self.agent(fr.trigger) is None and any(
                c.dep_ in ("auxpass", "nsubjpass") for c in fr.trigger.children):
            if code[:2] not in PLACE_ACTOR_ROOTS and fr.code[:2] not in PLACE_ACTOR_ROOTS:
                return []
            by_clause = self._cause_clause_agent(fr.trigger, ctx)
            if by_clause:
                return by_clause
            heads = [fr.trigger, *[c for c in fr.trigger.conjuncts if c.i > fr.trigger.i],
                     *[t for t in fr.span_tokens if t.i != fr.trigger.i and t.pos_ == "NOUN"]]
            preps = PLACE_PREPS + (("from",) if code[:2] in ("16", "17") else ())
            return self._place_of_act(heads, preps, ctx)
        if src_tok is not None and src_tok.pos_ == "NOUN" and ctx.mention_at_token is not None \
                and src_tok.i not in ctx.mention_at_token:
            got = self._place_of_act([src_tok], PLACE_PREPS, ctx)
            if got:
                return got
        if src_tok is not None and src_tok.pos_ == "NOUN":
            for d in src_tok.subtree:
                if d.dep_ == "pobj" and d.head.dep_ == "prep" and d.ent_type_ in ("GPE", "LOC"):
                    got = self.actors_of(d, ctx)
                    if got:
                        return got
        if pl is not None and self.cb.types.get(pl.event, {}).get("quad") == 4:
            for c in fr.trigger.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "near", "outside", "at"):
                    for d in c.subtree:
                        if d.ent_type_ in ("GPE", "LOC", "NORP"):
                            got = self.actors_of(d, ctx)
                            if got:
                                return got
        return []

    def _cause_clause_agent(self, v, ctx) -> list[Actor]:
        """Rule cause-clause-agent: an agentless passive harm with a clause of time or cause that
        tells the attack ("23 civilians were killed as government forces launched air strikes",
        "... were wounded after a rebel car bomb struck a bus") has that clause's doer as actor:
        the coded subject of an as/after/when/while clause whose verb is a violent act (roots 18-20,
        also as light verb + event noun)."""
        for c in [x for h in (v, *v.conjuncts) for x in h.children]:
            if c.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("as", "after", "when", "while")
                                            for m in c.children):
                continue
            codes = []
            m, _ = self.match_verb(c)
            if m is not None:
                codes.append(m.pattern.code)
            for o in c.children:
                if o.dep_ in ("dobj", "obj"):
                    mn, _ = self.match_noun(o)
                    if mn is not None:
                        codes.append(mn.pattern.code)
            if not any(k[:2] in ("18", "19", "20") for k in codes):
                continue
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is None:
                continue
            got = [a for a in self.actors_of(subj, ctx) if a.code]
            if not got and subj.pos_ == "NOUN":
                got = self._subject_agent(subj, ctx)
            if got:
                return got
        return []

    @staticmethod
    def _place_of_act(heads: list, preps: tuple, ctx) -> list[Actor]:
        """The first place (a country, city or region the actors stage resolved to a country) in
        a locative phrase of one of ``heads``, following "in/near/at ... of ..." chains only ("in
        a residential district of eastern Beirut", "near the town of Samarra"; not "in an attack
        on Kabul"), as an actor marked with the rule."""
        m_at = ctx.mention_at_token
        if m_at is None:
            return []

        def walk(prep):
            for g in prep.children:
                if g.dep_ != "pobj":
                    continue
                yield g
                for p in g.children:
                    if p.dep_ == "prep" and p.lower_ in PLACE_PREPS + ("of",):
                        yield from walk(p)
                for c in g.conjuncts:
                    yield c
        for h in heads:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in preps:
                    continue
                for g in walk(c):
                    m = m_at.get(g.i)
                    if m is None and g.lemma_.lower() in PLACE_NOUNS:
                        # "in the Samarra area": a name modifying a place word
                        m = next((m_at.get(x.i) for x in g.children if x.dep_ == "compound" and x.i in m_at), None)
                    a = getattr(m, "actor", None) if m is not None else None
                    if a is None or getattr(m, "res_kind", "") not in ("country", "place", "seat") \
                            or not a.code or len(a.code) != 3 or a.code in ("IGO", "NGO", "IMG", "MNC"):
                        continue
                    why = f"{a.why}; {PLACE_WHY}"
                    return [a.model_copy(update={"why": why, "sector": None, "cameo": a.code})]
        return []

    def _figurative(self, fr: Frame, code: str) -> Optional[str]:
        """Why a matched trigger is not a political event here, if it is not."""
        t = fr.trigger
        lc = self.lex.control
        if fr.kind == "verb" and int(code[:2]) >= 14:
            # a word the pattern itself names ("declare a state of emergency") or part of a name
            # ("fight the Islamic State") is no figurative object
            named = set((fr.rule or "").rsplit(":", 1)[-1].lower().split())
            objs = [c for c in t.children if c.dep_ in ("dobj", "obj") and c.pos_ != "PROPN"
                    and c.ent_type_ not in ("ORG", "GPE", "NORP", "PERSON", "FAC", "LOC")
                    and c.lemma_.lower() not in named and c.lower_ not in named]
            if any(o.lemma_.lower() in lc.get("non_targets", ()) or o.lower_ in lc.get("non_targets", ())
                   for o in objs):
                return "figurative object"
        if fr.kind == "verb" and t.lemma_.lower() in ("ask", "wonder", "inquire", "enquire") and not fr.rule.startswith("control"):
            if any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") or g.tag_ in ("WDT", "WP", "WRB")
                                             for g in c.children) for c in t.children):
                return "a question, not a request"
            if t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in t.children):
                return "'asked about ...' introduces an answer"
        return None

    def _non_agent_cause(self, t):
        """The disaster or accident a passive harm verb names as its cause ("were killed in the
        storm", "died ... injured by the blast of a gas leak": storm, crash, fire ...; the words of
        ``non_agents`` in control.yaml), or None."""
        if not any(c.dep_ == "auxpass" for c in t.children) and t.tag_ != "VBN":
            return None
        words = self.lex.control.get("non_agents", ())
        for c in t.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after", "from"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in words:
                        return g
        return None

    SELF_PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"}

    def _self_dyad_evidence(self, actors: list[Actor], recips: list[Actor], doc) -> list[Actor]:
        """A recipient that is the actor again needs evidence in the text: a pronoun recipient
        resolved to the actor's own country ("Turkey called for restraint and said it ...") is the
        actor speaking of itself, not a second party. Named recipients of the same country stay
        (domestic dyads: the police and protesters, the government and a province)."""
        own = {(a.code or "")[:3] for a in actors if a.code}
        if not own:
            return recips
        return [r for r in recips if not (r.code and r.code[:3] in own and r.text.lower() in self.SELF_PRONOUNS)]

    @staticmethod
    def _coordinated(doc, a: Actor, b: Actor) -> bool:
        """Whether two mentions are conjuncts of one coordination ("X and Y")."""
        sa = doc.char_span(a.start, a.end, alignment_mode="expand")
        sb = doc.char_span(b.start, b.end, alignment_mode="expand")
        if sa is None or sb is None or not len(sa) or not len(sb):
            return False
        ra, rb = sa.root, sb.root
        return rb.i in {c.i for c in ra.conjuncts} or (ra.head.i == rb.head.i and ra.dep_ == rb.dep_ == "compound")

    @staticmethod
    def _locative(doc, a: Actor) -> bool:
        """Whether a mention is the object of a locative preposition ("in Lima", "at the
        border"): where the act happened, not a party."""
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        r = span.root
        return r.dep_ == "pobj" and r.head.lower_ in ("in", "at", "inside", "within", "near", "outside")

    @staticmethod
    def _direct(doc, a: Actor) -> bool:
        """Whether a recipient is an argument of the act itself: an object, a dative or the object
        of "with/to/between/toward" (or a conjunct of one), as against a topic ("on", "over",
        "about"), a possessor, or a party found deeper in the clause."""
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            return True
        r = span.root
        for _ in range(6):
            # a conjunct, a modifier or an "of" phrase of an argument ("tariffs on American
            # products", "a ban on imports of Egyptian goods", "welcomed the OPCW visit") is read as
            # that argument
            if r.dep_ in ("conj", "compound", "amod", "nmod", "poss", "appos") and r.head.i != r.i:
                r = r.head
            elif r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.i != r.head.i:
                r = r.head.head
            else:
                break
        if r.dep_ in ("dobj", "obj", "dative", "iobj", "nsubjpass"):
            return True
        return r.dep_ == "pobj" and r.head.lower_ in ("with", "to", "between", "toward", "towards", "against", "on",
                                                      "upon", "for", "from", "into")

    @staticmethod
    def _is_place(doc, a: Actor) -> bool:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        return span is not None and span[-1].ent_type_ in ("GPE", "LOC", "FAC")

    def _deep_recipient(self, fr: Frame, src_tok, actors: list, ctx) -> list[Actor]:
        """No recipient in the usual places: the first other actor within the trigger's clause
        (purpose clauses, complements, possessors: "staged rallies to demand reforms by the
        government", "denounced Serbia's crackdown"). Marked in the actor's ``why``."""
        if ctx.mention_at_token is None:
            return []
        skip = {t.i for t in src_tok.subtree} if src_tok is not None and src_tok.i != fr.trigger.i else set()
        # other clauses are other events: conjoined or paratactic clauses with their own subject,
        # relative clauses
        for t in fr.trigger.subtree:
            if t.i == fr.trigger.i:
                continue
            if t.dep_ == "relcl" or (t.dep_ in ("conj", "parataxis") and t.pos_ in ("VERB", "AUX")
                                               and any(c.dep_ in SUBJ or c.dep_ == "nsubjpass" for c in t.children)):
                skip.update(x.i for x in t.subtree)
            elif t.dep_ == "prep" and t.lower_ in ("according", "per"):
                # an attribution ("according to a statement from Tokyo") names a source, not a target
                skip.update(x.i for x in t.subtree)
            elif t.dep_ == "ccomp" and t.head.i != fr.trigger.i and t.head.lemma_.lower() not in HELP_VERBS:
                # what another verb reports is not this act's target: "dismissed the measures
                # and said Moscow would respond" (rule help-complement: "sent aid to help Haiti
                # recover" is no report; whom the act helps is its recipient)
                skip.update(x.i for x in t.subtree)
        taken = {(a.start, a.end) for a in actors}
        for t in fr.trigger.subtree:
            if t.i in skip or t.i == fr.trigger.i:
                continue
            m = ctx.mention_at_token.get(t.i)
            a = getattr(m, "actor", None) if m is not None else None
            if a is None or (a.start, a.end) in taken or not a.code:
                continue
            sp = t.doc.char_span(a.start, a.end, alignment_mode="expand")
            head = sp.root if sp is not None and len(sp) else t
            own = {(x.code or "")[:3] for x in actors if x.code}
            if self._moved_unit(fr, head, ctx, own) or self._event_noun_object(fr, head):
                continue      # the forces moved, the act itself ("launched airstrikes")
            if t.dep_ in ("nsubj",) and t.head.i == fr.trigger.i:
                continue
            return [a]
        return []

    def recipients(self, fr: Frame, ctx, source_keys: set) -> list[Actor]:
        tok = fr.trigger
        cands: list = list(fr.recipient_toks)
        if fr.kind == "noun":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                    cands += [g for g in c.children if g.dep_ == "pobj"]
        else:
            # the patient of a passive: with an agent, or bound by the pattern ("three journalists were
            # arrested" for "arrest journalist"); a bare passive verb with neither names nobody
            bound = {t.i for t in fr.span_tokens}
            agent = self.agent(tok) is not None
            cands += [c for c in tok.children if c.dep_ == "nsubjpass" and (agent or c.i in bound)]
            cands += [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
            cands += [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS
                      and c.lower_ != "by" for g in c.children if g.dep_ == "pobj"]
            cands += [g for c in tok.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
        if fr.kind == "noun" and fr.rule.startswith("light:") and fr.span_tokens:
            # rule light-verb-args: the light verb's own dative and prepositional objects ("gave X a
            # warning", "held talks with X", "launched strikes against X": the "with"/"against" phrase
            # often hangs from the verb, not from the noun)
            lv = fr.span_tokens[0]
            if lv.i != tok.i:
                cands += [c for c in lv.children if c.dep_ in ("dative", "iobj")]
                cands += [g for c in lv.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS
                          and c.lower_ not in ("by", "of") for g in c.children if g.dep_ == "pobj"]
        code = fr.pattern.code if fr.pattern is not None else fr.code
        if code[:2] in ("02", "10") or fr.code[:2] in ("02", "10"):
            # rule request-complement-subject: whom a demand or call is on is the subject of its
            # clause ("its demand that Ottawa drop the tariffs", "calls for Minsk to free ...")
            heads = [tok] + [t for t in fr.span_tokens if t.pos_ == "NOUN"]
            cands = [g for h in heads for c in h.children if c.dep_ in ("acl", "ccomp")
                     for g in c.children if g.dep_ in ("nsubj", "nsubjpass")] + cands
        if fr.comp is not None and fr.comp.i != tok.i:
            cands += [c for c in fr.comp.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
            cands += [g for c in fr.comp.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS
                      for g in c.children if g.dep_ == "pobj"]
        own_codes = {k[:3] for k in source_keys if isinstance(k, str)}
        cands = self._forces_not_recipient(fr, cands, ctx, own_codes)
        cands = self._event_noun_objects(fr, cands)
        cands = self._weapons_not_recipient(cands)
        # places of the act as a last resort ("lifted the curfew in Montenegro")
        late = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "inside", "within")
                for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC")]
        out: list[Actor] = []
        named: list[Actor] = []
        self._named_recipients = named
        source_codes = {k for k in source_keys if isinstance(k, str)}
        for c in cands + [None] + late:
            if c is None:
                if out:
                    break
                continue
            mission = self._mission_place(fr, c, ctx)
            if mission:
                got = mission
            elif self._event_noun_object(fr, c):
                # the act itself: only its owner ("rejected Kenyan calls", "breached the council's ban")
                got = [a for m in c.children if m.dep_ in ("compound", "poss", "amod", "nmod") and m.i < c.i
                       for a in self.actors_of(m, ctx, source_keys) if not a.start <= c.idx < a.end]
            else:
                got = [a for a in self.actors_of(c, ctx, source_keys, poss=True)
                       if not (c.dep_ in ("dobj", "obj") and a.code and a.code in source_codes
                               and any(t.dep_ == "poss" and t.idx <= a.start < t.idx + len(t.text) + 1
                                       for t in c.children))]
            if not got and c.pos_ in ("NOUN", "PROPN"):
                # look one or two prepositional hops down: "commitment to a partnership with X"
                for d in c.subtree:
                    if d is c or d.dep_ != "pobj" or d.head.lower_ not in RECIPIENT_PREPS:
                        continue
                    got = self._mission_place(fr, d, ctx) or self.actors_of(d, ctx, source_keys)
                    if got:
                        break
            if not got and (c.dep_ in ("dobj", "obj", "dative", "iobj", "nsubjpass") or (
                    c.dep_ == "pobj" and c.head.lower_ in NAMED_PREPS)):
                # kept for the end: a coded party found later (or by _deep_recipient) comes first
                named += [a for a in self._named_actor(c, ctx) if (a.start, a.end) not in source_keys]
            for a in got:
                if (a.start, a.end) not in {(o.start, o.end) for o in out}:
                    out.append(a)
            if out and c.dep_ in ("dobj", "obj", "nsubjpass", "dative", "iobj"):
                break
        if fr.source_tok is None and not out:
            pass
        return out

    def _mission_place(self, fr: Frame, tok, ctx) -> list[Actor]:
        """Rule mission-in-country: a peacekeeping, security or observer force or mission "in" a
        country ("troops for the UN peacekeeping force in South Sudan", "extended the mandate of
        the monitoring mission in Georgia") stands for that country as the act's recipient, not for
        the organisation that runs it (the coders' reading: contributions, extensions and
        deployments are made to the country). Cooperative and posture acts only (roots 03-08, 15):
        an attack on or a criticism of the force targets the force. Empty when it does not apply."""
        if tok is None or ctx.mention_at_token is None or tok.lemma_.lower() not in MISSION_NOUNS:
            return []
        code = fr.pattern.code if fr.pattern is not None else fr.code
        if code[:2] not in MISSION_ROOTS and fr.code[:2] not in MISSION_ROOTS:
            return []
        words = {c.lower_ for c in tok.children if c.i < tok.i} | {
            g.lower_ for c in tok.children if c.i < tok.i for g in c.subtree}
        m = ctx.mention_at_token.get(tok.i)
        igo = m is not None and (m.actor.code or "").startswith("IGO")
        if not (words & MISSION_WORDS or igo or any(w.endswith("-led") for w in words)):
            return []
        got = self._place_of_act([tok], ("in", "inside"), ctx)
        if not got:
            return []
        a = got[0]
        why = (a.why or "").replace(PLACE_WHY, f"the country of the mission '{tok.text}' (rule mission-in-country)")
        return [a.model_copy(update={"why": why})]

    def _moves_forces(self, fr: Frame) -> bool:
        code = fr.pattern.code if fr.pattern is not None else fr.code
        return code.startswith(FORCE_MOVING_CODES)

    def _subject_agent(self, src_tok, ctx) -> list[Actor]:
        """Rule subject-by-agent: a subject that is an act or a weapon with its doer in a "by"
        phrase ("a bombing by the rebel group killed ...", "the rockets fired by the army
        struck ...", "an attack carried out by X wounded ...") has that doer as the actor,
        not the weapon (whose code, if any, is the context's). Empty when it does not apply."""
        if src_tok is None or src_tok.pos_ != "NOUN":
            return []
        lem = src_tok.lemma_.lower()
        if lem not in INSTRUMENTS and not (self.lex.nouns.get(lem) or self.lex.nouns.get(src_tok.lower_)):
            return []
        agents = self._by_agents(src_tok) if hasattr(self, "_ctx") else []
        for c in src_tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                g = self.agent(c)
                if g is not None:
                    agents.append(g)
        return [a for g in agents for a in self.actors_of(g, ctx)]

    @staticmethod
    def _named_actor(tok, ctx) -> list[Actor]:
        """Rule named-argument: a proper-noun argument that the actors stage left without a mention
        ("ZRC returned ...", "accused Zorvakov of ...", "The Zorvakian Relief Command
        will investigate ...") is still the party: an uncoded actor over its entity (or its proper-noun
        run), ``why`` = :data:`NAMED_WHY`. Dates, amounts, works and laws are not parties, nor
        long spans, quoted titles and the words of a title-case headline. Only with the actors
        stage (the mentions it found come first)."""
        acronym = tok.is_upper and len(tok.text) >= 2 and tok.is_alpha and tok.pos_ == "NOUN"   # "ICE"
        if ctx.mention_at_token is None or not (tok.pos_ == "PROPN" or acronym) or tok.ent_type_ not in NAMED_LABELS:
            return []
        if any(ch.isdigit() for ch in tok.text) or any(c.dep_ == "nummod" or c.like_num for c in tok.children):
            return []       # "USD 4 million", "USD4"
        doc = tok.doc
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            s, e = ent.start, ent.end
        else:
            left = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.i < tok.i and c.pos_ == "PROPN"]
            s, e = (min(c.i for c in left) if left else tok.i), tok.i + 1
        # hyphenated names the tokeniser split ("Jamaat-e-Zorvak")
        while e < len(doc) and doc[e - 1].whitespace_ == "" and (doc[e].text == "-" or doc[e - 1].text == "-"):
            e += 1
        while s > 0 and doc[s - 1].whitespace_ == "" and (doc[s - 1].text == "-" or doc[s].text == "-"):
            s -= 1
        span = doc[s:e]
        if len(span) > 6 or any(t.is_quote for t in span):
            return []       # a headline or a title read as one name
        root = tok.sent.root
        if root.i > tok.sent.start and root.pos_ in ("VERB", "AUX") and root.text[:1].isupper():
            return []       # a title-case headline ("X Accused Of ..."): every word looks like a name
        if span[0].lower_ == "the" and len(span) > 1:
            span = span[1:]
        return [Actor(**span_of(doc.text, span.start_char, span.end_char).model_dump(), why=NAMED_WHY)]

    def _event_noun_object(self, fr: Frame, t) -> bool:
        """Whether ``t`` is the event noun that the pattern bound as the verb's object ("launched
        airstrikes", "carried out raids", "imposed sanctions"): the act itself, not a party."""
        if t.dep_ not in ("dobj", "obj") or t.i not in {x.i for x in fr.span_tokens} or t.i == fr.trigger.i:
            return False
        code = fr.pattern.code if fr.pattern is not None else fr.code
        if code[:2] not in EVENT_NOUN_OBJECT_ROOTS:
            return False
        return bool(self.lex.nouns.get(t.lemma_.lower()) or self.lex.nouns.get(t.lower_))

    def _event_noun_objects(self, fr: Frame, cands: list) -> list:
        """Rule event-noun-object: an event noun bound as the verb's object ("launched airstrikes on
        X", "carried out raids against X", "imposed sanctions on X") is the act, not its recipient,
        even when the actors stage gave it a code; the recipient is in its own prepositional
        phrase ("on", "against", "with", "to" ...), tried first; the noun itself then gives only its
        owner ("rejected Kenyan calls for ...", "breached the council's ban"). Acts only
        (``EVENT_NOUN_OBJECT_ROOTS``): aid and supplies given (06-08) are things, read as before."""
        out = []
        for c in cands:
            if self._event_noun_object(fr, c):
                out += [g for p in c.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                        and p.lower_ not in ("by", "of") for g in p.children if g.dep_ == "pobj"]
            out.append(c)     # read after its phrases, for its owner only (see recipients)
        return out

    @staticmethod
    def _weapons_not_recipient(cands: list) -> list:
        """Rule weapons-not-recipient: a weapon as the object ("launched artillery and rocket fire
        against X", "offered Y attack helicopters", "fired missiles at X") is what is used or given,
        never a party, even when the actors stage reads it as a military agent ("artillery"); its
        own and its conjuncts' "against/at/on/to ..." phrases are read in its place."""
        out = []
        for c in cands:
            if c.dep_ not in ("dobj", "obj") or c.lemma_.lower() not in WEAPONS:
                out.append(c)
                continue
            for x in (c, *c.conjuncts):
                out += [g for p in x.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                        and p.lower_ not in ("by", "of", "with", "from") for g in p.children if g.dep_ == "pobj"]
        return out

    def _moved_unit(self, fr: Frame, t, ctx=None, own_codes: frozenset = frozenset()) -> bool:
        """Whether ``t`` is a military unit the act moves (see :meth:`_forces_not_recipient`): not
        one of another country than the actor's ("expelled several U.N. peacekeepers", "sent troops
        to help the Chilean navy")."""
        if t.lemma_.lower() not in MILITARY_UNITS and t.lower_ not in MILITARY_UNITS:
            return False
        if ctx is not None and ctx.mention_at_token is not None:
            # the unit's country as its own words name it ("the U.N. peacekeepers", "the Chilean
            # navy"); a bare unit's code comes from the context and says nothing of its owner
            for m in t.children:
                if m.dep_ in ("compound", "amod", "nmod", "poss") and m.i < t.i:
                    got = ctx.mention_at_token.get(m.i)
                    code = ((getattr(getattr(got, "actor", None), "code", None) or "")[:3]) if got else ""
                    if code and code not in own_codes:
                        return False
        own = any(g.dep_ == "poss" and g.lower_ in self.SELF_PRONOUNS for g in t.children) \
            and int(fr.code[:2]) < 17      # not "attacked its troops"
        return own or self._moves_forces(fr)

    def _forces_not_recipient(self, fr: Frame, cands: list, ctx=None, own_codes: frozenset = frozenset()) -> list:
        """Rule forces-not-recipient: the object of an act that sends, deploys, withdraws or
        strengthens forces ("sent 200 soldiers to Latvia", "pulled its peacekeepers out of the buffer zone",
        "reinforced its troops in the north") is what the actor moves, not whom it acts on; the
        recipient is where they go or come from: the verb's (or the unit's own) "to", "into", "in",
        "from" ... phrase. Units of another party ("attacked Afghan troops", "released the
        soldiers") are not touched: the rule holds for acts that move one's forces
        (``FORCE_MOVING_CODES``), or units owned by a pronoun ("its troops")."""
        def unit(c) -> bool:
            if c.dep_ not in ("dobj", "obj"):
                return False
            # "some of its troops", "part of the forces"
            heads = [c] + [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                           if g.dep_ == "pobj"]
            return any(self._moved_unit(fr, h, ctx, own_codes) for h in heads)
        units = [c for c in cands if unit(c)]
        if not units:
            return cands
        out = [c for c in cands if not any(c.i == u.i for u in units)]
        dest = []
        for u in units:
            for holder in (u.head, u):
                dest += [g for c in holder.children if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS
                         for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
            # "sent in troops": the particle carries no place; nothing to add
        known = {c.i for c in out}
        return [g for g in dest if g.i not in known] + out

    def _speaker_for_pronoun(self, src_tok, ctx) -> list[Actor]:
        """Rule reported-pronoun-speaker: a pronoun subject ("it", "they", "he" ...) of a verb reported
        by a reporting verb ("The army said it shelled ...", "The militia commanders said they would
        hand over their guns") stands for the reporting verb's subject, when that subject is a named
        actor that agrees with it (he/she: not a plural; it: not a person); "his country", "its
        government" is the speaker's country ("Chile's foreign minister said his country would
        not recognise ..."). Empty when it does not apply."""
        own_country = src_tok is not None and src_tok.lemma_.lower() in OWN_BODIES and any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their", "our") for c in src_tok.children)
        if src_tok is None or (src_tok.lower_ not in PERSONAL_PRONOUNS and not own_country):
            return []
        x = src_tok.head
        for _ in range(6):
            if x.dep_ == "ccomp":
                break
            if x.dep_ not in ("conj", "xcomp", "aux") or x.head.i == x.i:
                return []
            x = x.head
        else:
            return []
        rep = x.head
        if not self._cls("report", rep):
            return []
        spk = next((c for c in rep.children if c.dep_ == "nsubj"), None)
        if spk is None or spk.lower_ in PERSONAL_PRONOUNS or spk.pos_ == "PRON":
            return []
        if src_tok.lower_ in ("he", "she"):
            # a person pronoun the actors stage could not resolve is as often someone else
            # ("'He wants to hurt them,' a neighbour said"): only a resolved one is re-spanned
            m = ctx.mention_at_token.get(src_tok.i) if ctx.mention_at_token is not None else None
            if spk.tag_ in ("NNS", "NNPS") or not getattr(getattr(m, "actor", None), "code", None):
                return []
        if src_tok.lower_ == "it" and spk.ent_type_ == "PERSON":
            return []
        got = self.actors_of(spk, ctx)
        if own_country:
            # "X's foreign minister said his country would ...": the speaker's country (its code
            # without the speaker's sector), spanned on the subject's own words
            codes = {(a.code or "")[:3] for a in got if a.code}
            if len(codes) != 1:
                return []
            c = codes.pop()
            return [Actor(**span_of(src_tok.doc.text, src_tok.left_edge.idx,
                                    src_tok.idx + len(src_tok.text)).model_dump(), code=c, cameo=c,
                          why=f"the speaker's own {src_tok.lower_} (rule reported-pronoun-speaker)")]
        return got

    @staticmethod
    def _same_entity(a: Actor, r: Actor) -> bool:
        """Rule self-dyad-identity: two mentions are the same party when they resolve to the same
        knowledge-base entry (a person's, an organisation's); without one, the same full CAMEO code
        is one party only for two names ("Moscow", "the Kremlin") or two mentions with one head
        noun. Two offices of one government ("the president" and "the former prime minister",
        both ISRGOV) are two parties."""
        specific = [k for k in (a.kb_id, r.kb_id) if k and not k.startswith("cty:")]
        if len(specific) == 2:
            return a.kb_id == r.kb_id
        if specific or not (a.cameo and len(a.cameo) > 3 and a.cameo == r.cameo):
            return False
        # a country-level code stands for any office or body of the country: the same party only
        # when both mentions are names ("Moscow", "the Kremlin") or share their head noun
        wa, wr = a.text.split(), r.text.split()
        if not wa or not wr:
            return False
        named = all(w[:1].isupper() or w.lower() == "the" for w in wa + wr)
        return named or wa[-1].lower() == wr[-1].lower()

    def _joint_recipients(self, fr: Frame, code: str, actors: list[Actor]) -> list[Actor]:
        """Rule joint-coordination: coordinated parties of a mutual act with no other recipient
        ("X and Y signed an agreement", "X and Y agreed to hold talks") act on each other: each one
        is the other's recipient (listed from the second party on). Verbal and material cooperation
        only (CAMEO roots 03-06); the parties must have different country codes."""
        if code[:2] not in JOINT_ROOTS or len(actors) < 2:
            return []
        if len({(a.code or "")[:3] for a in actors if a.code}) < 2:
            return []
        return actors[1:] + actors[:1]

    # ---- the sentence ------------------------------------------------------------------------
    def _word_cues(self, sent, ctx) -> Optional[tuple[list[int], list[int]]]:
        """Token indices of ``sent`` worth a look: ``(pattern words, control words)``. A token
        whose lemma and word (in every inflection :func:`lemma_keys` tries) hold no verb or noun
        pattern gets none tried (``match_verb``/``match_noun`` find nothing), and one whose keys
        are in no control class is skipped by the control loop: both lists keep only the others,
        in order, so the loops below do what they did on every token. Decided once per distinct
        (lemma, word, tag) from the doc's token columns (kept in the context's private
        ``_event_word_cues`` per doc); None for a context without that slot (every token is walked)."""
        if not hasattr(ctx, "_event_word_cues"):
            return None
        doc = sent.doc
        cols = ctx._event_word_cues
        if cols is None or cols[0] is not doc:
            from spacy.attrs import LEMMA, LOWER, TAG

            arr = doc.to_array([LEMMA, LOWER, TAG])
            keys = list(zip(*arr.T.tolist())) if len(arr) else []
            memo = self._cue_memo
            if len(memo) > 200_000:
                memo.clear()
            lc = self.lex.control
            ctl_words = set().union(*lc.values()) if lc else set()
            pat_ok, ctl_ok = [], []
            for i, key in enumerate(keys):
                flags = memo.get(key)
                if flags is None:
                    tok = doc[i]
                    lk = lemma_keys(tok)
                    verb = any(k in self.lex.verbs for k in lk)
                    noun = bool(self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_))
                    flags = memo[key] = (verb or noun, not ctl_words.isdisjoint(lk))
                if not flags[0] and i > 1 and doc[i - 1].text == "-" and any(
                        f in self.lex.verbs for f in hyphen_forms(doc[i])):
                    pat_ok.append(i)      # rule hyphen-compound: the last part of "de-escalated"
                elif flags[0]:
                    pat_ok.append(i)
                if flags[1]:
                    ctl_ok.append(i)
            cols = ctx._event_word_cues = (doc, pat_ok, ctl_ok)
        _, pat_ok, ctl_ok = cols
        s, e = sent.start, sent.end
        return ([i for i in pat_ok[bisect_left(pat_ok, s):bisect_left(pat_ok, e)]],
                [i for i in ctl_ok[bisect_left(ctl_ok, s):bisect_left(ctl_ok, e)]])

    def code_sentence(self, sent, ctx, s_index: int, trace: Optional[Trace] = None) -> list[Frame]:
        self._ctx = ctx
        frames: dict[int, Frame] = {}
        consumed: set[int] = set()
        matches: dict[int, Match] = {}
        cues = self._word_cues(sent, ctx)
        for tok in sent if cues is None else (sent.doc[i] for i in cues[0]):
            if (tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))) \
                    and tok.dep_ not in ("amod", "compound", "dobj", "pobj", "nsubj", "nsubjpass"):
                m, tried = self.match_verb(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                m, tried = self.match_noun(tok)
            else:
                continue
            if m:
                matches[tok.i] = m
            if trace is not None and tried:
                trace.candidates.append({"token": tok.text, "i": tok.i - sent.start, "lemma": tok.lemma_, "pos": tok.pos_,
                                         "dep": tok.dep_, "tried": tried,
                                         "chosen": m.pattern.id if m else None})

        lc = self.lex.control
        ctl_words = set().union(*lc.values()) if lc else set()
        # control verbs with a complement
        for tok in sent if cues is None else (sent.doc[i] for i in cues[1]):
            if tok.pos_ not in ("VERB", "AUX", "ADJ") and not (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(
                    c.dep_ == "xcomp" for c in tok.children)):
                continue
            keys = lemma_keys(tok)
            if ctl_words.isdisjoint(keys):
                continue   # no control class can hold its lemma (cls stays None below)
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            ccomp = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
            lemma = next((k for k in keys if any(k in v for v in lc.values())), keys[0])
            cls = next((k for k in ("intent_asserted", "intent", "refuse", "fail", "threaten", "appeal", "demand")
                        if lemma in lc.get(k, ())), None)
            if tok.pos_ == "ADJ" and cls is not None and lemma not in lc.get("intent_adj", ()):
                cls = None
            if tok.pos_ == "ADJ" and lemma in lc.get("intent_adj", ()):
                cls = "intent"
            if lemma == "ask" and self._asks_question(tok):
                # rule ask_question: "ask" with a question (a wh-word or if/whether in its
                # complement, "about" + topic, a direct question, or a passive with nothing asked
                # for) is no appeal ("asked whether the border would reopen", "when asked about
                # the vote", "'Is it safe?' she asked"); "ask for X", "ask X to ...", "ask that
                # X be ..." stay appeals
                matches.pop(tok.i, None)
                consumed.update(c.i for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl", "pcomp"))
                continue
            said = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if cls == "demand" and lemma in lc.get("report", ()) and comp is None and not self._orders_clause(said) \
                    and not any(c.dep_ in ("dobj", "obj", "dative") or (
                        said is None and c.dep_ == "prep" and c.lower_ in ("on", "upon")) for c in tok.children):
                # rule insist_assertion: a demand verb that is also a reporting verb ("insist")
                # with a clause in the indicative, a quote or nothing after it asserts ("officials
                # insist the curfew works", "'We are winning,' she insisted"): no demand, and its
                # own pattern is dropped too; a demand still where the clause says what must be
                # done ("insisted that he resign", "insists the army must leave") or "insist on X"
                # without a clause ("insisted on television that ..." asserts)
                matches.pop(tok.i, None)
                continue
            if cls is None and ccomp is not None and lemma in lc.get("report", ()) and any(
                    c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in ccomp.children):
                cls = "demand"      # "X said Y must ...": a demand on Y
            if cls is None:
                continue
            target = comp
            if target is None and cls in ("appeal", "demand") and ccomp is not None and not any(
                    g.dep_ == "mark" and g.lower_ in ("if", "whether") or g.tag_ in ("WDT", "WP", "WRB")
                    for g in ccomp.children):     # "asked whether ...": a question, not a request
                target = ccomp
            if target is None:
                continue
            # follow transparent verbs and further control chains: "vowed to try to improve"
            chain = [target]
            while True:
                nxt = next((c for c in target.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
                if nxt is None or not (target.lemma_.lower() in lc.get("transparent", ()) or target.i not in matches):
                    break
                target = nxt
                chain.append(target)
            cm = matches.get(target.i)
            ccode = cm.pattern.code if cm else None
            own = matches.get(tok.i)
            span = [tok, target]
            rule_c = cm.pattern.id if cm else "-"
            comp_neg = any(c.dep_ == "neg" for c in target.children)
            fr: Optional[Frame] = None
            if cls in ("intent_asserted", "intent"):
                modality = "intended" if cls == "intent" else "asserted"
                if ccode and _root(ccode) == "03":
                    code = ccode
                elif ccode and _is_coop(ccode):
                    code = INTENT_BY_CODE.get(ccode) or INTENT_BY_CODE.get(ccode[:3]) or INTENT_BY_ROOT.get(_root(ccode)) or "030"
                elif ccode and _is_force(ccode):
                    code = THREAT_BY_CODE.get(ccode) or THREAT_BY_ROOT.get(_root(ccode), "130")
                    modality = "asserted"
                elif ccode:
                    code = ccode
                elif own is not None and own.pattern.code[:2] in ("03", "13"):
                    code = own.pattern.code
                else:
                    code = None
                if code:
                    if comp_neg and _is_coop(code):
                        code = REJECT_BY_ROOT.get(_root(ccode or "03"), "120") if ccode else "120"
                        modality = "asserted"
                    fr = Frame(tok, code, f"control:{cls}+{rule_c}", cm.pattern if cm else (own.pattern if own else None),
                               span, modality=modality, confidence=0.85 if cm else 0.7)
            elif cls == "refuse":
                code = (REJECT_BY_CODE.get(ccode) or REJECT_BY_CODE.get(ccode[:3]) or REJECT_BY_ROOT.get(_root(ccode), "120")) if ccode else "120"
                fr = Frame(tok, code, f"control:refuse+{rule_c}", cm.pattern if cm else None, span, confidence=0.85)
                if cm:
                    neg = Frame(target, ccode, f"negated-complement:{cm.pattern.id}", cm.pattern, [target],
                                negated=True, confidence=0.7)
                    frames[target.i] = neg
            elif cls == "fail":
                if cm:
                    frames[target.i] = Frame(target, ccode, f"negated-complement:{cm.pattern.id}", cm.pattern,
                                             [tok, target], negated=True, confidence=0.7)
                    consumed.update(t.i for t in chain)
                continue
            elif cls == "threaten":
                code = (THREAT_BY_CODE.get(ccode) or THREAT_BY_CODE.get(ccode[:3]) or THREAT_BY_ROOT.get(_root(ccode), "130")) if ccode else "130"
                if ccode and _root(ccode) == "13":
                    code = ccode
                fr = Frame(tok, code, f"control:threaten+{rule_c}", cm.pattern if cm else None, span, confidence=0.85)
            elif cls in ("appeal", "demand"):
                k = 0 if cls == "appeal" else 1
                if ccode and lemma in ("order", "force", "compel") and int(ccode[:2]) >= 14:
                    code = ccode    # "ordered the paper to suspend publication": the coercion itself
                elif ccode:
                    pair = REQUEST_BY_CODE.get(ccode) or REQUEST_BY_CODE.get(ccode[:3]) or REQUEST_BY_ROOT.get(_root(ccode))
                    code = pair[k] if pair else ("020", "100")[k]
                elif own is not None and _root(own.pattern.code) in ("02", "10"):
                    code = own.pattern.code
                elif target.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought")
                                                    for c in target.children):
                    code = ("020", "100")[k]
                else:
                    code = None
                if code:
                    rec = [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative")]
                    if target.dep_ == "ccomp":
                        rec += [c for c in target.children if c.dep_ in ("nsubj", "nsubjpass")]
                    fr = Frame(tok, code, f"control:{cls}+{rule_c}", cm.pattern if cm else (own.pattern if own else None),
                               span, confidence=0.85, recipient_toks=rec)
            if fr is not None:
                fr.comp = target
                frames[tok.i] = fr
                consumed.update(t.i for t in chain)
                consumed.add(tok.i)
                # rule control-conjunct: a verb conjoined with the complement and without a subject of
                # its own is part of the same request, intent, refusal or threat ("urged X to lift the
                # tariffs and to stop harassing its fishermen"), not an act of X's (or of the actor's)
                # done now (also a second complement of the same verb: "asked X to help guard the
                # coast, share radar data and expand patrols")
                parts = chain + [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                                 and c.i > target.i]
                consumed.update(p.i for p in parts)
                consumed.update(c.i for t in parts for c in t.conjuncts
                                if c.i > t.i and not any(g.dep_ in SUBJ or g.dep_ == "nsubjpass" for g in c.children))

        # plain triggers
        for i, m in matches.items():
            if i in frames or i in consumed:
                continue
            tok = sent.doc[i]
            consumed_here = set(m.bound)
            if tok.pos_ in ("VERB", "AUX"):
                fr = Frame(tok, m.pattern.code, m.pattern.id, m.pattern, [tok] + [sent.doc[b] for b in m.bound],
                           confidence=0.9 if m.pattern.elements else 0.75)
            else:
                fr = self._noun_frame(tok, m, matches, frames)
                if fr is None:
                    continue
            frames[i] = fr
            consumed.update(consumed_here)
        # nominal events inside the arguments of a coded clause are background ("denounced X's crackdown"),
        # unless they name their agent ("welcomed the release of the hostages by the rebels")
        for i in list(frames):
            fr = frames[i]
            if fr.rule.startswith("noun:") and not fr.rule.endswith("+by"):
                if any(a.i in frames and frames[a.i].kind == "verb" for a in fr.trigger.ancestors):
                    del frames[i]
        # a relative clause describing an argument of a coded event is background
        # ("endorsed a plan that seeks to raise tariffs", "air raids in which 20 were killed")
        for i in list(frames):
            fr = frames[i]
            x, seen_rel = fr.trigger, False
            while x.head.i != x.i:
                if x.dep_ == "relcl":
                    seen_rel = True
                x = x.head
                if seen_rel and x.i in frames and frames[x.i].kind == "verb" and x.i != i:
                    del frames[i]
                    break
        # a participle elaborating a coded event ("attacked the camp, killing 20") and a conjoined verb of
        # the same type without its own subject ("killed two and wounded five") are the same event
        for i in list(frames):
            fr = frames[i]
            t = fr.trigger
            if fr.kind != "verb" or fr.rule.startswith("negated"):
                continue
            if t.dep_ == "advcl" and t.tag_ == "VBG" and not any(c.dep_ == "mark" for c in t.children) \
                    and t.head.i in frames:
                del frames[i]
                continue
            if fr.rule.startswith("control"):
                continue
            if t.dep_ == "conj" and t.head.i in frames and not any(c.dep_ in SUBJ for c in t.children):
                other = frames[t.head.i]
                p1, p2 = self.cb.to_plover(fr.code), self.cb.to_plover(other.code)
                if p1 and p2 and p1.event == p2.event:
                    del frames[i]
        # drop frames whose trigger was consumed as another pattern's argument
        for i in list(frames):
            if i in consumed and not frames[i].rule.startswith(("control", "negated")) and frames[i].kind == "noun":
                del frames[i]
        for i in list(frames):
            t = frames[i].trigger
            if t.lemma_.lower() == "demonstrate" and t.pos_ == "VERB" and any(
                    c.dep_ in ("ccomp", "dobj", "obj") or c.lower_ in ("how", "what", "why") for c in t.children):
                # rule demonstrate_show: "demonstrate" with an object or a clause shows something
                # ("demonstrated that he has the courage", "demonstrate how the money shaped her
                # votes", "demonstrated the missile's range"); only without one is it a protest
                # ("thousands demonstrated in the capital")
                del frames[i]
        for i in list(frames):
            t = frames[i].trigger
            goal = next((c for c in t.children if c.pos_ in ("VERB", "AUX") and (c.dep_ == "xcomp" or (
                c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))), None)
            if frames[i].code[:2] == "19" and t.lemma_.lower() in ("fight", "battle") and goal is not None \
                    and goal.lemma_.lower() not in FIGHT_GOALS and not any(
                        c.dep_ in ("dobj", "obj") or c.dep_ == "prep" and c.lower_ in ("against", "with", "over")
                        for c in t.children):
                # rule fight_for_goal: "fight"/"battle" to reach a goal that is no military one
                # ("fighting to keep the tax", "battled to overtake her rival", "fight to confirm
                # a judge") is striving, not combat; "fought to retake the town" stays a fight
                del frames[i]
        for fr in frames.values():
            if fr.code == "180" and self._verbal_attack(fr):
                fr.code = "111"
                fr.rule += "+verbal_attack"
        return [frames[i] for i in sorted(frames)]

    @staticmethod
    def _verbal_attack(fr: Frame) -> bool:
        """Rule ``verbal_attack``: an attack in words, coded as criticism (111), not as assault:
        "attacked her as weak", "attacked him for backing the deal" (as, or for and a gerund, after
        the verb), "a phony attack", "personal and nasty attacks" (an adjective of speech or of
        its quality), "attacks on his record" (on a position, a statement, a record)."""
        att = next((t for t in fr.span_tokens if t.lemma_.lower() == "attack"), None)
        if att is None:
            return False
        for c in att.children:
            if att.pos_ == "VERB" and c.dep_ == "prep" and (
                    c.lower_ == "as" or c.lower_ == "for" and any(g.tag_ == "VBG" for g in c.children)):
                return True
            if c.dep_ == "amod" and {c.lower_, *(x.lower_ for x in c.conjuncts)} & VERBAL_ATTACK_ADJ:
                return True
            if att.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ in ("on", "against") and any(
                    g.lemma_.lower() in VERBAL_ATTACK_OBJECTS for g in c.children if g.dep_ == "pobj"):
                return True
        return False

    @staticmethod
    def _asks_question(v) -> bool:
        """'ask' used for a question, not a request (rule ask_question)."""
        kids = list(v.children)
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
            return False            # "asked for help"
        wh = ("WDT", "WP", "WP$", "WRB")

        def question_led(c) -> bool:
            return any(g.tag_ in wh or (g.dep_ == "mark" and g.lower_ in ("if", "whether"))
                       for g in c.subtree if g.i <= c.i)
        comps = [c for c in kids if c.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "pcomp")]
        for c in comps:
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) \
                    and not question_led(c):
                return False        # "asked the donors to send food"
            if c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                return False        # "asked that the talks be postponed"
        if any(c.dep_ == "prep" and c.lower_ == "about" for c in kids):
            return True             # "asked about the vote"
        if any(question_led(c) for c in comps):
            return True             # "asked whether ...", "asked what they would do"
        sent = v.sent
        if any(t.text == "?" for t in sent):
            return True             # a direct question: "'Is it safe?' she asked"
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids) or (
            v.tag_ == "VBN" and v.dep_ in ("advcl", "relcl", "acl") and not any(c.dep_ in ("nsubj",) for c in kids))
        return passive and not comps   # "when asked", "who was asked": the one questioned

    @staticmethod
    def _orders_clause(v) -> bool:
        """A complement clause that says what must be done: a modal of obligation ("the army
        must leave", "they should resign") or the subjunctive, a bare verb without a finite
        auxiliary ("that he resign", "that they be released")."""
        if v is None:
            return False
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in ("must", "should", "ought", "shall") for c in aux):
            return True
        if any(c.tag_ in ("MD", "VBZ", "VBP", "VBD") for c in aux):
            return False
        if any(c.lower_ == "be" and c.tag_ == "VB" for c in aux):
            return True
        # (the tagger may call a bare verb after a noun a noun: "that the governor resign")
        return v.tag_ in ("VB", "VBP", "NN") and v.lower_ not in FINITE_FORMS and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("i", "you", "we", "they") for c in v.children)

    def _noun_frame(self, tok, m: Match, matches: dict, frames: dict) -> Optional[Frame]:
        lc = self.lex.control
        h = tok.head
        # the object of a light verb: "held talks", "launched an air strike"
        if tok.dep_ in ("dobj", "obj", "attr") and self._cls("light", h) and h.i not in matches:
            return Frame(tok, m.pattern.code, f"light:{h.lemma_.lower()}+{m.pattern.id}", m.pattern, [h, tok],
                         confidence=0.8, source_tok=self.subject(h), kind="noun")
        # rule light-measure-of: the event noun behind a measure or series noun that is the light
        # verb's object ("launched five days of war games", "began a wave of air strikes")
        if tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in LIGHT_MEASURE_NOUNS \
                and h.head.dep_ in ("dobj", "obj", "attr") and self._cls("light", h.head.head) \
                and h.head.head.i not in matches:
            lv = h.head.head
            return Frame(tok, m.pattern.code, f"light:{lv.lemma_.lower()}+{m.pattern.id}", m.pattern, [lv, tok],
                         confidence=0.8, source_tok=self.subject(lv), kind="noun")
        # an event noun with its own actor: "the rebel takeover of X", "Pakistan's alleged support of Y"
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.i < tok.i
                  and self.actors_of(c, self._ctx)]
        if owners and m.pattern.code[:2] in ("14", "18", "19", "20"):
            # rule place_compound_where: a town or seat of power before a violent event noun or a
            # rally names where it happened, not who did it ("the Paris attacks", "the Orlando
            # shooting", "a San Diego rally"), and a country before "war" without a party named
            # after it is the war's place ("the Iraq war"; "the U.S. war in Afghanistan" keeps its
            # party; "the Sudan conflict", a civil one, keeps the country)
            owners = [c for c in owners if not self._place_where(c, tok)]
        if owners and m.pattern.code[:2] == "14" and tok.lemma_.lower() == "rally" and self._campaign_rally(owners):
            # rule campaign_rally: a rally owned by one person in a story about an election ("a
            # Trump rally", "the senator's rally in Ohio") is the candidate's campaign event, not
            # a protest; rallies of groups ("a rally by the opposition") stay protests
            return None
        if not owners:
            # "the Russian invasion of Ukraine": an adjectival owner when the target is named too
            amods = [c for c in tok.children if c.dep_ == "amod" and c.i < tok.i and self.actors_of(c, self._ctx)]
            targets = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "on", "into")
                       for g in c.children if g.dep_ == "pobj" and self.actors_of(g, self._ctx)]
            if amods and targets:
                owners = amods
        # a nominalisation of an act with its agent in a "by" phrase: "the release of the hostages by
        # Hamas", "the arrest of the leader by the police drew criticism": the act is reported as done,
        # even as the subject of another verb (words and appeals, "rejected calls by X for ...", are not)
        by_agents = self._by_agents(tok) if m.pattern.code[:2] in BY_NOMINAL_ROOTS else []
        if by_agents:
            owners = by_agents
        # nominal events worth coding on their own: material acts, meetings, and alleged acts
        # ("Pakistan's alleged support of ..."); stance nouns (criticism, opposition) are background
        material = self.cb.quad(m.pattern.code) in (2, 4) or m.pattern.code[:2] == "04" or any(
            c.lower_ in lc.get("allege", ()) for c in tok.children)
        if by_agents and tok.dep_ != "compound":
            return Frame(tok, m.pattern.code, f"noun:{m.pattern.id}+by", m.pattern, [tok], confidence=0.6,
                         source_tok=owners[0], kind="noun")
        if owners and material and tok.dep_ not in ("nsubj", "nsubjpass", "compound"):
            if h.i in matches and tok.dep_ in ("dobj", "obj", "pobj") and h.pos_ == "VERB":
                return None      # the argument of another event ("welcomed the takeover")
            return Frame(tok, m.pattern.code, f"noun:{m.pattern.id}", m.pattern, [tok], confidence=0.6,
                         source_tok=owners[0], kind="noun")
        return None

    @staticmethod
    def _no_object(fr) -> bool:
        """Rule no_object: the act's object (or its event noun) is determined by "no" ("gave no
        support to the rebels", "offered no concessions", "held no talks"): the act is denied."""
        t = fr.trigger
        heads = [t] if t.pos_ in ("NOUN", "PROPN") else [c for c in t.children if c.dep_ in ("dobj", "obj")]
        heads += [x for x in fr.span_tokens if x.i != t.i and x.pos_ == "NOUN" and x.dep_ in ("dobj", "obj")]
        return any(c.dep_ == "det" and c.lower_ == "no" for h in heads for c in h.children)

    def _campaign_rally(self, owners) -> bool:
        """Rule campaign_rally: every owner is a person and the article speaks of an election."""
        m_at = getattr(self._ctx, "mention_at_token", None)
        if m_at is None:
            return False
        if not all(getattr(m_at.get(c.i), "res_kind", None) == "person" for c in owners):
            return False
        doc = owners[0].doc
        return any(t.lemma_.lower() in CAMPAIGN_WORDS for t in doc)

    def _violent_noun(self, tok) -> bool:
        m, _ = self.match_noun(tok)
        return m is not None and m.pattern.code[:2] in ("18", "19", "20")

    def _place_where(self, c, tok) -> bool:
        """A compound place name before an event noun that says where, not who (rule
        place_compound_where)."""
        if c.dep_ != "compound":
            return False
        m_at = getattr(self._ctx, "mention_at_token", None)
        mention = m_at.get(c.i) if m_at is not None else None
        kind = getattr(mention, "res_kind", None)
        if kind in ("seat", "place"):
            return True
        doc = c.doc
        if any(0 <= k < len(doc) and doc[k].text in ("-", "–") for k in (c.i - 1, c.i + 1)):
            return False        # "the US-Iran conflict": the two parties
        return kind == "country" and tok.lemma_.lower() == "war" and not any(
            p.dep_ == "prep" and p.lower_ in ("in", "on", "against", "with", "between") for p in tok.children)

    def _by_agents(self, tok) -> list:
        """The agents of an event noun given in a "by" phrase, attached to the noun or (a common
        parse of "the arrest of the leader by the police") to its "of" object."""
        heads = [tok] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"]
        return [g for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                for g in c.children if g.dep_ == "pobj" and self.actors_of(g, self._ctx)]

    # ---- to records ------------------------------------------------------------------------------
    def to_events(self, frames: list[Frame], sent, ctx, s_index: int, trace: Optional[Trace] = None) -> list[Event]:
        out: list[Event] = []
        text = ctx.record.text
        recip_by_tok: dict[int, list[Actor]] = {}
        for fr in frames:
            info = self.context(fr.trigger)
            why_skip = info["skip"]
            if fr.kind == "noun" and fr.rule.startswith("light:"):
                info = self.context(fr.span_tokens[0])
                why_skip = info["skip"]
            if why_skip and not fr.negated:
                if trace is not None:
                    trace.events.append(f"skipped {fr.rule} at '{fr.trigger.text}': {why_skip}")
                continue
            code = fr.code
            modality = fr.modality if fr.modality != "asserted" else info["modality"]
            negated = fr.negated or info["negated"]
            if fr.rule.startswith("control") and info["negated"] and not fr.negated:
                negated = info["negated"]
            if not negated and self._no_object(fr):
                negated = True
            hyp = info.get("hyp_aux")
            future = info["future"] or (hyp in ("would", "could") and info["reported"])
            if info.get("conditional") and not future and modality == "asserted" and not fr.rule.startswith("control"):
                modality = "hypothetical"
            if hyp and not (hyp in ("would", "could") and info["reported"]) and modality == "asserted":
                modality = "hypothetical" if hyp not in ("must",) else modality
            if future and not fr.rule.startswith("control") and modality in ("asserted",):
                # a future act in a statement: an intent (03x), a threat (13x) or a refusal (12x)
                if _is_coop(code) and _root(code) != "03":
                    if negated:
                        code = REJECT_BY_CODE.get(code) or REJECT_BY_ROOT.get(_root(code), "120")
                        negated = False
                    else:
                        code = INTENT_BY_CODE.get(code) or INTENT_BY_CODE.get(code[:3]) or INTENT_BY_ROOT.get(_root(code)) or "030"
                        modality = "intended"
                elif _root(code) == "03" and negated:
                    code, negated = "120", False
                elif _is_force(code) and not negated:
                    code = THREAT_BY_CODE.get(code) or THREAT_BY_CODE.get(code[:3]) or THREAT_BY_ROOT.get(_root(code), "130")
            pl = self.cb.to_plover(code)
            if fr.pattern is not None and fr.pattern.plover and code == fr.pattern.code:
                from .codebook import PloverCoding
                pl = PloverCoding(fr.pattern.plover, fr.pattern.mode or (pl.mode if pl else None),
                                  pl.contexts if pl else ())
            if pl is None and not self.statements:
                if trace is not None:
                    trace.events.append(f"left out {code} ({self.cb.label(code)}) at '{fr.trigger.text}': statement (use --statements)")
                continue
            why_not = self._figurative(fr, code)
            if why_not:
                if trace is not None:
                    trace.events.append(f"skipped {fr.rule} at '{fr.trigger.text}': {why_not}")
                continue
            src_tok = fr.source_tok if fr.source_tok is not None else self.subject(fr.trigger)
            if src_tok is not None and src_tok.lemma_.lower() in self.lex.control.get("non_agents", ()) \
                    and int(code[:2]) >= 14:
                if trace is not None:
                    trace.events.append(f"skipped {fr.rule} at '{fr.trigger.text}': the subject "
                                        f"'{src_tok.text}' is not an agent")
                continue
            cause = self._non_agent_cause(fr.trigger) if int(code[:2]) >= 14 else None
            if cause is not None:
                # rule non_agent_cause: "four people were killed in the storm", "injured in a car
                # crash": harm from a disaster or accident, not an act of anyone's
                if trace is not None:
                    trace.events.append(f"skipped {fr.rule} at '{fr.trigger.text}': caused by "
                                        f"'{cause.text}', not an agent")
                continue
            if fr.kind == "noun" and fr.source_tok is None and fr.rule.startswith("light:"):
                src_tok = self.subject(fr.span_tokens[0])
            if code in ("042", "044") and src_tok is not None and src_tok.lemma_.lower() in MILITARY_UNITS:
                # troops "arriving in" a country are deployed, not visiting; peacekeepers are protection
                sub = " ".join(t.lower_ for t in src_tok.subtree)
                code = "074" if "peace" in sub else "154"
                pl = self.cb.to_plover(code)
            actors = self.actors_of(src_tok, ctx) if src_tok is not None else []
            by = self._subject_agent(src_tok, ctx)
            if by:
                actors = by
            spk = self._speaker_for_pronoun(src_tok, ctx)
            if spk and (not actors or all(not a.code or any((a.code or "")[:3] == (b.code or "")[:3] for b in spk)
                                          for a in actors)):
                actors = spk
            if not actors:
                actors = self._fallback_source(src_tok, fr, ctx, pl)
            if not actors and src_tok is not None:
                actors = [a for t in [src_tok, *src_tok.conjuncts] for a in self._named_actor(t, ctx)]
            skeys = {(a.start, a.end) for a in actors} | {a.code for a in actors if a.code}
            recips = self.recipients(fr, ctx, skeys)
            if not recips and fr.trigger.dep_ == "conj" and fr.trigger.head.i in recip_by_tok \
                    and not any(c.dep_ in SUBJ or c.dep_ == "nsubjpass" for c in fr.trigger.children):
                # "arrested and beat the students": a conjoined verb without a subject of its own
                # shares the recipient ("met Xi ..., and the two leaders agreed to ..." does not)
                recips = [r for r in recip_by_tok[fr.trigger.head.i] if (r.start, r.end) not in skeys]
            if not recips:
                # the first other actor of the clause; one of the actor's own country is no evidence
                # of a second party (a recipient equal to the actor needs an argument of its own)
                recips = self._deep_recipient(fr, src_tok, actors, ctx)
            # an actor is not its own recipient (same resolved identity, e.g. RUSGOV -> RUSGOV)
            recips = [r for r in recips if not any(self._same_entity(a, r) for a in actors)
                      or self._is_place(sent.doc, r)]
            recips = self._self_dyad_evidence(actors, recips, sent.doc)
            # "a partnership between the United States and Pakistan" (said by the US): the other one
            src_codes = {(a.code or "")[:3] for a in actors if a.code}
            if any(r.code and r.code[:3] not in src_codes for r in recips):
                # rule other-of-coordination: only a recipient coordinated with another party drops
                # for it ("between the United States and Pakistan"); one of its own ("United Nations
                # said the EU must mediate the US-Iran conflict": IGO -> IGO) stays
                others = [r for r in recips if r.code and r.code[:3] not in src_codes]
                recips = [r for r in recips if not (r.code and r.code[:3] in src_codes
                                                    and any(self._coordinated(sent.doc, r, o) for o in others))]
            if not recips or all(self._locative(sent.doc, r) or not self._direct(sent.doc, r) for r in recips):
                # (a meeting place is no party: "X and Y held talks in Lima"; rule joint-before-topic:
                # nor is a topic or a party of another clause: "X and Y agreed to share data on Z",
                # "X and Y agreed a deal days before Z leaves the bloc")
                recips = self._joint_recipients(fr, code, actors) or recips
            if not recips:
                recips = [r for r in getattr(self, "_named_recipients", [])[:1]
                          if not any(r.start == a.start and r.end == a.end for a in actors)]
            recip_by_tok[fr.trigger.i] = recips
            # named arguments outside the knowledge base fill the roles, not the evidence below
            found_a = [a for a in actors if a.why != NAMED_WHY]
            found_r = [r for r in recips if r.why != NAMED_WHY]
            if not found_a and not found_r and (info["subordinate"] or fr.kind == "noun" or src_tok is None) \
                    and ctx.mention_at_token is not None:
                # a background clause with nobody in it: nothing to code
                if trace is not None:
                    trace.events.append(f"skipped {fr.rule} at '{fr.trigger.text}': no actor in a subordinate clause")
                continue
            if pl is None:
                from .codebook import PloverCoding
                pl = PloverCoding("CONSULT", "statement", ())
            conf = fr.confidence
            if info["subordinate"]:
                conf -= 0.15
            if all(is_place_doer(a) for a in found_a):
                conf -= 0.2     # nobody named (a place as the doer is no evidence)
            if not found_r and self.cb.types.get(pl.event, {}).get("recipient"):
                conf -= 0.1
            toks = sorted({t.i: t for t in fr.span_tokens}.values(), key=lambda t: t.i)
            t0, t1 = toks[0], toks[-1]
            if t1.i - t0.i > 6:
                t0 = t1 = fr.trigger
            trig = span_of(text, t0.idx, t1.idx + len(t1.text))
            mode = pl.mode
            if pl.event == "CONSULT" and code == "041":
                mode = "phone"
            ev = Event(id="", event=pl.event, mode=mode, context=list(pl.contexts), cameo=code,
                       quad_class=self.cb.quad(code), goldstein=self.cb.goldstein(code), actor=actors,
                       recipient=recips, trigger=trig,
                       sentence=SentenceRef(index=s_index, start=sent.start_char, end=sent.end_char),
                       negated=bool(negated), modality=modality, confidence=round(max(0.05, min(1.0, conf)), 2),
                       rule=fr.rule)
            out.append(ev)
            if trace is not None:
                trace.events.append(f"{ev.event} {code} ({self.cb.label(code)}) '{trig.text}' rule={fr.rule}"
                                    f" modality={modality} negated={ev.negated}")
        # statements: the speaker's 010 event, on request
        if self.statements:
            for tok in sent:
                if tok.pos_ == "VERB" and self._cls("report", tok) and not any(e.trigger.start == tok.idx for e in out):
                    if not any(c.dep_ == "ccomp" for c in tok.children):
                        continue
                    src = self.subject(tok)
                    actors = self.actors_of(src, ctx) if src is not None else []
                    sp = span_of(text, tok.idx, tok.idx + len(tok.text))
                    out.append(Event(id="", event="CONSULT", mode="statement", cameo="010", quad_class=1,
                                     goldstein=self.cb.goldstein("010"), actor=actors, trigger=sp,
                                     sentence=SentenceRef(index=s_index, start=sent.start_char, end=sent.end_char),
                                     confidence=0.6, rule=f"statement:{tok.lemma_.lower()}"))
        return out
