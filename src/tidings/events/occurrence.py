"""Rules ``occur_subject``, ``passive_event_noun``, ``passive_patient``, ``there_be_event`` and
``headline_participle``.

Rule ``occur_subject``: an event noun that is the subject of a verb of occurrence is the event
the clause reports ("Clashes erupted in the north", "Protests spread to five towns", "A general
strike paralysed the capital", "Talks resumed in Geneva").

News reports events with the event noun as the grammatical subject and nobody as the doer. The
coder codes an event noun only as the object of a light verb or with its own actor, so such
clauses went uncoded, or were coded from the verb ("a strike shut down the city" as a closure,
172). This rule adds, per clause whose subject is an event noun of the lexicon (roots 04, 14,
17-20: meetings, protests, coercion, attacks, fighting) and whose verb is in the control class
``occur`` (``data/control.yaml``), a frame of the noun's code, triggered on the verb (so that
negation, modality and background clauses read from the verb). The source is the noun's own
owner ("the teachers' strike", "the army's offensive"), else nobody; the recipients are the objects
of the noun's "between / against / with / on" phrases and, for acts on people (roots 17-20: "the
arrest of the mayor sparked protests"), of its "of" phrase. A frame the verb had on its own is replaced (the noun names the event;
"shut down" with a strike as subject is its effect). ``take place/effect``, ``break out``, ``go
ahead`` and ``come into force/effect`` count only with their particle / object. Roots 06-08 and
16 (cooperation, aid, yielding, sanctions) count too, but only with the verbs of coming into force
(``IN_FORCE``: "A ceasefire took effect at midnight", "New sanctions came into force").

Rule ``passive_event_noun``: a lexicon frame whose pattern bound a passive subject that is a thing,
not an actor (an event noun or the pattern's object: "An agreement was reached on Sunday", "A curfew
was imposed in the city", "Talks were held in the capital", "New sanctions were imposed"), with no
agent, reports the event with nobody named; the coder drops a
clause without actor and recipient, so the frame gets the verb as its (empty) source and is kept.

Rule ``passive_patient``: a passive act on people with no agent and a person or group as its
subject ("John Okafor was arrested on Monday", "He was detained at the airport", "The mayor was
shot dead") names its patient: the subject is the recipient (the coder binds a passive subject
only when the pattern names it, "arrest journalist"). Only for arrests, expulsions, abductions,
assassinations and the literal harm verbs (``PATIENT_CODES``, ``PATIENT_VERBS``): "was attacked /
beaten / hit" is figurative too often in political news ("was attacked over her emails"); and
for accusations, charges and convictions (CAMEO 11x, ``ACCUSED_VERBS``: "The minister has been
accused of fraud", "was charged with treason").

Rule ``there_be_event``: an event noun of roots 14 and 18-20 (protest and violence) as what "there
is/are/have been" introduces ("There were clashes in the capital", "There have been protests in several
cities") is the event, nobody named; "there were no talks" is negated.

Rule ``weapon_subject``: a weapon as the active subject of a verb of impact, or as the agent of the
passive verb, is an attack ("A car bomb exploded outside the ministry", "Mortar rounds hit the
palace", "Two drones targeted the depot", "The clinic was hit by a missile"; the passive subject
is the recipient):
news names the weapon and often nobody as the doer, and the coder, finding no actor, dropped the
clause or read the verb in another sense ("rockets landed in the south" as a visit). The weapon
classes of ``data/control.yaml`` give the code: explosives 183, heavy weapons 194, aerial weapons
195; "explode", "detonate" and "go off" count only for explosives. The doer is the weapon's owner
("Israeli missiles", "government shelling") or the agent of its participle ("shells fired by the
rebels"), else nobody; the recipients are the verb's object and the objects of its "on / into /
through / at" phrases. A frame the verb had of another root than 18-20 is replaced ("damage" as
seizure, "land in" as a visit), and so is the classifier's frame; a violent lexicon frame is kept. "land" on water ("landed in the sea")
is a test, not an attack: no frame.

Rule ``disaster_context``: an act of violence reported in the passive with nobody named as its doer
("more than 16,000 people had been killed", "dozens were injured") right after the text names a
natural disaster or an accident ("the earthquake that struck the south on Monday") is the
disaster's toll, not an attack: the coded event (its doer at most the place, rule
agentless-place-actor) is dropped when the sentence or one of the three before it names a disaster
of the control class ``disasters`` (earthquake, flood, hurricane, landslide, crash, epidemic ...;
not "fire", which news of shootings uses: "opened fire").

Rule ``headline_participle``: a headline without a finite verb, a number or noun followed by a
participle ("40 arrested in Lagos protest", "Three killed in clashes"), which the parse reads as a
noun with a participle modifier (background), is coded from the participle's lexicon pattern with
the number/noun as the patient.
Figures in docs/events.md ("News phrasing", classes N4, N7, N8)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .coder import Coder, Frame, Trace, lemma_keys
from .lexicon import Pattern

ROOTS = ("04", "14", "17", "18", "19", "20")
IN_FORCE_ROOTS = ("06", "07", "08", "16")
PATIENT_CODES = ("173", "174", "181", "186", "1823")
PATIENT_VERBS = ("kill", "murder", "shoot", "stab", "wound", "injure", "slay", "execute", "assassinate", "lynch",
                 "behead", "torture", "kidnap", "abduct", "arrest", "detain", "hack", "bludgeon", "strangle",
                 "maim", "gun")
# rule passive_patient_nobody: persons the actors stage does not code
PATIENT_PRONOUNS = ("he", "she", "they", "i", "we")
PATIENT_NOUNS = ("accused", "suspect", "victim", "youth", "culprit", "assailant", "attacker", "driver", "owner",
                 "boy", "girl", "man", "woman", "teenager", "son", "daughter", "father", "mother", "husband", "wife",
                 "brother", "sister", "fan", "supporter", "protester", "demonstrator", "worker", "resident",
                 "villager", "farmer", "student", "trader", "shopkeeper", "leader", "member", "activist", "guard",
                 "constable", "policeman", "jawan", "doctor", "teacher", "labourer", "laborer", "employee",
                 "passenger", "pedestrian", "tourist", "child", "person", "persons", "people", "couple", "priest",
                 "journalist", "reporter", "lawyer", "official", "officer")
# rule passive_patient, accusations (issue 15, round 4): "The minister has been accused of fraud",
# "was charged with treason": the accused is the recipient of an ACCUSE with nobody named as the doer
ACCUSED_VERBS = ("accuse", "charge", "indict", "criticize", "criticise", "condemn", "blame", "convict")
# "there was/were ...": only protest and violence (on the 2016 corpus "there was no discussion",
# "there were fraud and voter suppression" read as talk, not as events)
THERE_ROOTS = ("14", "18", "19", "20")
NEEDS = {"take": ("dobj", ("place", "effect")), "break": ("prt", ("out",)), "go": ("prt", ("ahead",)),
         "come": ("prep", ("into",))}
IN_FORCE = ("take", "come")
NOUN_PREPS = ("between", "against", "with", "on")


# rule result_verb (issue 15, news recall): an event noun as the subject of a verb of result, "The
# blast left 12 dead", "Clashes between the groups left ten injured", "The strike brought the city to
# a standstill": the result names the event as the verbs of occurrence do; "leave" only with a harm
# word as its object, predicate or conjunct, "bring" only "to a halt / standstill" ("draw" /
# "attract" a crowd was tried: 2 corpus fires, both campaign rallies, so left out)
HARM_RESULT = ("dead", "injured", "wounded", "hurt", "killed", "homeless")
STANDSTILL = ("halt", "standstill", "standstill.", "grinding")


def _result_verb(v) -> bool:
    keys = lemma_keys(v)
    if "leave" in keys:
        return any(c.dep_ in ("dobj", "oprd", "advcl", "conj", "xcomp", "ccomp", "acomp") and c.i > v.i
                   and (c.lower_ in HARM_RESULT or any(g.lower_ in HARM_RESULT and g.dep_ in ("amod", "oprd", "acomp")
                                                       for g in c.children))
                   for c in v.children)
    if "bring" in keys:
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in STANDSTILL for g in c.children)
                   for c in v.children)
    return False


def _occurrence_verb(coder: Coder, v) -> bool:
    if _result_verb(v):
        return True
    keys = lemma_keys(v)
    if not any(k in coder.lex.control.get("occur", ()) for k in keys):
        return False
    need = next((NEEDS[k] for k in keys if k in NEEDS), None)
    if need is None:
        return True
    dep, words = need
    return any(c.dep_ == dep and c.lower_ in words for c in v.children)


def occurrence_frames(coder: Coder, sent, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    """``frames`` (one sentence) with the rules of this module applied: ``passive_event_noun`` frames
    kept with an empty source, ``headline_participle``, ``there_be_event`` and ``occur_subject``
    frames added (the verb frames the last two replace dropped), in token order."""
    frames = _passive_event_nouns(coder, frames, ctx, trace)
    frames = _passive_patients(coder, frames, ctx, trace)
    frames = _crowd_rallies(frames, trace)
    head = _headline(coder, sent, frames, trace)
    if head:      # the participle's own frame (background as a modifier) gives way
        frames = [f for f in frames if f.trigger.i != head[0].span_tokens[1].i]
    else:
        head = _headline_verb(coder, sent, frames, ctx, trace)
    frames = frames + _there_be(coder, sent, frames, trace) + head
    if not coder.lex.control.get("occur"):
        return _armed_doers(coder, sorted(frames, key=lambda f: f.trigger.i), ctx, trace)
    used = {t.i for f in frames for t in f.span_tokens} | {f.trigger.i for f in frames}
    add: list[Frame] = []
    replace: set[int] = set()
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or tok.i in used:
            continue
        v = tok.head
        if v.pos_ != "VERB" or not _occurrence_verb(coder, v):
            continue
        m, _ = coder.match_noun(tok)
        if m is None:
            continue
        if m.pattern.code[:2] not in ROOTS and not (
                m.pattern.code[:2] in IN_FORCE_ROOTS and any(k in IN_FORCE for k in lemma_keys(v))):
            continue
        preps = NOUN_PREPS + (("of",) if m.pattern.code[:2] in ("17", "18", "19", "20") else ())
        recips = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                  for g in c.children if g.dep_ == "pobj"]
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.i < tok.i
                  and coder.actors_of(c, ctx)]
        # the verb stands for "nobody" (it has no actor of its own): the "of" object is no doer
        src = owners[0] if owners else v
        add.append(Frame(v, m.pattern.code, f"occur_subject:{v.lemma_.lower()}+{m.pattern.id}", m.pattern,
                         [tok, v], confidence=0.7, source_tok=src, recipient_toks=recips, kind="verb"))
        replace.add(v.i)
        if trace is not None:
            trace.events.append(f"occur_subject: '{tok.text}' is the subject of '{v.text}' → {m.pattern.code}")
    kept = [f for f in frames if f.trigger.i not in replace] + _crowd_gatherings(coder, sent, used | replace, trace)
    return _armed_doers(coder, _weapon_subjects(coder, sent, sorted(kept + add, key=lambda f: f.trigger.i), ctx, trace),
                        ctx, trace)


# rule crowd_gathering (issue 15, news recall): protesters gathering are a demonstration wherever they
# gather ("Protesters gathered near the station", "Demonstrators massed outside the court"); the
# gathering patterns of 22_news name the places of power instead, for crowds of anybody
GATHER = ("gather", "assemble", "mass", "congregate", "throng", "converge", "regroup")
PROTEST_CROWD = ("protester", "protestor", "demonstrator", "marcher", "agitator", "striker")


def _crowd_gatherings(coder: Coder, sent, used: set, trace: Optional[Trace] = None) -> list[Frame]:
    pat = next((p for p in coder.lex.verbs.get("demonstrate", ()) if p.code == "141" and p.text == "demonstrate"),
               None)
    out: list[Frame] = []
    if pat is None:
        return out
    for v in sent:
        if v.pos_ != "VERB" or v.i in used or not any(k in GATHER for k in lemma_keys(v)):
            continue
        # the subject, or what it counts: "Hundreds of agitators assembled"
        subj = [c for c in v.children if c.dep_ == "nsubj" and (
            c.lemma_.lower() in PROTEST_CROWD or any(p.lower_ == "of" and any(g.lemma_.lower() in PROTEST_CROWD
                                                                            for g in p.children)
                                                     for p in c.children))]
        if not subj:
            continue
        out.append(Frame(v, "141", f"crowd_gathering:{v.lemma_.lower()}+{pat.id}", pat, [subj[0], v],
                         confidence=0.7, source_tok=subj[0], kind="verb"))
        if trace is not None:
            trace.events.append(f"crowd_gathering: '{subj[0].text} {v.text}' → 141")
    return out


# rule crowd_rally (issue 15, round 6): "rally against" is criticism (113) when parties or
# politicians rally against a bill, but a demonstration when a crowd does it: "Tens of thousands
# rallied against the law", "Protesters rallied against the verdict" (141)
CROWD_WORDS = frozenset(PROTEST_CROWD) | {"crowd", "thousand", "hundred", "dozen", "million", "ten", "score",
                                          "throng", "mob"}


def _crowdish(tok, depth: int = 0) -> bool:
    if tok.lemma_.lower() in CROWD_WORDS or tok.lower_ in CROWD_WORDS or tok.like_num:
        return True
    if any(c.dep_ == "nummod" and c.like_num for c in tok.children):
        return True
    return depth < 2 and any(p.dep_ == "prep" and p.lower_ == "of" and any(_crowdish(g, depth + 1) for g in p.children
                                                                         if g.dep_ == "pobj")
                             for p in tok.children)


def _crowd_rallies(frames: list[Frame], trace: Optional[Trace] = None) -> list[Frame]:
    out = []
    for f in frames:
        v = f.trigger
        if (f.kind == "verb" and f.code == "113" and v.pos_ == "VERB" and "rally" in lemma_keys(v)
                and any(c.dep_ == "nsubj" and _crowdish(c) for c in v.children)):
            f = replace(f, code="141", rule=f"crowd_rally:{f.rule}")
            if trace is not None:
                trace.events.append(f"crowd_rally: a crowd rallied at '{v.text}' → 141")
        out.append(f)
    return out


# rule armed_doer (issue 15, news recall): storming, torching or setting fire by armed men is an
# attack, not a riot: "Gunmen stormed a hotel", "Militants torched a school" (the root file's "storm"
# 144 and "torch", "set fire" 145 are the acts of crowds: "Protesters stormed the parliament"); a
# raid by armed men is an attack, not an arrest (173: "Police raided the house")
ARMED_SECTORS = ("REB", "INS", "MIL", "UAF")
ARMED_ACTS = {"storm": "180", "raid": "180", "torch": "1712", "set": "1712", "burn": "1712", "hurl": "183",
              "throw": "183", "lob": "183"}


def _armed_doers(coder: Coder, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    out = []
    for f in frames:
        v = f.trigger
        new = next((ARMED_ACTS[k] for k in lemma_keys(v) if k in ARMED_ACTS), None) if f.kind == "verb" else None
        if new and (f.code in ("144", "145") or f.code == "173" and new == "180" and "raid" in lemma_keys(v)):
            tok = f.source_tok if f.source_tok is not None else coder.subject(v)
            acts = coder.actors_of(tok, ctx) if tok is not None and tok.i != v.i else []
            if acts and all((a.sector or "") in ARMED_SECTORS for a in acts):
                f = replace(f, code=new, rule=f"{f.rule}+armed_doer")
                if trace is not None:
                    trace.events.append(f"armed_doer: '{tok.text}' {v.text} → {new}")
        out.append(f)
    return out


WEAPON_CODES = (("weapon_explosive", "183"), ("weapon_heavy", "194"), ("weapon_air", "195"))
WEAPON_PREPS = ("on", "into", "through", "at", "onto")
WATER = ("sea", "ocean", "water", "waters", "gulf", "bay", "zone", "strait")
DETONATE_NEEDS = {"go": "off", "blow": "up"}


def _weapon_class(coder: Coder, tok) -> Optional[str]:
    """The code of the weapon a noun names ("mortar rounds": "mortar round"), or None."""
    if tok.pos_ != "NOUN":
        return None
    lemma = tok.lemma_.lower()
    comps = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    names = [f"{c} {lemma}" for c in comps] + [lemma]
    for cls, code in WEAPON_CODES:
        if any(n in coder.lex.control.get(cls, ()) for n in names):
            return code
    return None


def _weapon_subjects(coder: Coder, sent, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    impact = coder.lex.control.get("impact", set())
    detonate = coder.lex.control.get("detonate", set())
    if not impact and not detonate:
        return frames
    by_trigger = {f.trigger.i: f for f in frames}
    add: list[Frame] = []
    replace: set[int] = set()
    for tok in sent:
        if tok.text[:1].isupper() and tok.i != sent.start:
            continue        # "Shell" the company, "Jets" the team: a capitalised word mid-sentence is a name
        passive = tok.dep_ == "pobj" and tok.head.dep_ == "agent"
        if tok.dep_ != "nsubj" and not passive:
            continue
        v = tok.head.head if passive else tok.head
        if v.pos_ != "VERB" or v.i == tok.i:
            continue
        code = _weapon_class(coder, tok)
        if code is None:
            continue
        lemma = v.lemma_.lower()
        if lemma in detonate:
            need = DETONATE_NEEDS.get(lemma)
            if code != "183" or need and not any(c.dep_ == "prt" and c.lower_ == need for c in v.children):
                continue
        elif lemma not in impact:
            continue
        targets = [c for c in v.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        targets += [g for c in v.children if c.dep_ == "prep" and c.lower_ in WEAPON_PREPS + ("in",)
                    for g in c.children if g.dep_ == "pobj"]
        if lemma == "land" and (not targets or any(t.lemma_.lower() in WATER for t in targets)):
            continue
        old = by_trigger.get(v.i)
        if old is not None and old.code[:2] in ("18", "19", "20") and not old.rule.startswith("model:"):
            continue        # the verb's own violent reading stands ("a missile killed the commander")
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.i < tok.i
                  and coder.actors_of(c, ctx)]
        agents = [a for c in tok.children if c.dep_ == "acl" for a in (coder.agent(c),) if a is not None]
        src = owners[0] if owners else agents[0] if agents else v
        recips = [t for t in targets if t.head.lower_ != "in"]
        pattern = Pattern(id=f"weapon_subject:{code}:{tok.lemma_.lower()} {lemma}", code=code, kind="verb",
                          text=f"{tok.lemma_.lower()} {lemma}", lemma=lemma, source="weapon_subject")
        add.append(Frame(v, code, f"weapon_subject:{code}:{tok.lemma_.lower()} {lemma}", pattern, [tok, v],
                         confidence=0.7, source_tok=src, recipient_toks=recips, kind="verb"))
        if old is not None:
            replace.add(v.i)
        if trace is not None:
            trace.events.append(f"weapon_subject: '{tok.text}' {v.text} → {code}")
    if not add:
        return frames
    kept = [f for f in frames if f.trigger.i not in replace]
    return sorted(kept + add, key=lambda f: f.trigger.i)


def _passive_event_nouns(coder: Coder, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    out = []
    for f in frames:
        v = f.trigger
        if f.kind == "verb" and f.source_tok is None and coder.agent(v) is None:
            bound = {t.i for t in f.span_tokens}
            subj = [c for c in v.children if c.dep_ == "nsubjpass" and c.i in bound and c.pos_ == "NOUN"]
            if subj and not coder.actors_of(subj[0], ctx):
                # "no agreement was reached": the determiner negates the event
                neg = f.negated or any(c.dep_ == "det" and c.lower_ == "no" for c in subj[0].children)
                f = replace(f, source_tok=v, rule=f"{f.rule}+passive_event_noun", negated=neg)
                if trace is not None:
                    trace.events.append(f"passive_event_noun: '{subj[0].text}' {v.text}, nobody named")
        out.append(f)
    return out


def _there_be(coder: Coder, sent, frames: list[Frame], trace: Optional[Trace] = None) -> list[Frame]:
    used = {t.i for f in frames for t in f.span_tokens} | {f.trigger.i for f in frames}
    out = []
    for v in sent:
        if v.lemma_ != "be" or v.i in used or not any(c.dep_ == "expl" and c.lower_ == "there" for c in v.children):
            continue
        for tok in v.children:
            if tok.dep_ not in ("attr", "nsubj") or tok.pos_ != "NOUN" or tok.i in used:
                continue
            m, _ = coder.match_noun(tok)
            if m is None or m.pattern.code[:2] not in THERE_ROOTS:
                continue
            preps = NOUN_PREPS + ("of",)
            recips = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                      for g in c.children if g.dep_ == "pobj"]
            neg = any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
            out.append(Frame(v, m.pattern.code, f"there_be_event:{m.pattern.id}", m.pattern, [v, tok],
                             confidence=0.65, negated=neg, source_tok=v, recipient_toks=recips, kind="verb"))
            if trace is not None:
                trace.events.append(f"there_be_event: 'there {v.text} {tok.text}' → {m.pattern.code}")
            break
    return out


def _headline(coder: Coder, sent, frames: list[Frame], trace: Optional[Trace] = None) -> list[Frame]:
    # rule headline_as_clause (issue 15, news recall): the participle may carry a clause of its own
    # with a finite verb, "Two killed as gunmen open fire at wedding": that clause (an adverbial of
    # the participle) is background and does not make the headline a sentence
    inner = {t.i for v in sent if v.dep_ == "acl" and v.tag_ == "VBN"
             for c in v.children if c.dep_ == "advcl" for t in c.subtree}
    if len(sent) > 16 or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" and t.i not in inner for t in sent):
        return []
    for v in sent:
        n = v.head
        if v.dep_ != "acl" or v.tag_ != "VBN" or n.pos_ not in ("NUM", "NOUN", "PROPN") or n.i - sent.start > 3 \
                or v.i < n.i or any(c.dep_ in ("aux", "auxpass") for c in v.children) \
                or any(f.trigger.i == n.i for f in frames):
            continue
        m, _ = coder.match_verb(v)
        if m is None or int(m.pattern.code[:2]) < 14:
            continue
        if trace is not None:
            trace.events.append(f"headline_participle: '{n.text} {v.text}' → {m.pattern.code}")
        return [Frame(n, m.pattern.code, f"headline_participle:{m.pattern.id}", m.pattern, [n, v],
                      confidence=0.6, source_tok=v, recipient_toks=[n], kind="verb")]
    return []


# rule headline_verb (issue 15, news recall): a headline is written without its finite verb's
# sentence shape, "Senator Praises Governor", "Rebel Leader Denies Ceasefire Breach": the small model
# reads the -s verb after the subject as a plural noun (and the noun chunk, so the actor mention,
# runs on through it), and the lexicon finds no event. On the text's first line (at most
# HEADLINE_MAX tokens, no finite verb parsed, no event found), a noun-tagged -s form of a verb with a
# bare lexicon pattern, after a nominal that ends an actor mention and before a nominal or a
# preposition, is coded as that verb; the actors stage cuts the mention at that word. Left alone: a
# word that is also an event noun ("Terror Attacks Highlight ...", "Police Raids Anger ...": the noun
# reading is as likely), and verbs of material conflict (codes 14-20): in political headlines
# "Beats", "Rampages to", "Crushes" are contests (corpus: 3 such fires, all figurative)
HEADLINE_MAX = 16
HEADLINE_NEXT = ("NOUN", "PROPN", "ADP", "DET", "PRON")


def headline_line(doc) -> list:
    """The tokens of the text's first line (its first sentence, up to a line break)."""
    line = []
    for t in doc:
        if "\n" in t.text or t.is_sent_start and t.i > 0:
            break
        line.append(t)
        if "\n" in t.whitespace_:
            break
    return line


def headline_candidate(line: list) -> Optional[int]:
    """Index into ``line`` of the first noun-tagged -s word between a nominal and a nominal or a
    preposition, where the line has no finite verb: the cheap test before any lexicon look-up."""
    if not line or len(line) > HEADLINE_MAX or any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBZ", "VBP", "VBD", "MD")
                                                   for t in line):
        return None
    return next((k for k in range(1, len(line) - 1)
                 if line[k].pos_ in ("NOUN", "PROPN") and line[k].lower_.endswith("s")
                 and not line[k].lower_.endswith("ss") and line[k - 1].pos_ in ("NOUN", "PROPN")
                 and line[k + 1].pos_ in HEADLINE_NEXT), None)


def headline_verb_token(lex, doc, line: Optional[list] = None):
    """The headline verb of rule headline_verb with its bare lexicon pattern (a code under 14), or
    (None, None); ``line``: the text's first line (:func:`headline_line`) where the caller has it."""
    from ..nlp.text import base_forms

    line = headline_line(doc) if line is None else line
    k = headline_candidate(line)
    while k is not None:
        t = line[k]
        bases = [b for b in base_forms(t.lower_, "VBZ") if b in lex.verbs]
        if bases and not any(lex.nouns.get(b) or lex.nouns.get(t.lower_) for b in bases):
            pat = next((p for b in bases for p in lex.verbs[b] if not p.elements), None)
            if pat is not None and int(pat.code[:2]) < 14:
                return t, pat
        nxt = headline_candidate(line[k:])
        k = None if nxt is None else k + nxt
    return None, None


def _headline_verb(coder: Coder, sent, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    if sent.start != 0:
        return []
    line = headline_line(sent.doc)
    t, pat = headline_verb_token(coder.lex, sent.doc, line)
    at = getattr(ctx, "mention_at_token", None) or {}
    if t is None or t.i in at or t.i - 1 not in at or any(f.trigger.i <= line[-1].i for f in frames):
        return []
    prev = sent.doc[t.i - 1]
    obj = next((g for g in line if g.i > t.i and g.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if trace is not None:
        trace.events.append(f"headline_verb: '{prev.text} {t.text}' → {pat.code}")
    return [Frame(t, pat.code, f"headline_verb:{pat.id}", pat, [t], confidence=0.6, source_tok=prev,
                  recipient_toks=[obj] if obj is not None else [], kind="verb")]


# rule passive_patient, weapons named (issue 15, news recall): "was attacked / beaten" is figurative
# in political news, but not with a weapon: "The guard was attacked with knives", "was beaten with
# iron rods"
WEAPON_WORDS = ("knife", "sword", "machete", "axe", "rod", "stick", "club", "acid", "weapon", "sickle", "bat",
                "baton", "hammer", "gun", "rifle", "stone", "brick", "dagger", "blade", "cleaver")


def _with_weapon(v) -> bool:
    return any(k in ("attack", "assault", "beat") for k in lemma_keys(v)) and any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.lemma_.lower() in WEAPON_WORDS for g in c.children)
        for c in v.children)


def _passive_patients(coder: Coder, frames: list[Frame], ctx, trace: Optional[Trace] = None) -> list[Frame]:
    out = []
    for f in frames:
        v = f.trigger
        if f.kind == "verb" and not f.recipient_toks and coder.agent(v) is None \
                and any(c.dep_ == "auxpass" for c in v.children) \
                and ((f.code[:4] in PATIENT_CODES or f.code[:3] in PATIENT_CODES
                      or any(k in PATIENT_VERBS for k in lemma_keys(v)) or _with_weapon(v)) and int(f.code[:2]) >= 17
                     or f.code[:2] == "11" and any(k in ACCUSED_VERBS for k in lemma_keys(v))):
            bound = {t.i for t in f.span_tokens}
            subj = [c for c in v.children if c.dep_ == "nsubjpass" and c.i not in bound]
            if subj and coder.actors_of(subj[0], ctx):
                f = replace(f, recipient_toks=[subj[0]], rule=f"{f.rule}+passive_patient")
                if trace is not None:
                    trace.events.append(f"passive_patient: '{subj[0].text}' {v.text}, the patient")
            elif subj and not any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in v.children) \
                    and (subj[0].lower_ in PATIENT_PRONOUNS or subj[0].lower_ in PATIENT_NOUNS
                         or subj[0].lemma_.lower() in PATIENT_NOUNS or subj[0].ent_type_ == "PERSON"):
                # rule passive_patient_nobody (issue 15, news recall): "He was charged with murder",
                # "The accused was sent to judicial custody": a person the actors stage cannot code
                # (an unresolved pronoun, "the accused") is still the patient; the act is reported with
                # nobody named as its doer (the coder drops a clause without actor and recipient)
                f = replace(f, recipient_toks=[subj[0]], source_tok=v, rule=f"{f.rule}+passive_patient_nobody")
                if trace is not None:
                    trace.events.append(f"passive_patient_nobody: '{subj[0].text}' {v.text}, nobody named")
        out.append(f)
    return out


DISASTER_WINDOW = 3     # sentences before the passive report that may name the disaster


def disaster_context(coder: Coder, sents: list, s_index: int, events: list, trace: Optional[Trace] = None) -> list:
    """``events`` of sentence ``s_index`` less the agentless passive harms that follow the naming of
    a disaster or accident (rule ``disaster_context``, module docstring)."""
    causes = coder.lex.control.get("disasters", set())
    if not causes or not any(e.cameo[:2] in ("18", "19", "20") for e in events):
        return events
    from .coder import is_place_doer

    window = sents[max(0, s_index - DISASTER_WINDOW):s_index + 1]
    cause = next((t for s in window for t in s if t.lemma_.lower() in causes and t.pos_ == "NOUN"), None)
    if cause is None:
        return events
    sent = sents[s_index]
    out = []
    for e in events:
        span = [t for t in sent if e.trigger is not None and e.trigger.start <= t.idx < e.trigger.end]
        tok = next((t for t in span if any(c.dep_ == "auxpass" for c in t.children)), None)
        if tok is not None and e.cameo[:2] in ("18", "19", "20") and Coder.agent(tok) is None \
                and all(is_place_doer(a) for a in e.actor):
            if trace is not None:
                trace.events.append(f"disaster_context: '{tok.text}' follows '{cause.text}': the toll, no attack")
            continue
        out.append(e)
    return out
