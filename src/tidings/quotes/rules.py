"""The one table of quote rules: rule id → the function that implements it, its area and what it
does. Every quote the stage emits carries the id of the rule that made it (``Quote.rule``).

An id is ``quote.<area>.<name>``; it is stable (tests, docs and evaluations find a rule by it).
Several ids can share one function where one pass over the parse tells the constructions apart
(``_comp_object`` makes ``quote.cue.object``, ``.said_about`` and ``.said_same``). The example in
each description is our own sentence; ``tests/test_quote_rules.py`` runs one per rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .colons import ColonMixin as _Co
from .cues import CueMixin as _C
from .headlines import HeadlineMixin as _H
from .marks import MarksMixin as _M
from .nouns import NounMixin as _N
from .sourceless import SourcelessMixin as _S
from .stage import QuoteStage as _Q
from .stances import StanceMixin as _St


@dataclass(frozen=True)
class Rule:
    id: str
    function: Callable
    area: str
    description: str


#: areas, in the order the docs list them
AREAS = {
    "cue": "a cue verb and what it takes (cues.py)",
    "noun": "a cue noun (nouns.py, cues.py)",
    "according": "\"according to X\", \"in a statement\" (cues.py)",
    "stance": "adjectives and nouns of stance (stances.py)",
    "sourceless": "views with no source named (sourceless.py)",
    "direct": "quotation marks (marks.py, stage.py)",
    "colon": "transcript lines and block quotations (colons.py)",
    "headline": "headlines (headlines.py)",
    "frame": "a closing phrase of view (headlines.py)",
}

_TABLE: list[tuple[str, Callable, str]] = [
    # -- a cue verb's complement, in the order the steps are tried (CueMixin._COMPLEMENT_STEPS)
    ("quote.cue.clause", _C._comp_clause,
     "the cue's clause complement: 'The mayor said (that) the bridge would reopen.'"),
    ("quote.cue.clause_after_adverbial", _C._comp_clause_after_adverbial,
     "a clause the parser hung as an adverbial: 'The coach said after the match the team would rest.'"),
    ("quote.cue.clause_after_time", _C._comp_clause_after_time,
     "a clause read as a relative clause of a time phrase: 'The ministry reported last week that exports fell.'"),
    ("quote.cue.fronted_clause", _C._comp_fronted_clause,
     "a fronted clause read as adverbial, with what runs on after the cue: 'Rents rose 4 percent, the office said, and wages fell.'"),
    ("quote.cue.infinitive", _C._comp_infinitive,
     "an infinitive, with the one asked: 'The union urged its members to stay home.'"),
    ("quote.cue.object_predicate", _C._comp_object_predicate,
     "an object with its predicate: 'The senator called the charges baseless.'"),
    ("quote.cue.naming_passive", _C._comp_naming_passive,
     "a passive naming with its agent: 'The coach has been called a genius by his players.'"),
    ("quote.cue.response", _C._comp_response,
     "a response 'with' or 'by' doing: 'The council responded with a list of demands.'"),
    ("quote.cue.for_clause", _C._comp_for_clause,
     "a 'for X to do Y' clause the parser hung as an adverbial: 'The union called for the city to raise wages.'"),
    ("quote.cue.topic_prep", _C._comp_topic_prep,
     "the object of a preposition of topic: 'The governor called for a recount.'"),
    ("quote.cue.object", _C._comp_object,
     "a noun object: 'The council criticized the new budget.'"),
    ("quote.cue.learned", _C._verb_cue_quotes,
     "a cue row learned from PolNeAR train (data/quotes_cues_learned.tsv; off by default, "
     "QuoteSettings.learned_cues), read only where the hand entry reads nothing: "
     "'The audit implied that the agency had lost track of the funds.'"),
    ("quote.cue.said_about", _C._comp_object,
     "'said little/nothing about X': 'The minister said little about the talks.'"),
    ("quote.cue.said_same", _C._comp_object,
     "'said the same', 'said as much': 'Most farmers said the same of the new tariff.'"),
    ("quote.cue.passive_agent", _C._comp_passive_agent,
     "a passive subject with its agent: 'The proposal was endorsed by the nurses union.'"),
    ("quote.cue.relative_object", _C._comp_relative_object,
     "a relative object: 'She was treated for what she called a mild cold.'"),
    ("quote.cue.expressed_attitude", _C._comp_expressed_attitude,
     "what an expressed attitude is about: 'Several mayors voiced concern about the new water rules.'"),
    # -- a cue verb's speaker and the constructions without a complement (CueMixin._verb_cue_quotes)
    ("quote.cue.raising", _C._verb_cue_quotes,
     "'seem/appear to': how things look, the whole clause, from no one: 'By noon the truce seemed to have collapsed.'"),
    ("quote.cue.asked_about", _C._verb_cue_quotes,
     "'Asked about X, ...': what was asked, by no one named: 'Asked about the delay, the mayor said the road would open soon.'"),
    ("quote.cue.content_before", _C._verb_cue_quotes,
     "the cue hangs from the content: 'The deal, as the minister said, is far from done.'"),
    ("quote.cue.fronted_fragment", _C._fronted_fragment,
     "a fronted content the parser could not make a clause of: 'Rules unclear on who can apply, lawyers say.'"),
    ("quote.cue.parenthetical_root", _C._parenthetical_root,
     "a parenthetical cue parsed as the root: 'These nurses, Ruiz explained at the hearing, were badly underpaid.'"),
    ("quote.cue.passive_accusation", _C._passive_accusation,
     "an agentless passive of belief or accusation, the whole clause: 'The ferry is believed to have sunk near the cape.'"),
    ("quote.cue.passive_agentless", _C._passive_object,
     "an agentless passive of judging: 'Most of the mayor's claims were rated as false.'"),
    ("quote.cue.reduced_passive", _C._reduced_passive,
     "a participle with its agent after a noun: 'The firm paid a fine imposed by the regulator.'"),
    ("quote.cue.shown_object", _C._shown_object,
     "'show' with an object and its predicate: 'The footage shows him with his arms raised.'"),
    ("quote.cue.plural_root", _H._plural_roots,
     "a cue verb tagged as the plural noun root of a sentence: 'The Lopez campaign plans to send the governor to Ohio.'"),
    # -- cue nouns (CueMixin._noun_cue_quotes, NounMixin)
    ("quote.noun.possessor", _C._noun_cue_quotes,
     "a cue noun with its possessor: \"The mayor's remarks about the stadium deal drew criticism.\""),
    ("quote.noun.sourceless_stance", _C._noun_cue_quotes,
     "a noun of stance with a that-clause and no one named: 'Fears grew that the talks would fail.'"),
    ("quote.noun.received", _C._noun_cue_quotes,
     "criticism received, from no one named: 'The governor is drawing criticism for the cuts.'"),
    ("quote.noun.frame", _N._frame_quote,
     "'in X's view': 'In her view, the tax plan is deeply flawed.'"),
    ("quote.noun.agreement", _N._agreement_quote,
     "an agreement noun with its clause: 'There was broad agreement that the city should add bus lines.'"),
    ("quote.noun.given_attitude", _N._given_attitude,
     "an attitude given to someone: 'The union threw its support behind the governor.'"),
    ("quote.noun.light_verb", _N._light_verb_quote,
     "a light verb with a cue noun: 'The court made a unanimous decision to reject the appeal.'"),
    # -- "according to", "in a statement"
    ("quote.according.to", _C._according_quotes,
     "'according to X': 'According to the port authority, exports fell by a third.'"),
    ("quote.according.in_source", _C._according_quotes,
     "'in a statement/poll': 'In a statement on Tuesday, the senator said the vote was rushed.'"),
    # -- stances
    ("quote.stance.adjective", _St._stance_quotes,
     "an adjective of stance or intent: 'The union is willing to accept a shorter contract.'"),
    ("quote.stance.impersonal", _St._stance_quotes,
     "an impersonal view, no one named: 'It is clear that the bridge needs repairs.'"),
    ("quote.stance.object_noun", _St._stance_quotes,
     "a noun of speech or stance and its object, no one named: 'Allegations of bribery have followed the port chief for years.'"),
    # -- no source
    ("quote.sourceless.looks", _S._sourceless_quotes,
     "'X looks/seems ADJ': 'A deal before the vote? That looks unlikely.'"),
    ("quote.sourceless.seems_that", _S._sourceless_quotes,
     "'it appears/seems that ...': 'At times it appeared that the minister had no answer.'"),
    ("quote.sourceless.hearsay", _S._hearsay,
     "'reportedly', 'allegedly': 'The airline is reportedly cutting flights to three cities.'"),
    # -- quotation marks
    ("quote.direct.by_cue", _Q.match,
     "a quotation that is a cue rule's content: '\"Please go now,\" she said.'"),
    ("quote.direct.attribution", _M._attribution_near,
     "a quotation with a cue verb and subject next to it that no cue rule read: 'Then he says: \"We are not done.\"'"),
    ("quote.direct.unattributed", _Q.match,
     "a quotation with no attribution and no speaker before it: '\"Nobody listens,\" reads a sign.'"),
    ("quote.direct.lead_in", _Q._lead_in,
     "a quotation after a comma or colon whose lead-in sentence has a verb with a subject: 'The mayor shot back, \"We will rebuild.\"'"),
    ("quote.direct.joined", _Q._joins_previous,
     "a quotation with no cue of its own joined to the one right before it, on its line or after its attribution ends the paragraph: '\u201cThe roof held,\u201d the mayor said.\\n\\n\u201cThe walls did not.\u201d'"),
    ("quote.direct.continues", _Q.annotate,
     "a quotation that continues the previous speaker's: '\"We will rebuild,\" the mayor said. \"It will take a year.\"'"),
    ("quote.direct.embedded", _Q._embedded_reading,
     "a quotation that opens after a word inside the clause or object of a cue verb before it: 'Citing the floods and its \"habit of building on marshland,\" the engineer ...'"),
    ("quote.direct.signature", _M._signature,
     "a quotation signed after a dash: '\u201cWe will keep marching.\u201d \u2015 Ana Ruiz'"),
    ("quote.direct.named_as", _M._named_as,
     "a short quotation a naming verb applies: 'The report was labeled \"highly confidential.\"'"),
    # -- colons and headlines
    ("quote.colon.transcript", _Co._colon_quotes,
     "'NAME: words' at a paragraph start: 'Governor: Schools Will Reopen Next Week.'"),
    ("quote.colon.block", _Co._block_quotes,
     "a paragraph introduced by 'X said:' / 'X added:'"),
    ("quote.headline.colon", _H._headline_colon_quote,
     "a headline 'Source: \u2018words\u2019': \"A lesson from Maria Lopez: 'Fix the bridge before winter.'\""),
    ("quote.headline.says", _H._headline_quotes,
     "a headline 'X Vows To ...', 'Words, X Says': 'Mayor Vows To Rebuild Flooded Streets'"),
    ("quote.headline.plural_verb", _H._headline_plural_verb,
     "a headline cue verb tagged as a plural noun: 'City council votes to delay the budget hearing'"),
    ("quote.headline.root_cue", _H._headline_root_cue,
     "a headline whose root is a cue verb: 'Local Website Shows Bias In Its Coverage'"),
    ("quote.frame.trailing", _H._trailing_frames,
     "a closing phrase of reckoning or view: 'Only wealthy donors are safe in his eyes.'"),
]

#: rule id → Rule
RULES: dict[str, Rule] = {rid: Rule(rid, fn, rid.split(".")[1], desc) for rid, fn, desc in _TABLE}

#: ids a candidate may carry while the stage works that no emitted quote keeps (a short quotation
#: is kept only as a piece of the quotation it continues, which keeps its own rule)
CANDIDATE_ONLY = frozenset({"quote.direct.short"})
