"""The places stage: toponyms found and resolved to GeoNames entries, offline.

Recognition combines three sources:

1. spaCy's GPE/LOC/FAC entities (and NORP entities that are demonyms of a known place);
2. a gazetteer scan of capitalised word sequences (countries, divisions, continents, regions,
   aliases, demonyms; towns only where the context says place: an entity label, a preposition
   of place, or ", <division or country>" after them) to make up for the small NER model;
3. the dateline (``KARACHI:``), reported with ``kind: dateline``.

Resolution ranks the candidates of a name by feature (countries, then continents and regions,
then first-level divisions, then towns by population) plus evidence from the article: the
countries and divisions it names unambiguously, the dateline's country, and an explicit
qualifier (``Glasgow, Ky.``). One name keeps one reading in an article.

``kind`` is ``literal``, ``demonym`` ("Pakistani officials"), ``metonymic`` (a capital or
country standing for its government: "Washington dismissed the claim") or ``dateline``.
Countries, divisions and regions are reported as such (``feature``), with the GeoNames country
or division entry's point, never as a town.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Place, span_of
from .gazetteer import COMPASS_PARTS, Entry, Gazetteer, haversine_km, norm
from .place_ranker import NEAR_KM, DocEvidence, PlaceRanker, base_score, entry_features

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: words that look like places when capitalised but mostly are not
STOP = {
    "march", "may", "june", "august", "of", "man", "most", "split", "reading", "bath", "orange", "mobile", "nice",
    "best", "young", "eagle", "police", "hope", "union", "independence", "liberty", "temple", "university",
    "commerce", "justice", "progress", "energy", "sale", "deal", "say", "along", "university", "republic",
    "federal", "state", "national", "central", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "democratic", "republican", "democrat", "social", "media", "god", "christian",
    "muslim", "islamic", "jewish", "catholic", "arab", "latino", "hispanic", "western", "english language",
    "white", "black", "ocean", "sea", "gulf", "house", "mission", "pride", "victory", "opportunity", "paradise",
    "lebanon",  # handled as a country only when NER agrees or context is clear (checked below)
    # words news writes mostly as adjectives or names of other things than the towns so called
    "olympic", "easter", "xinhua",
    # common nouns that are another place's alternate name or a town's name: "Long Island", "Cape
    # Breton Island" are not Iceland (Island); "a wise Latina" is not Latina, Italy (as "latino")
    "island", "latina",
    # intercardinal directions, as the cardinal ones above ("the Northeast", "the Southwest")
    "northeast", "northwest", "southeast", "southwest",
}
STOP.discard("lebanon")
#: place prepositions that make a capitalised town name a place even without an entity label
PLACE_PREP = {"in", "at", "from", "to", "near", "outside", "into", "across", "via", "toward", "towards", "around"}
#: the prepositions of place that a person's name does not take ("in Burns", not "to Burns")
PLACE_ONLY_PREP = {"in", "near", "outside", "into", "across", "around", "toward", "towards", "via"}
#: ... nor before a possessive or the "v." of a court case ("in Obama's cabinet", "in Fisher v. Texas")
NOT_PLACE_AFTER = {"'s", "’s", "v.", "v", "vs.", "vs"}
#: verbs that make a capital/country subject metonymic ("Moscow denied", "Washington warned")
METONYM_VERBS = {
    "say", "deny", "warn", "accuse", "reject", "dismiss", "condemn", "insist", "claim", "announce", "demand",
    "urge", "call", "threaten", "respond", "retaliate", "sanction", "agree", "sign", "protest", "welcome",
    "criticize", "criticise", "blame", "refuse", "decide", "want", "seek", "offer", "propose", "support", "back",
    "recognize", "recognise", "expel", "summon", "impose", "veto", "vow", "pledge", "insist", "negotiate",
    "push", "press", "ask", "tell", "hope", "believe", "plan", "send", "deploy", "launch", "strike", "attack",
}
#: words news writes as names of other things than the places so called (an event, a feast, a news
#: agency), never taken as places, even where the tagger labels them one (rule ``not_place_word``)
NOT_PLACE_WORDS = {"olympic", "olympics", "easter", "xinhua", "christmas", "thanksgiving",
                   "super",   # "Super Tuesday", tagged as a place 39 times in the 2016 corpus
                   # a compass word alone is a direction or a part of some place, not a place
                   # ("the West", "207 South Main St.", "the South of France")
                   "north", "south", "east", "west", "far north",
                   # and the intercardinal ones ("the Northeast" is not Iceland's Northeast region)
                   "northeast", "northwest", "southeast", "southwest"}
#: rule ``division_cue``: a type word after a name ("Idlib province", "Barren County", "New York
#: state") or "the province of X" before it says the division, not a town of that name
DIVISION_WORDS = {"county", "parish", "province", "state", "governorate", "oblast", "prefecture", "region",
                  "district", "borough", "township", "territory", "emirate", "canton", "department"}
#: rule ``division_plural``: plural type words after coordinated names ("Scott and Polk counties")
#: and the word that names one such division in the gazetteer ("Polk County")
PLURAL_DIVISIONS = {"counties": "County", "parishes": "Parish"}
#: rule ``holder_named``: an office or body of a division ("the governor of X", "X Gov.", "the X
#: legislature") points to the division, not to a town of its name
HOLDER_BEFORE = {"governor", "legislature", "premier", "lieutenant-governor", "attorney-general"}
HOLDER_AFTER = {"gov.", "governor", "legislature", "lawmakers", "legislators", "premier", "senate",
                "assembly", "assemblyman", "assemblywoman", "sen.", "senator", "statehouse", "state"}
#: rule ``town_modifier``: a town's own institutions and people after its name ("Thomaston police",
#: "Milford Council", "Mayor X") or "the town/city/mayor of X" before it say the town
TOWN_AFTER = {"police", "mayor", "council", "councillor", "councilor", "councilman", "councilwoman", "aldermen",
              "alderman", "firefighters", "fire", "residents", "resident", "suburb", "suburbs",
              "township", "village", "neighbourhood", "neighborhood", "downtown", "superior", "municipal", "borough"}
TOWN_BEFORE = {"city", "town", "village", "mayor", "suburb", "suburbs", "outskirts", "resident", "residents",
               "hamlet", "municipality", "neighbourhood", "neighborhood", "streets", "centre", "center"}
#: rule ``person_cue``: a personal title before a name or as its first word ("Ms Okafor", "Mr.
#: Jordan") or a kin word and comma before it ("his wife, Florence", "daughters, Victoria and Regina")
#: makes it a person
PERSON_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "madam", "mister"}
KIN_WORDS = {"wife", "husband", "daughter", "daughters", "son", "sons", "father", "mother", "brother", "brothers",
             "sister", "sisters", "partner", "fiancee", "fiancé", "fiancée", "grandson", "granddaughter", "nephew",
             "niece", "children", "child", "stepson", "stepdaughter"}
#: rule org_name_town: the last word of an organisation's name that makes it a body of the town
#: it is named after (a court, a council), so the town's name in it still counts
LOCAL_BODIES = {"court", "council", "police", "department", "board", "commission", "hospital"}
#: rule ``head_noun``: the type word that ends a longer name ("Brussels Airport", "the Baltic
#: States", "the Embassy Annex", "Omaha Beach") is a word of that name, not a town called so or
#: an alternate name of a country ("the States")
HEAD_NOUNS = {"airport", "annex", "states", "station", "terminal", "stadium", "arena", "center", "centre",
              "hospital", "bridge", "tower", "plaza", "square", "mall", "beach", "harbor", "harbour", "port",
              "base", "camp", "building", "hall", "house", "street", "avenue", "road", "highway", "park",
              "island", "islands", "river", "lake", "valley", "heights", "hills", "mountains", "falls", "springs",
              "bay", "creek", "church", "mosque", "temple", "school", "college", "university", "museum", "prison"}
#: rule ``speaker_name``: verbs of speech whose subject is a speaker ("Sweeny said", "said
#: Harlan"), a person and no town, where nothing else in the article makes the name a place
SPEECH_VERBS = {"say", "tell", "add", "explain", "note", "write", "ask", "recall", "argue", "insist", "reply",
                "answer", "testify", "acknowledge", "admit", "complain", "predict", "warn", "joke", "quip",
                "concede", "continue", "tweet", "respond", "recount", "remember", "wonder"}
#: rule ``street_name``: the capitalised words after a name that make it a street's or a
#: square's name ("Park Avenue", "Main Street", "Elm St."): no town of that name
STREET_WORDS = {"avenue", "ave", "ave.", "street", "st", "st.", "road", "rd", "rd.", "boulevard", "blvd", "blvd.",
                "square", "lane", "ln.", "drive", "dr.", "parkway", "pkwy.", "terrace", "turnpike", "pike"}
#: rule ``org_word_after``: the words after a name that make it an organisation's name
#: ("Monmouth University", "Marist College", "a Quinnipiac poll"): a town under
#: ``city_known_pop`` people (or one matched by an alternate name) of that name is no reading
ORG_AFTER = {"university", "college", "institute", "foundation", "poll", "polls", "polling", "survey",
             "surveys", "seminary", "academy"}
CITY_MIN_POP = 15000
#: the rules whose reading stays the mention's own where the article reads the name otherwise
OWN_READING_RULES = {"state_vote", "org_name_city"}
#: rule ``reading_in_own``: cues whose narrowed readings a name's earlier reading must be one of
#: to be reused ("A New York lawyer … Monsey, New York": the second stays the state)
CUE_OWN_READINGS = {"qualifies_town", "division_cue", "holder_named", "division_list", "division_plural"}
#: rule ``state_vote``: words after a name that make it the state's vote, voters or delegation
STATE_VOTE_WORDS = {"primary", "primaries", "caucus", "caucuses", "delegation", "delegates", "voters", "electorate",
                    "electors", "congressional"}
#: rule ``heritage_compound``: the nationalities of "X-American" and "X-Canadian" heritage words ...
HERITAGE_NATIONS = {"american", "americans", "canadian", "canadians"}
#: ... and the nouns after them that make the compound two countries ("Israeli-American relations")
BILATERAL_NOUNS = {"relations", "relationship", "ties", "talks", "trade", "border", "treaty", "alliance", "summit",
                   "agreement", "accord", "deal", "pact", "cooperation", "partnership", "war", "conflict",
                   "rivalry", "dialogue", "negotiations", "friendship", "tensions", "dispute", "axis", "split"}
#: rule ``org_name_city``: a big city (this many people or more) named by its short name inside an
#: organisation's name is the city, not the division of the same name ("The New York Times") ...
ORG_CITY_MIN_POP = 1_000_000
#: ... unless the name goes on with a party's, a vote's or a state body's word
STATE_BODY_WORDS = {"democratic", "democrats", "republican", "republicans", "gop", "party", "primary",
                    "primaries", "caucus", "caucuses", "assembly", "senate", "legislature", "state", "conservative",
                    "liberal", "working", "green", "board", "department", "supreme", "court", "attorney", "governor"}
MAX_NGRAM = 5
CONNECT = {"of", "and", "the", "de", "del", "la", "le", "al", "el", "du", "des", "on", "upon", "-", "'s", "da", "do"}


@dataclass
class _Cand:
    start: int          # token indices
    end: int
    source: str         # ner | gaz | dateline
    kind: str           # literal | demonym | dateline
    label: str = ""
    entries: tuple = ()
    #: the rule that made or narrowed it (``division_cue``, ``holder_named``, ``town_modifier``,
    #: ``qualifies_town``, ...); empty for a plain match
    rule: str = ""
    #: a small town taken only where the article gives evidence for it (rule ``state_named``)
    pending: bool = False
    #: a name that is no place here but whose readings are still evidence for the article's
    #: other names (rule ``street_name``: "Hertford Road" lies near Hertford); never reported
    evidence_only: bool = False


def _division_list(first, quals, qual_text: str) -> bool:
    """Rule ``division_list``: a first-level division, a comma and another of the same country
    written out in full ("Florida, New York and Virginia", "California, Maryland, Vermont") is a
    list of divisions, not a town of the first name inside the second (Florida, N.Y.; California,
    Md.); an abbreviated second name still qualifies a town ("Washington, D.C.", "Nevada, Mo.")."""
    plain = qual_text.replace(".", "").replace(" ", "")
    if qual_text.endswith(".") or len(plain) <= 2:
        return False
    return any(e.feature == "admin1" and any(q.feature == "admin1" and q.country == e.country for q in quals)
               for e in first)


def _bare_demonym(doc, c: _Cand) -> bool:
    """A one-word demonym written as a name, singular and without an article ("Cuban said", not
    "the Texan said" nor "Cubans said"): a surname more often than a people (rule ``speaker_name``)."""
    tok = doc[c.start]
    return c.kind == "demonym" and c.end - c.start == 1 and tok.tag_ == "NNP" \
        and not any(ch.dep_ == "det" for ch in tok.children)


def _same_entries(a, b) -> bool:
    """Whether two candidates carry the very same gazetteer readings (rule ``reading_in_own``)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


class PlaceStage:
    name = "places"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"dateline", "record.dateline"})
    provides: frozenset[str] = frozenset({"record.places", "places"})

    def __init__(self, config=None, resources=None) -> None:
        from ..config import PlaceSettings

        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        self.config = config
        settings = getattr(config, "places", None) or PlaceSettings(city_min_pop=CITY_MIN_POP)
        self.gaz: Gazetteer = resources.gazetteer(settings.files)
        self.city_min_pop = int(settings.city_min_pop)
        #: towns this large are places wherever they appear capitalised (unless tagged PERSON)
        self.city_known_pop = int(settings.city_known_pop)
        #: capitalised run text → what the gazetteer has for it (see _scan_lookup)
        self._scan_memo: dict[str, object] = {}
        #: the score of each reading: the hand-set rule score, or learned weights of the readings'
        #: features (grounding/data/place_ranker.json) with PlaceSettings.ranker = "learned"
        if settings.ranker == "learned":
            self.ranker = PlaceRanker(settings.ranker_weights)
            #: resolution passes: the second weighs each name against the others' first-pass readings
            self.ranker_passes = max(1, int(settings.ranker_passes))
        elif settings.ranker == "rules":
            self.ranker = PlaceRanker.rules_only()
            self.ranker_passes = 1
        else:
            raise ValueError(f"PlaceSettings.ranker must be 'rules' or 'learned', not {settings.ranker!r}")

    # -- recognition -------------------------------------------------------------------------
    def _ent_label_at(self, doc) -> list:
        labels = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                labels[i] = ent
        return labels

    def _scan_lookup(self, span_text: str):
        """False for a stop word, else the gazetteer places and demonyms of a capitalised run
        (a pure function of the text: kept per text in ``_scan_memo``)."""
        k = norm(span_text)
        if not k or k in STOP:
            return False
        if k in STOP_WORDS:
            # a stop word once folded ("us"): only a country abbreviated with periods ("U.S.");
            # "US" stays out (all-capital headlines: "THEY TOLD US")
            if "." not in span_text:
                return False
            places = [e for e in self.gaz.lookup(span_text) if e.feature == "country" and span_text in e.names]
            return (tuple(places), ()) if places else False
        places = self.gaz.lookup(span_text)
        dems = self.gaz.lookup_demonym(span_text) if not places else []
        if len(k.replace(" ", "")) <= 4:
            # short names must match as written: "ACT" is a territory, "Act" is a law
            places = [e for e in places if span_text in e.names]
            if not places and dems and span_text not in self.gaz.demonym_surfaces:
                dems = []
        return (tuple(places), tuple(dems))

    @staticmethod
    def _as_written(written: str, entries) -> list:
        """Rule ``short_name_case``: an acronym of two or three capitals (with or without
        periods) is not a town whose name is the same letters in lower case ("EU" is not the
        French town Eu), and initials with periods must be one of the entry's names as written
        ("U.S.", but "M.D." is no abbreviation of Maryland); "DC", "NY", "UK" keep their readings."""
        letters = written.replace(".", "")
        if "." in written and letters.isupper():
            # initials with periods must be a name as written ("U.S.", "D.C."; not "M.D.", "V.A.")
            return [x for x in entries if written in x.names or x.name == written]
        if not (letters.isupper() and len(letters) <= 3):
            return list(entries)
        return [x for x in entries if not (x.feature == "city" and x.name.upper() == letters and x.name != letters
                                           and written not in x.names)]

    @staticmethod
    def _has_capital(text: str) -> bool:
        """Rule ``lowercase_name``: a name with no capital letter is a word, not a toponym
        ("meth", "n't" tagged as places by the small model)."""
        return any(ch.isupper() for ch in text)

    @staticmethod
    def _person_cue(doc, i: int, j: int) -> bool:
        """Rule ``person_cue``: a personal title before the name or as its first word ("Ms
        Okafor", "Mr. Jordan"), or a kin word and a comma before it, or before the name and the
        one it is listed with ("his wife, Florence", "his daughters, Victoria and Regina")."""
        if doc[i].lower_ in PERSON_TITLES or (i > 0 and doc[i - 1].lower_ in PERSON_TITLES):
            return True
        k = i - 1
        if k > 1 and doc[k].lower_ == "and" and doc[k - 1].text[:1].isupper():
            k -= 1
            while k > 0 and doc[k - 1].text[:1].isupper() and doc[k - 1].text != ",":
                k -= 1
            k -= 1
        return k > 0 and doc[k].text == "," and doc[k - 1].lower_ in KIN_WORDS

    def _context_cue(self, doc, i: int, j: int, entries) -> tuple[str, list]:
        """The rule the words around the name ``doc[i:j]`` give and the readings it keeps:
        ``division_cue`` ("Idlib province", "Barren County", "the state of X": the divisions),
        ``holder_named`` ("the governor of X", "X Gov.": the first-level divisions),
        ``town_modifier`` ("Thomaston police", "the town of X": a place; "X Mayor", "the mayor
        of X": the towns); ("", entries) where nothing around the name says more."""
        n = len(doc)
        last = doc[j - 1].lower_
        nxt = doc[j] if j < n else None
        nxt_l = nxt.lower_ if nxt is not None else ""
        prev = doc[i - 1].lower_ if i > 0 else ""
        prev2 = doc[i - 2].lower_ if i > 1 else ""
        if prev == "the" and i > 2:      # "the mayor of the town of X" is rare; "of the X" is not a cue
            prev = prev2 = ""
        divs = [e for e in entries if e.feature in ("admin1", "admin2")]
        if divs:
            typed = (j - i > 1 and last in DIVISION_WORDS and any(norm(e.name) == norm(doc[i:j].text) for e in divs))
            after = nxt is not None and nxt_l in DIVISION_WORDS and (nxt.text.islower() or nxt.text in ("County", "Parish", "Province"))
            before = prev == "of" and prev2 in DIVISION_WORDS
            if typed or after or before:
                return "division_cue", divs
            a1 = [e for e in divs if e.feature == "admin1"]
            if a1 and ((prev == "of" and prev2 in HOLDER_BEFORE)
                       or (nxt_l in HOLDER_AFTER and nxt is not None and nxt.text[:1].isupper() or nxt_l == "legislature")):
                return "holder_named", a1
            if a1 and self._state_vote(doc, j):
                return "state_vote", a1
        towns = [e for e in entries if e.feature == "city"]
        if towns:
            if (prev == "of" and prev2 in ("mayor", "mayors")) or (nxt is not None and nxt.text == "Mayor") \
                    or (nxt_l == "mayor" and j + 1 < n and doc[j + 1].text[:1].isupper()):
                return "town_modifier", towns
            if (prev == "of" and prev2 in TOWN_BEFORE) or nxt_l in TOWN_AFTER:
                return "town_modifier", list(entries)
        return "", list(entries)

    @staticmethod
    def _state_vote(doc, j: int) -> bool:
        """Rule ``state_vote``: a vote, its voters or a delegation after the name (through "'s", a
        party's name or an ordinal: "the New York primary", "New York voters", "the New York
        Republican primary", "New York's 22nd congressional district") is the state's, not its
        city's of the same name."""
        k, n = j, len(doc)
        if k < n and doc[k].lower_ in ("'s", "’s"):
            k += 1
        party = k < n and doc[k].lower_ in ("democratic", "republican", "gop")
        if party or (k < n and (doc[k].like_num or doc[k].lower_[:-2].isdigit())):
            k += 1
        return k < n and (doc[k].lower_ in STATE_VOTE_WORDS or (party and doc[k].lower_ == "party"))

    def _qualified_towns(self, doc, ent_at) -> list[_Cand]:
        """Rule ``qualifies_town``: "Dauphin, Man.", "Bardstown, Ky.", "Paris, Texas": a
        capitalised name, a comma, then a first-level division or country (its name or its
        abbreviation, as written): the second name is a place and qualifies the first, which is
        a place too where the gazetteer has a town or county of that name inside it."""
        out: list[_Cand] = []
        n = len(doc)
        for t in range(1, n - 1):
            if doc[t].text != "," or not doc[t - 1].text[:1].isupper() or not doc[t + 1].text[:1].isupper():
                continue
            qual = None
            for m in (3, 2, 1):
                if t + 1 + m > n or not doc[t + m].text[:1].isupper() \
                        or any(not (w.text[:1].isupper() or w.lower_ in CONNECT) or w.is_punct or "\n" in w.text_with_ws[:-1]
                               for w in doc[t + 1:t + 1 + m]):
                    continue   # capitalised words (and "of", "de"), ending with one: not "Maine -"
                end = t + 1 + m
                text = doc[t + 1:end].text
                if end < n and doc[end].text == "." and not doc[end - 1].whitespace_ and m == 1 and len(text) <= 5 \
                        and any(text + "." in e.names for e in self.gaz.lookup(text)):
                    text += "."    # an abbreviation split from its period ("Wash" + "."), not a sentence's end
                    end += 1
                written = text if len(text.replace(".", "").replace(" ", "")) <= 4 or text.endswith(".") else None
                # a short name or an abbreviation must be one of the entry's names as written
                # ("Ky." or "KY", not "ky"; "Man." but not "Man")
                es = [e for e in self.gaz.lookup(text) if e.feature in ("admin1", "country")
                      and (written is None or any(x.rstrip(".").lower() == written.rstrip(".").lower()
                                                  and (x == written or written.endswith(".") or written.isupper()
                                                       or (x == written + "." and written.lower() not in STOP
                                                           and written.lower() not in STOP_WORDS))
                                                  for x in e.names))]
                if es:
                    qual = (t + 1, end, es)
                    break
            if qual is None:
                continue
            qs, qe, qents = qual
            q_ent = ent_at[qs]
            if (q_ent is not None and q_ent.label_ == "PERSON" and len(q_ent) > 1) \
                    or (qe < n and doc[qe].lower_ in ("'s", "’s")):
                continue   # "Beirut, Vladimir Isachenkov", "Cory Stevens, Georgia's father": a person
            # the town: the capitalised run ending before the comma (1-3 words)
            town = None
            listed = False
            for k in (3, 2, 1):
                s0 = t - k
                if s0 < 0 or not all(w.text[:1].isupper() or w.lower_ in CONNECT for w in doc[s0:t]) \
                        or not doc[s0].text[:1].isupper():
                    continue
                ent = ent_at[s0]
                if ent is not None and ent.label_ == "PERSON" and len(ent) > 1:
                    break
                inside = []
                found_here = self.gaz.lookup(doc[s0:t].text)
                if any(e.feature == "country" for e in found_here) and all(q.feature == "country" for q in qents):
                    break   # a country, a comma, a country: a list ("in Russia, U.S. officials said")
                if _division_list(found_here, qents, doc[qs:qe].text):
                    listed = True   # rule division_list: "in Ohio, New York and Texas" (not the town Ohio, N.Y.)
                    break
                for e in found_here:
                    if e.feature not in ("city", "admin2"):
                        continue
                    if any(q.country == e.country and (q.feature == "country" or q.admin1 == e.admin1) for q in qents):
                        inside.append(e)
                if inside:
                    town = _Cand(s0, t, "cue", "literal", ent.label_ if ent is not None else "", tuple(inside),
                                 "qualifies_town")
                    break
            if listed:
                # the second of a list of divisions is still the division ("New York", not the city)
                out.append(_Cand(qs, qe, "cue", "literal", "GPE", tuple(qents), "division_list"))
                continue
            abbreviated = doc[qs:qe].text.endswith(".") or (doc[qs:qe].text.isupper() and qe - qs == 1)
            if town is None and not (abbreviated and any(e.feature == "admin1" for e in qents)):
                # "Smith, France", "El Paso, Mendoza regularly", a list ("Leeds, Manchester,
                # Sheffield"): only an abbreviated division ("EDMONTON, Ky") is one without a town
                continue
            if town is not None:
                out.append(town)
            out.append(_Cand(qs, qe, "cue", "literal", "GPE", tuple(qents), "qualifies_town"))
        return out

    #: rule ``division_plural`` (switch for measuring)
    division_plural = True

    #: rule ``article_not_town`` (switch for measuring)
    article_not_town = True

    def _article_not_town(self, doc, c: _Cand) -> _Cand:
        """Rule ``article_not_town``: a name written with the article ("the White House", "the
        Gulf", "the Mall") is not a town under ``city_known_pop`` people where the name has a
        building's, a region's or a water's reading (a division's is left to the other rules:
        "the New York Times" stays the city by ``org_name_city``): towns are named without
        it ("The Hague", "The Dalles" carry it in their own name); a big town stays by its own name
        only (not Casablanca, whose name means "White House")."""
        if not self.article_not_town or c.kind != "literal" or c.source == "dateline" or not c.entries:
            return c
        first = doc[c.start]
        written = first.lower_ == "the" or (c.start > 0 and doc[c.start - 1].lower_ == "the")
        if not written or not any(e.feature in ("region", "water") for e in c.entries):
            return c
        key = norm(doc[c.start:c.end].text)
        keep = tuple(e for e in c.entries if e.feature != "city" or (
            e.population >= self.city_known_pop and norm(e.name) == key) or norm(e.name).startswith("the "))
        if keep == c.entries:
            return c
        return replace(c, entries=keep, rule=c.rule or "article_not_town")

    #: rule ``county_short`` (switch for measuring)
    county_short = True

    def _plural_divisions(self, doc) -> list[_Cand]:
        """Rule ``division_plural``: names coordinated before a plural type word ("Scott and Polk
        counties", "Hamilton, Lake and Stark counties", "Orleans and Jefferson parishes") are
        divisions of that type, each read as "<name> County" ("Polk County"), not a town of the
        name; a possessive division before the first ("Iowa's Scott and Polk counties") keeps
        those inside it; a single name before the plural word ("Polk counties") is no list."""
        out: list[_Cand] = []
        n = len(doc) if self.division_plural else 0
        for t in range(2, n):
            suffix = PLURAL_DIVISIONS.get(doc[t].lower_)
            if suffix is None or not doc[t].text.islower():
                continue
            names: list[tuple[int, int]] = []
            k = t
            while k > 0:
                e = k
                s0 = k
                while s0 > 0 and doc[s0 - 1].text[:1].isupper() and doc[s0 - 1].is_alpha and e - s0 < 3:
                    s0 -= 1
                if s0 == e:
                    break
                names.append((s0, e))
                k = s0
                if k > 0 and doc[k - 1].lower_ in ("and", "or"):
                    k -= 1
                    if k > 0 and doc[k - 1].text == ",":
                        k -= 1
                elif k > 0 and doc[k - 1].text == ",":
                    k -= 1
                else:
                    break
            if len(names) < 2:
                continue
            names.reverse()
            # "Iowa's Scott and Polk counties": the division before the first name
            within = None
            s_first = names[0][0]
            if s_first >= 2 and doc[s_first - 1].lower_ in ("'s", "’s"):
                j = s_first - 1
                i0 = j
                while i0 > 0 and doc[i0 - 1].text[:1].isupper() and j - i0 < 3:
                    i0 -= 1
                a1 = [e for e in self.gaz.lookup(doc[i0:j].text) if e.feature == "admin1" and e.admin1] if i0 < j else []
                if a1:
                    within = {(e.country, e.admin1) for e in a1}
            for s0, e0 in names:
                found = [x for x in self.gaz.lookup(f"{doc[s0:e0].text} {suffix}") if x.feature == "admin2"]
                if within is not None:
                    found = [x for x in found if (x.country, x.admin1) in within] or found
                if found:
                    out.append(_Cand(s0, e0, "cue", "literal", "GPE", tuple(found), "division_plural"))
        return out

    def _scan(self, doc, ent_at) -> list[_Cand]:
        out: list[_Cand] = []
        n = len(doc)
        # per-token facts as plain lists, built once per document (no Token objects in the loops)
        dtext = doc.text
        arr = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).tolist() if n else []
        starts = [a[0] for a in arr]
        words = [dtext[a[0]:a[0] + a[1]] for a in arr]     # = [t.text for t in doc]
        punct = [a[3] for a in arr]
        cap = [w[:1].isupper() for w in words]
        # a token that may sit inside a name: capitalised, a connector ("of", "de") or "." / "-"
        inner = [c or w in {".", "-"} or w.lower() in CONNECT for c, w in zip(cap, words)]
        # white space tokens and tokens holding a line break end a name
        breaks = [bool(a[2]) or "\n" in w for a, w in zip(arr, words)]
        memo = self._scan_memo
        if len(memo) > 50_000:
            memo.clear()
        i = 0
        while i < n:
            if not cap[i] or punct[i] or words[i] in ("The", "THE"):
                # (a name never starts with its article: "The Vermont senator", "The Washington
                # Post" give "Vermont", "Washington"; "The Hague" is found as "Hague")
                i += 1
                continue
            found = None
            for j in range(min(n, i + MAX_NGRAM), i, -1):
                if not cap[j - 1]:
                    continue
                if not all(inner[i:j]):
                    continue
                if any(breaks[i:j]):
                    continue
                span_text = dtext[starts[i]:starts[j - 1] + len(words[j - 1])]   # doc[i:j].text
                hit = memo.get(span_text)
                if hit is None:
                    hit = memo[span_text] = self._scan_lookup(span_text)
                if hit is False:
                    continue
                if hit[0] or hit[1]:
                    found = (j, list(hit[0]), list(hit[1]))
                    break
            if not found:
                i += 1
                continue
            j, places, dems = found
            tok = doc[i]
            span = doc[i:j]
            k = norm(span.text)
            ent = ent_at[i]
            ent_label = ent.label_ if ent is not None else ""
            ok = True
            rule, cued = self._context_cue(doc, i, j, places) if places else ("", places)
            if ent is not None and ent_label == "PERSON" and not (rule and i > 0 and doc[i - 1].lower_ == "of"):
                ok = False  # a person ("Jordan Peterson", "Georgia Smith"), unless "the town of X"
            # towns matched through an alternate name only count where NER agrees it is a place;
            # rule org_name_city: inside an organisation's name a big city matched through its
            # short name counts too where the name's other readings are divisions, not a country
            # ("The New York Times", "the New York Police Department": the city, not the state);
            # a city of a million or more only ("Quebec" stays the province), and not before a
            # party's or a vote's word ("the New York Democratic Party" is the state's)
            in_org = ent is not None and ent_label == "ORG" and (ent.start < i or ent.end > j)
            org_city = in_org and not rule and not any(e.feature == "country" for e in cued) and any(
                e.feature == "admin1" for e in cued) and not (j < n and words[j].lower() in STATE_BODY_WORDS)
            places = [e for e in cued if e.feature != "city" or norm(e.name) == k or ent_label in PLACE_LABELS
                      or (org_city and e.population >= ORG_CITY_MIN_POP)]
            if org_city and any(e.feature == "city" and norm(e.name) != k for e in places):
                rule = "org_name_city"
            if ent is not None:
                places = self._not_small_town(ent_label, places)
            # weak entries (every country's divisions, US counties) need NER's agreement or a
            # division cue ("Barren County", "Idlib province")
            places = [e for e in places if e.population >= 0 or ent_label in PLACE_LABELS or rule == "division_cue"]
            if ent is not None and (ent.start < i or ent.end > j) and rule not in ("town_modifier", "division_cue"):
                # a small town's name inside a longer name ("Cancer Center", "Olympic champion",
                # "Xinhua news agency") is a word of that name, not the town (unless the town's
                # own institutions follow: "Milford Superior Court", "Thomaston Council"); rule
                # org_name_town: inside the name of an organisation, a party, a work (not a
                # place's longer name) so is a town under 100,000 ("Edison Research", "the Green
                # Party", "Marquette University")
                # (the whole name: keeping its big readings alone would make "Paris Junior
                # College" Paris, France)
                top = max((e.population for e in places if e.feature == "city"), default=0)
                # (a court or council is named for the place it serves: "Wood Green Crown Court")
                served = doc[ent.end - 1].lower_ in LOCAL_BODIES
                lim = self.city_min_pop if ent_label in PLACE_LABELS or top >= self.city_known_pop or served \
                    else top + 1
                places = [e for e in places if e.feature != "city" or e.population >= lim]
            if j - i == 1 and words[i].lower() in HEAD_NOUNS and (
                    (ent is not None and ent.start < i and ent.end == j)
                    or (i > 0 and cap[i - 1] and not punct[i - 1] and not breaks[i - 1] and words[i - 1] not in ("The", "THE"))):
                # rule head_noun: the last word of a longer name (an entity, or after another
                # capitalised word), a type word ("Brussels Airport", "the Baltic States"): no town
                # of that name, no place matched through an alternate name
                places = [e for e in places if e.feature != "city" and norm(e.name) == k]
                rule = rule or "head_noun"
            if not places and not dems:
                i += 1
                continue
            if ok and dems and not places:
                if tok.pos_ not in {"ADJ", "PROPN", "NOUN"}:
                    ok = False
                if ok:
                    out.append(_Cand(i, j, "gaz", "demonym", ent_label, tuple(dems)))
                i = j
                continue
            if ok:
                big = [e for e in places if e.feature != "city"]
                towns = [e for e in places if e.feature == "city"]
                if not big:
                    if ent_label not in PLACE_LABELS:
                        prev = doc[i - 1].lower_ if i > 0 else ""
                        nxt_place = (j + 1 < n and doc[j].text == "," and doc[j + 1].text[:1].isupper()
                                     and any(e.feature in {"admin1", "country"} for e in self.gaz.lookup(doc[j + 1:j + 3].text.split(",")[0])
                                             + self.gaz.lookup(doc[j + 1].text)))
                        # rule title_case_line: in a headline written in title case ("It May
                        # Surprise You") a capitalised word says nothing: a big town's name needs a cue there too
                        known = max((e.population for e in towns), default=0) >= self.city_known_pop \
                            and not self._title_case(doc, i)
                        if not (prev in PLACE_PREP or nxt_place or known or rule):
                            ok = False
                        if ok and max((e.population for e in towns), default=0) < self.city_min_pop \
                                and not (nxt_place or rule):
                            ok = False
                            # rule state_named: a small town after a preposition of place is kept
                            # for now and taken where the article names its state or a place near
                            # it (see _evidenced_towns); not before a possessive, "of" or another
                            # name ("to Secretary of State X")
                            nxt_w = doc[j].text if j < n else ""
                            if prev in PLACE_PREP and nxt_w not in ("'s", "’s", "of") and not nxt_w[:1].isupper():
                                out.append(_Cand(i, j, "gaz", "literal", ent_label, tuple(places), "state_named",
                                                 pending=True))
                    if ok and doc[i].is_sent_start and j - i == 1 and doc[i].pos_ != "PROPN":
                        ok = False
                if ok:
                    out.append(_Cand(i, j, "gaz", "literal", ent_label, tuple(places), rule))
            i = j if ok else i + 1
        return out

    def _candidates(self, ctx) -> list[_Cand]:
        doc = ctx.doc
        ent_at = self._ent_label_at(doc)
        cands: list[_Cand] = []
        dl = ctx.dateline
        if dl is not None:
            sp = doc.char_span(dl.place_start, dl.place_end, alignment_mode="expand")
            if sp is not None:
                k = norm(dl.place)
                found = self.gaz.lookup(dl.place)
                entries = [e for e in found if e.feature != "city" or norm(e.name) == k]
                # rule dateline_city: a dateline names a town; where no town has this very name, a
                # big town known by it ("NEW YORK": New York City, not the state; "RANGOON":
                # Yangon) is its reading
                big = [e for e in found if e.feature == "city" and e.population >= self.city_known_pop]
                if big and not any(e.feature == "city" for e in entries):
                    entries = big
                cands.append(_Cand(sp.start, sp.end, "dateline", "dateline", "GPE", tuple(entries)))
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                entries = self.gaz.lookup(ent.text)
                s, e = ent.start, ent.end
                if not entries and ent.text.lower().startswith("the "):
                    s += 1
                    entries = self.gaz.lookup(doc[s:e].text)
                if not entries:
                    # "Granville County", "Idlib province": the name without its type word
                    words = doc[s:e].text.split()
                    if len(words) > 1 and words[-1].lower() in {"county", "province", "state", "district", "region",
                                                               "governorate", "oblast", "prefecture", "city"}:
                        entries = self.gaz.lookup(" ".join(words[:-1]))
                county_short = False
                if not entries and self.county_short and ent.label_ in ("GPE", "LOC") and doc[s:e].text[:1].isupper():
                    # rule county_short: a name the tagger reads as a place that the gazetteer lacks
                    # whole, "<name> County" has ("Loudoun", "Henrico", "Maricopa" voters): the county
                    entries = [x for x in self.gaz.lookup(doc[s:e].text + " County") if x.feature == "admin2"]
                    county_short = bool(entries)
                key = norm(doc[s:e].text)
                if key in NOT_PLACE_WORDS:
                    continue   # rule not_place_word: "Olympic", "Easter", "Xinhua" tagged as places
                if entries and len(key.replace(" ", "")) <= 4:
                    entries = self._as_written(doc[s:e].text, entries)
                    if not entries:
                        continue
                rule = ""
                if entries:
                    rule, cued = self._context_cue(doc, s, e, entries)
                    entries = self._not_small_town(ent.label_, cued)
                    if cued and not entries:
                        rule = "feature_not_town"   # a place all the same, with no reading
                    if county_short and not rule:
                        rule = "county_short"
                cands.append(_Cand(s, e, "ner", "literal", ent.label_, tuple(entries), rule))
            elif ent.label_ == "NORP":
                dems = self.gaz.lookup_demonym(ent.text)
                if dems:
                    cands.append(_Cand(ent.start, ent.end, "ner", "demonym", "NORP", tuple(dems)))
        cands.extend(self._scan(doc, ent_at))
        cands.extend(self._qualified_towns(doc, ent_at))
        cands.extend(self._plural_divisions(doc))
        cands = self._evidenced_towns(ctx, cands)
        # "Georgia" alone where the article also names "Georgia Stone": the person again
        # (only a person's name without punctuation: "Trump - Wisconsin", a tagging slip across a
        # dash, names no one)
        person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                        and not any(t.is_punct for t in ent) for t in ent}
        cands = [c for c in cands if c.source == "dateline" or self._has_capital(doc[c.start:c.end].text)]
        cands = [c for c in cands if c.source == "dateline" or c.kind != "literal"
                 or not self._person_cue(doc, c.start, c.end)]
        cands = [c for c in cands if not (c.source not in ("dateline", "cue") and c.kind == "literal" and c.end - c.start == 1
                                          and doc[c.start].text in person_words)]
        cands = [c for c in cands if not (c.kind == "demonym" and self._heritage_part(doc, c.end))]
        cands = [self._article_not_town(doc, c) for c in cands]
        # rule speaker_name (coreference): a singular demonym without an article that is the word of
        # a person's name in the article, its last ("Mark Cuban ... Cuban demurred"), is that person
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    and not any(t.is_punct for t in ent)}
        cands = [c for c in cands if not (_bare_demonym(doc, c) and doc[c.start].text in surnames)]
        cands = [c2 for c2 in (self._name_words(doc, c) for c in cands) if c2 is not None]
        cands = self._speaker_names(doc, cands)
        # (rule street_name: a street named for a town takes no words and is not reported)
        hidden = [c for c in cands if c.evidence_only]
        cands = [c for c in cands if not c.evidence_only]
        # resolve overlaps: dateline first, then longer spans, then NER over gazetteer
        prio = {"dateline": 0, "cue": 1, "ner": 2, "gaz": 3, "again": 3}
        # (a name the gazetteer knows inside an unknown entity wins: "North Queensland" → "Queensland")
        # ("New England" without its small towns still outranks the "England" inside it)
        cands.sort(key=lambda c: (0 if c.source == "dateline" else 1,
                                  0 if c.entries or c.rule == "feature_not_town" else 1, -(c.end - c.start),
                                  prio[c.source]))
        taken = [False] * len(doc)
        kept: list[_Cand] = []
        for c in cands:
            if any(taken[c.start:c.end]):
                continue
            if c.source == "ner" and not c.entries and c.label == "GPE" and ctx.doc[c.start:c.end].text.isupper() \
                    and len(ctx.doc[c.start:c.end].text) <= 3:
                continue  # unknown acronyms tagged GPE
            for k in range(c.start, c.end):
                taken[k] = True
            kept.append(c)
        kept = self._compass_parts(doc, kept, taken)
        again = [self._name_words(doc, c) for c in self._same_name_again(doc, kept, taken, ent_at)]
        kept.extend(c for c in again if c is not None)
        kept.extend(hidden)
        kept.sort(key=lambda c: c.start)
        return kept

    def _name_words(self, doc, c: _Cand) -> Optional[_Cand]:
        """The words after a name that make it another thing's name. Rule ``street_name``: a
        capitalised street word after it ("Park Avenue", "Main Street", "Elm St."): a street, no
        place of that name (the candidate is dropped; a tagged "Park Avenue" is kept whole).
        Rule ``org_word_after``: an organisation's word after it ("Monmouth University", "Marist
        College", "a Quinnipiac poll"): its towns under ``city_known_pop`` people and those
        matched by an alternate name are no readings (a state or a country stays: "an Iowa
        poll"); inside a longer name, after another capitalised word and not tagged a place ("the
        American Enterprise Institute", "George Washington University"; not after a place's name) no
        reading is;
        a candidate with no reading left is dropped. Datelines and qualified towns stay."""
        if c.source in ("dateline", "cue") or c.kind != "literal" or c.end >= len(doc) or not c.entries:
            return c
        nxt = doc[c.end]
        if nxt.text[:1].isupper() and nxt.lower_ in STREET_WORDS and doc[c.end - 1].whitespace_:
            # (a street is often named for the town it leads to: its readings stay evidence)
            return replace(c, rule="street_name", evidence_only=True)
        if nxt.lower_ in ORG_AFTER and doc[c.end - 1].whitespace_ and (nxt.text[:1].isupper() or nxt.lower_.startswith(("poll", "survey"))):
            k = norm(doc[c.start:c.end].text)
            prev = doc[c.start - 1] if c.start > 0 else None
            if prev is not None and prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start \
                    and prev.text not in ("The", "THE") and c.label not in PLACE_LABELS and not self.gaz.lookup(prev.text):
                # inside a longer name ("the American Enterprise Institute", "George Washington
                # University"; not after a place: "in China Shantou University"): no place at all
                return None
            # (a big town by its own name, or a city of a million by its short name as in
            # org_name_city: "New York University" is the city's)
            keep = tuple(e for e in c.entries if e.feature != "city" or (e.population >= self.city_known_pop and (
                norm(e.name) == k or e.population >= ORG_CITY_MIN_POP)))
            if keep == c.entries:
                return c
            if not keep:
                return None
            return replace(c, entries=keep, rule="org_word_after")
        return c

    def _speaker_names(self, doc, cands: list[_Cand]) -> list[_Cand]:
        """Rule ``speaker_name``: a one-word name whose readings are all towns or counties under
        ``city_known_pop`` people, the subject of a verb of speech ("Sweeny said", "said
        Harlan", "Morales told reporters"), is the speaker's name, not a town; its other
        mentions in the article go too, unless one of them follows a preposition of place
        ("a rally in Harlan") or is qualified ("Harlan, Ky."). A big town's or a country's
        name stays (metonymy: "Moscow said"). So is a name the tagger reads as a place (GPE) that
        the gazetteer lacks ("Okonjo said") and a singular demonym without an article ("Cuban
        said", not "the Texan said", "Cubans said")."""
        def small_towns(c):
            return c.entries and all(e.feature in ("city", "admin2") and e.population < self.city_known_pop
                                     for e in c.entries)
        def speaks(c):
            tok = doc[c.start:c.end].root
            return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i \
                and tok.head.lemma_.lower() in SPEECH_VERBS
        speakers: set[str] = set()
        drop: set[int] = set()
        for ci, c in enumerate(cands):
            if c.source in ("dateline", "cue") or not speaks(c):
                continue
            tok = doc[c.start]
            if c.kind == "literal" and c.end - c.start == 1 and small_towns(c):
                speakers.add(tok.text)
            elif c.kind == "literal" and c.source == "ner" and c.label == "GPE" and not c.entries and c.rule == "":
                drop.add(ci)    # a name the tagger reads as a place that the gazetteer lacks ("Nefzi said")
            elif _bare_demonym(doc, c):
                drop.add(ci)    # a demonym with no article, singular: a surname ("Cuban said"; not "the Texan said")
        if drop:
            cands = [c for ci, c in enumerate(cands) if ci not in drop]
        if not speakers:
            return cands
        placed = {doc[c.start].text for c in cands if c.end - c.start == 1 and doc[c.start].text in speakers and (
            c.source == "cue" or (c.start > 0 and doc[c.start - 1].lower_ in PLACE_PREP))}
        gone = speakers - placed
        return [c for c in cands if not (c.end - c.start == 1 and doc[c.start].text in gone and c.source != "dateline"
                                         and c.kind == "literal" and small_towns(c))]

    def _heritage_part(self, doc, end: int) -> bool:
        """Rule ``heritage_compound``: a demonym joined by a hyphen to "American(s)" or
        "Canadian(s)" ("African-American voters", "Cuban-Americans", "an Irish-Canadian
        family") names the heritage of people of the second country, not a place of the first;
        the second part stays a demonym. Not before a noun of two countries' dealings."""
        if end < len(doc) and doc[end].text.lower() in HERITAGE_NATIONS \
                and doc[end - 1].whitespace_ == " ":
            nxt = end + 1    # rule heritage_spaced: the same words without the hyphen ("African American voters")
        elif end + 1 >= len(doc) or doc[end].text not in ("-", "‐", "‑") or doc[end - 1].whitespace_ \
                or doc[end].whitespace_:
            return False
        elif doc[end + 1].text.lower() not in HERITAGE_NATIONS:
            return False
        else:
            nxt = end + 2
        # "Israeli-American relations", "Russian-Canadian trade": two countries, both places
        after = doc[nxt].lower_ if nxt < len(doc) else ""
        return after not in BILATERAL_NOUNS

    def _compass_parts(self, doc, kept: list[_Cand], taken: list[bool]) -> list[_Cand]:
        """Rule ``compass_part``: a capitalised compass word before a first-level division, where
        the gazetteer has no place of the whole name ("South Florida", "Western New York", "East
        Tennessee"; not "North Carolina", "South Australia", "Central Asia", matched whole), names
        a part of it: the span takes the word, and the reading is a region at the point of that
        part's towns (:meth:`Gazetteer.part_point`) instead of the middle of the whole division.
        A lower-case word ("northern Alberta") stays out of the name, and so does the word before
        a country ("Western Canada", "East Germany": the country is the place named)."""
        out: list[_Cand] = []
        for c in kept:
            i = c.start - 1
            if c.source == "dateline" or c.kind != "literal" or not c.entries or i < 0 or taken[i]:
                out.append(c)
                continue
            word = doc[i].text
            if not word[:1].isupper() or word.lower() not in COMPASS_PARTS or doc[i].whitespace_ == "":
                out.append(c)
                continue
            parts: list[Entry] = []
            name = f"{word} {doc[c.start:c.end].text}"
            for e in c.entries:
                if e.feature != "admin1":
                    continue
                pt = self.gaz.part_point(e, word)
                if pt is not None:
                    parts.append(Entry(None, f"{word} {e.name}", "region", e.country,
                                       e.admin1 if e.feature == "admin1" else "", pt[0], pt[1], 0, [name]))
            if not parts:
                out.append(c)
                continue
            taken[i] = True
            out.append(_Cand(i, c.end, c.source, c.kind, c.label, tuple(parts), "compass_part"))
        return out

    def _not_small_town(self, label: str, entries) -> list:
        """Rule ``feature_not_town``: a name the tagger reads as a natural feature or a region (LOC:
        "New England", "the Central Valley", "the Atlantic", "Earth") is not a small town of that
        name: its town readings are kept only for towns of ``city_min_pop`` people ("NYC")."""
        if label != "LOC":
            return list(entries)
        return [e for e in entries if e.feature != "city" or e.population >= self.city_min_pop]

    @staticmethod
    def _title_case(doc, i: int) -> bool:
        """Whether token ``i`` stands in a line written in title case: its sentence has three
        words of four letters or more and all of them are capitalised (a sentence dense with
        names still has a verb in lower case: "... of Edmonton, was arrested")."""
        words = [t.text for t in doc[i].sent if t.is_alpha and len(t.text) > 3]
        return len(words) >= 3 and all(w[:1].isupper() for w in words)

    def _evidenced_towns(self, ctx, cands: list[_Cand]) -> list[_Cand]:
        """Rule ``state_named``: a town under ``city_min_pop`` people after a preposition of place
        ("a rally in Hooksett") is a place where the article gives evidence for one of its towns:
        it lies in a first-level division the article names ("New Hampshire", "N.H.", the
        dateline's state) or within ``NEAR_KM`` of another town or county the article names; the
        readings left are those. Without that evidence the name is dropped, as before."""
        pending = [c for c in cands if c.pending]
        if not pending:
            return cands
        doc = ctx.doc
        rest = [c for c in cands if not c.pending]
        divisions: set[tuple] = set()
        anchors: list[Entry] = []
        pending_names = {norm(doc[c.start:c.end].text) for c in pending}
        for c in rest:
            if not c.entries or c.kind not in ("literal", "dateline"):
                continue
            if norm(doc[c.start:c.end].text) in pending_names:
                continue
            e = self._context_free(c.entries)
            if e.feature == "admin1" and e.population >= 0 or (c.rule == "qualifies_town" and e.feature == "admin1"):
                divisions.add((e.country, e.admin1))
            elif e.feature in ("city", "admin2") and e.lat is not None:
                one_state = len({(x.country, x.admin1) for x in c.entries if x.feature == "city"}) == 1
                if one_state or c.rule in ("qualifies_town", "division_cue") \
                        or (c.source == "dateline" and e.population >= self.city_known_pop):
                    divisions.add((e.country, e.admin1))
                if not e.capital and e.population < 1_000_000:
                    anchors.append(e)
        # a name the tagger reads as something else ("in Congress": an organisation) only where
        # a context rule made it a place elsewhere in the article ("Churchill, Manitoba")
        cued = {norm(doc[c.start:c.end].text) for c in rest if c.rule in ("qualifies_town", "town_modifier")}
        out = rest
        for c in pending:
            if c.label and norm(doc[c.start:c.end].text) not in cued:
                continue
            keep = [e for e in c.entries if e.feature == "city" and (
                (e.country, e.admin1) in divisions
                or (e.lat is not None and any(haversine_km(e.lat, e.lon, a.lat, a.lon) <= NEAR_KM for a in anchors)))]
            if keep:
                out.append(_Cand(c.start, c.end, c.source, c.kind, c.label, tuple(keep), c.rule))
        return out

    def _same_name_again(self, doc, kept: list[_Cand], taken: list[bool], ent_at) -> list[_Cand]:
        """One sense per discourse: a town or division the article names as a place once is a place
        at its other mentions too, where nothing marks it ("Danbury police", "the Cairns unit",
        "a Churchill doctor"); not where the tagger reads a person. Countries and larger names are
        found everywhere already.
        Rule ``person_tag_place``: where the tagger reads the name alone as a person ("Hamilton"
        tagged PERSON after "in Hamilton" tagged GPE) it is the place all the same, unless the
        article writes it as a word of a longer person's name ("Tom Hamilton"), a title or kin
        word stands before it ("Mr. Hamilton") or it is the subject of a verb of speech
        ("Hamilton said"), or the tagger reads it as a person more often than the article has it
        as a place ("President Obama" ×9 after one "Obama" tagged as a place); a country the
        article names as a place counts here too."""
        surfaces: dict[tuple, _Cand] = {}
        lower_words = None
        n = len(doc)
        dtext = doc.text
        arr = doc.to_array([IDX, LENGTH]).tolist() if n else []
        words = [dtext[a[0]:a[0] + a[1]] for a in arr]     # = [t.text for t in doc], without Token objects
        for c in kept:
            # a name the tagger itself read as a place (or the dateline), whose gazetteer reading
            # is a town, division or county
            if c.kind not in ("literal", "dateline") or not c.entries or (c.source != "dateline" and c.label not in PLACE_LABELS):
                continue
            if self._context_free(c.entries).feature not in ("city", "admin1", "admin2", "country"):
                continue
            name = tuple(words[c.start:c.end])
            if not name[0][:1].isupper() or name in surfaces or norm(" ".join(name)) in NOT_PLACE_WORDS:
                continue
            if len(name) == 1:
                # a word the article also writes in lower case is a common word ("Center", "Olympic")
                if lower_words is None:
                    lower_words = {w for w in words if w.islower()}
                if name[0].lower() in lower_words:
                    continue
            surfaces[name] = c
        if not surfaces:
            return []
        # the words of the article's longer person names ("Tom Hamilton") and how often the
        # tagger reads each name alone as a person: rule person_tag_place
        person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        as_person: dict[tuple, int] = {}
        for e in doc.ents:
            if e.label_ == "PERSON":
                k = tuple(words[e.start:e.end])
                as_person[k] = as_person.get(k, 0) + 1
        as_place: dict[tuple, int] = {}
        #: names placed by more than the tagger's label: a preposition of place before them (not
        #: "to"/"from", which a person takes as well: "blame shifted to Obama"; not before a
        #: possessive or a case's "v.": "in Obama's cabinet", "In Fisher v. Texas"), a
        #: context rule, the dateline, or a country's or first-level division's reading
        placed: set[tuple] = set()
        for c in kept:
            if c.kind in ("literal", "dateline") and c.entries:
                k = tuple(words[c.start:c.end])
                as_place[k] = as_place.get(k, 0) + 1
                after = words[c.end].lower() if c.end < n else ""
                if c.source in ("dateline", "cue") or c.rule or self._context_free(c.entries).feature in ("country", "admin1") \
                        or (c.start > 0 and words[c.start - 1].lower() in PLACE_ONLY_PREP and after not in NOT_PLACE_AFTER):
                    placed.add(k)
        by_first: dict[str, list[tuple]] = {}
        for w in surfaces:
            by_first.setdefault(w[0], []).append(w)
        out: list[_Cand] = []
        for i in range(n):
            if taken[i] or words[i] not in by_first:
                continue
            for name in by_first[words[i]]:
                j = i + len(name)
                if j > n or any(taken[i:j]) or tuple(words[i:j]) != name:
                    continue
                ent = ent_at[i]
                src = surfaces[name]
                rule = ""
                if ent is not None and ent.label_ == "PERSON":
                    if name not in placed or as_person.get(name, 0) > as_place.get(name, 0) \
                            or not self._person_tag_place(doc, i, j, ent, person_words):
                        continue
                    rule = "person_tag_place"
                elif self._context_free(src.entries).feature == "country":
                    continue   # (a country is found everywhere else already)
                if ent is not None and ent.label_ == "WORK_OF_ART":
                    continue
                if ent is not None and ent.label_ == "ORG" and ent.start == i and ent.end == j:
                    continue   # the name alone tagged as an organisation (a team, a firm)
                out.append(_Cand(i, j, "again", "literal", ent.label_ if ent is not None else "", src.entries, rule))
                for k in range(i, j):
                    taken[k] = True
                break
        return out

    #: rule ``person_tag_place`` (switch for measuring)
    person_tag_place = True

    def _person_tag_place(self, doc, i: int, j: int, ent, person_words: set) -> bool:
        """Rule ``person_tag_place``: a name the tagger reads as a person alone (the entity is
        the name) that the article names as a place elsewhere is the place, unless it is a word
        of a longer person's name in the article, follows a title or kin word, or is the subject
        of a verb of speech."""
        if not self.person_tag_place or ent.start != i or ent.end != j:
            return False
        if any(t.text in person_words for t in doc[i:j]) or self._person_cue(doc, i, j):
            return False
        root = doc[i:j].root
        return not (root.dep_ in ("nsubj", "nsubjpass") and root.head.i != root.i
                    and root.head.lemma_.lower() in SPEECH_VERBS)

    # -- resolution --------------------------------------------------------------------------
    def _context_free(self, entries) -> Entry:
        """The reading a gazetteer ranking alone gives: countries, then continents and regions,
        divisions, then towns by population; a national capital before a division of its name."""
        rival = any(x.feature == "admin1" for x in entries)
        return max(entries, key=lambda x: (base_score(x) + (15 if x.capital and rival else 0), x.population))

    def _evidence(self, ctx, cands: list[_Cand], readings: Optional[dict[str, Entry]] = None) -> DocEvidence:
        """The article's evidence: each distinct name's reading (``readings``, e.g. those a first
        pass chose, else the context-free one) and the dateline's country."""
        doc = ctx.doc
        seen: dict[str, Entry] = {}
        for c in cands:
            if not c.entries:
                continue
            k = norm(doc[c.start:c.end].text)
            if k not in seen:
                seen[k] = readings[k] if readings and k in readings else self._context_free(c.entries)
        dl_country = None
        dl_admin1 = None
        for c in cands:
            if c.source == "dateline" and c.entries:
                best = max(c.entries, key=base_score)
                dl_country = best.country
                towns = [e for e in c.entries if e.feature == "city"]
                # rule dateline_state: a dateline town's division counts as named in the article
                # where all its towns lie in one division or the biggest has 100,000 people
                # (AP writes only such towns without their state: "DES MOINES —")
                if best.feature == "city" and best.admin1 and (
                        len({(e.country, e.admin1) for e in towns}) == 1 or best.population >= self.city_known_pop):
                    dl_admin1 = (best.country, best.admin1)
        return DocEvidence.build(seen, dl_country, dl_admin1)

    def candidate_features(self, ctx, cands: list[_Cand], readings: Optional[dict[str, Entry]] = None
                           ) -> list[Optional[tuple[str, bool, list[Entry], list[list[float]]]]]:
        """Per candidate: (normalised name, has a qualifier, its readings, their feature vectors);
        None for a name the gazetteer lacks. The article's evidence is the other names'
        ``readings`` when given (a first pass's choices), else their context-free readings.
        Used by :meth:`_resolve` and by the ranker's trainer."""
        doc = ctx.doc
        ev = self._evidence(ctx, cands, readings)
        out: list = []
        memo: dict[str, tuple] = {}
        for ci, c in enumerate(cands):
            if not c.entries:
                out.append(None)
                continue
            key = norm(doc[c.start:c.end].text)
            # explicit qualifier: "Glasgow, Ky." / "London, Ontario"
            qual: list[Entry] = []
            if c.end + 1 < len(doc) and doc[c.end].text == ",":
                for nxt in cands[ci + 1:ci + 2]:
                    if nxt.start == c.end + 1:
                        qual = [e for e in nxt.entries if e.feature in {"admin1", "country"}]
                if qual and all(q.feature == "country" for q in qual) and any(e.feature == "country" for e in c.entries):
                    qual = []   # a country, a comma, a country: a list, not "town, country"
                if qual and _division_list(c.entries, qual, doc[c.end + 1:cands[ci + 1].end].text):
                    qual = []   # rule division_list: two divisions of one country, a list
            # (a reading that a rule on the mention's own words chose is its own, not the name's
            # reading in the whole article: "the New York primary" after "NEW YORK (AP)")
            own_words = c.rule in OWN_READING_RULES
            # rule reading_in_own: the name's earlier mention lends its readings and evidence to
            # a mention a cue narrowed (CUE_OWN_READINGS) only where the two have the same
            # readings: "Monsey, New York" is the state, "Washington state" the state
            if not qual and not own_words and key in memo and (
                    c.rule not in CUE_OWN_READINGS or _same_entries(memo[key][2], c.entries)):
                out.append(memo[key])    # the same name again: the same readings and evidence
                continue
            own = ev.readings.get(key)
            entries = list(c.entries)
            cf = self._context_free(entries)
            feats = [entry_features(e, key, own, entries, ev, qual, cf, norm) for e in entries]
            # ("own": like a qualifier, but it tells the article's other mentions nothing)
            item = (key, "own" if own_words and not qual else bool(qual), entries, feats)
            if not qual and not own_words:
                memo[key] = item
            out.append(item)
        return out

    def _resolve(self, ctx, cands: list[_Cand]) -> list[Optional[Entry]]:
        """The reading of each candidate with the highest learned score (:mod:`.place_ranker`);
        one name keeps one reading in an article unless a qualifier says otherwise."""
        if self.ranker_passes == 1:   # one pass: nothing to compare a later pass with
            return self._choose(ctx, cands, None)[0]
        readings: Optional[dict[str, Entry]] = None
        out: list[Optional[Entry]] = []
        for k in range(self.ranker_passes):
            # a later pass weighs each name against the readings the previous one chose for the
            # others (places already resolved) instead of their context-free readings
            before = readings if readings is not None else self._evidence(ctx, cands).readings
            out, readings = self._choose(ctx, cands, readings)
            if all(readings.get(key) is e for key, e in before.items()):
                break    # nothing moved: another pass would see the same evidence
        return out

    def _choose(self, ctx, cands: list[_Cand], readings: Optional[dict[str, Entry]]):
        chosen: dict[str, Entry] = {}
        out: list[Optional[Entry]] = []
        score = self.ranker.score
        for c, item in zip(cands, self.candidate_features(ctx, cands, readings)):
            if item is None:
                out.append(None)
                continue
            key, qualified, entries, feats = item
            if key in chosen and not qualified and (c.rule not in CUE_OWN_READINGS
                                                    or any(chosen[key] is e for e in entries)):
                out.append(chosen[key])    # one name, one reading (rule reading_in_own: one of its own)
                continue
            best = max(zip(entries, feats), key=lambda ef: (score(ef[1]), ef[0].population))[0]
            if qualified != "own":
                chosen.setdefault(key, best)
            out.append(best)
        return out, chosen

    def _metonymic(self, doc, c: _Cand, e: Optional[Entry]) -> bool:
        if e is None or e.feature not in {"city", "country"}:
            return False
        if e.feature == "city" and e.population < 100000:
            return False
        span = doc[c.start:c.end]
        root = span.root
        if root.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        head = root.head
        return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in METONYM_VERBS

    def __call__(self, ctx) -> None:
        doc = ctx.doc
        text = ctx.text
        cands = self._candidates(ctx)
        resolved = self._resolve(ctx, cands)
        places: list[Place] = []
        for c, e in zip(cands, resolved):
            if c.evidence_only:
                continue
            span = doc[c.start:c.end]
            sp = span_of(text, span.start_char, span.end_char)
            if not sp.text:
                continue
            kind = c.kind
            if kind == "literal" and self._metonymic(doc, c, e):
                kind = "metonymic"
            rule = c.rule or {"ner": "ner", "gaz": "gazetteer", "dateline": "dateline", "cue": "qualifies_town",
                              "again": "discourse"}.get(c.source, c.source)
            if e is None:
                places.append(Place(**sp.model_dump(), kind=kind, rule=rule))
                continue
            places.append(Place(**sp.model_dump(), name=e.name, geonameid=e.geonameid, country_code=e.country,
                                lat=e.lat, lon=e.lon, feature=e.feature, kind=kind, rule=rule))
        ctx.record.places = places
        if ctx.record.dateline is not None:
            for p in places:
                if p.kind == "dateline":
                    ctx.record.dateline = p
                    break
        ctx.places = places
