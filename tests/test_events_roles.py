"""Event roles (actor / recipient): one test per named rule of the coder's role finding.

All sentences are our own. The figures of each rule on the ConfliBERT training sentences are in
docs/events.md (tools/roles_conflibert.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _events_helpers import codes, one
from _events_helpers import events as _events

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def events(pipe, text):
    return _events(pipe, text, modalities=("asserted", "intended"))


# ---- forces-not-recipient ----------------------------------------------------------------------
@pytest.mark.parametrize("text,plover,dest", [
    ("Japan sent 300 troops to South Sudan on Monday.", "MOBILIZE", "SSD"),
    ("The Dutch government pulled its soldiers out of Iraq last year.", "RETREAT", "IRQ"),
    ("Canada deployed 200 soldiers in Latvia this spring.", "MOBILIZE", "LVA"),
])
def test_forces_not_recipient(pipe, text, plover, dest):
    e = one(events(pipe, text), plover)
    assert dest in codes(e.recipient), [(a.text, a.code) for a in e.recipient]
    assert not any(a.text.endswith(("troops", "soldiers")) for a in e.recipient)


def test_forces_of_another_party_stay_recipients(pipe):
    # an attack on troops acts on them; a release of soldiers too
    e = one(events(pipe, "Taliban fighters attacked Afghan troops near Kunduz on Sunday."), "ASSAULT")
    assert "AFG" in codes(e.recipient) and "troops" in e.recipient[0].text


# ---- light-verb-args ---------------------------------------------------------------------------
def test_light_verb_dative_is_recipient(pipe):
    e = one(events(pipe, "Obama gave Russian President Vladimir Putin a stern warning on Tuesday."), "THREATEN")
    assert codes(e.actor) == {"USA"} and codes(e.recipient) == {"RUS"}


# ---- control-conjunct --------------------------------------------------------------------------
def test_control_conjunct_is_part_of_the_request(pipe):
    evs = events(pipe, "Chile urged Peru to lift the tariffs and to release the detained fishermen.")
    req = one(evs, "REQUEST")
    assert codes(req.actor) == {"CHL"} and codes(req.recipient) == {"PER"}
    # the conjoined complement is not an act of Peru's
    assert not any(codes(e.actor) == {"PER"} for e in evs), [(e.event, e.trigger.text) for e in evs]


# ---- reported-pronoun-speaker ------------------------------------------------------------------
def test_reported_pronoun_is_the_speaker(pipe):
    e = one(events(pipe, "The Chilean army said it attacked two rebel camps on Sunday."), "ASSAULT")
    assert e.actor and e.actor[0].text == "The Chilean army" and codes(e.actor) == {"CHL"}


def test_reported_pronoun_needs_agreement(pipe):
    # "he" does not stand for a plural speaker
    e = one(events(pipe, "Kenyan officials said he attacked the convoy near Garissa."), "ASSAULT")
    assert not any(a.text == "Kenyan officials" for a in e.actor)


# ---- self-dyad-identity ------------------------------------------------------------------------
def test_two_offices_of_one_government_are_two_parties(pipe):
    e = one(events(pipe, "The Peruvian president eased travel restrictions on the former Peruvian prime minister."),
            "CONCEDE")
    rec = " ".join(a.text for a in e.recipient)
    assert codes(e.actor) == {"PER"} and "prime minister" in rec, rec


def test_same_entity():
    from tidings.events.coder import Coder
    from tidings.model import Actor

    def act(text, cameo, kb=None):
        return Actor(text=text, start=0, end=len(text), code=cameo[:3], cameo=cameo, kb_id=kb)
    # two offices of one government: two parties
    assert not Coder._same_entity(act("The Peruvian president", "PERGOV", "cty:PER"), act("the prime minister", "PERGOV"))
    # two names of one government: one party
    assert Coder._same_entity(act("Moscow", "RUSGOV", "cty:RUS"), act("the Kremlin", "RUSGOV", "cty:RUS"))
    # one person, two mentions
    assert Coder._same_entity(act("Putin", "RUSGOV", "per:putin"), act("Vladimir Putin", "RUSGOV", "per:putin"))
    assert not Coder._same_entity(act("Putin", "RUSGOV", "per:putin"), act("Lavrov", "RUSGOV", "per:lavrov"))


# ---- joint-coordination ------------------------------------------------------------------------
def test_joint_act_of_coordinated_parties(pipe):
    e = one(events(pipe, "Peru and Chile signed a trade agreement on Tuesday."), "SUPPORT")
    assert codes(e.actor) == {"PER", "CHL"} and codes(e.recipient) == {"PER", "CHL"}


def test_joint_rule_keeps_a_named_recipient(pipe):
    e = one(events(pipe, "France and Germany condemned Iran on Tuesday."), "ACCUSE")
    assert codes(e.recipient) == {"IRN"}


# ---- the measuring tool ------------------------------------------------------------------------
@pytest.mark.skipif(not (SHARED / "eval" / "conflibert-cameo-train.jsonl").exists(), reason="needs ../shared")
def test_roles_tool_on_a_slice(tmp_path):
    rows = [json.loads(line) for line in open(SHARED / "eval" / "conflibert-cameo-train.jsonl", encoding="utf-8")]
    rows = [r for r in rows if "roles" in r["gold"].get("layers", [])][:15]
    f = tmp_path / "slice.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "roles_conflibert.py"), "--file", str(f), "--events", "lexicon",
                    "--json", str(out)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    got = json.loads(out.read_text())
    assert got["summary"]["all"]["sentences"] == 15
    assert 0 < got["summary"]["all"]["coded"] <= 15
    assert all("outcome" in r for r in got["rows"] if r["coded"])


# ---- event-noun-object -------------------------------------------------------------------------
def test_event_noun_object_is_not_the_recipient(pipe):
    e = one(events(pipe, "Chilean jets launched airstrikes on Bolivian army positions near the border."), "ASSAULT")
    assert "BOL" in codes(e.recipient) and not any("airstrikes" in a.text for a in e.recipient), [a.text for a in e.recipient]


def test_event_noun_object_gives_its_owner(pipe):
    e = one(events(pipe, "The Ethiopian prime minister rejected Kenyan calls for a ceasefire."), "REJECT")
    assert "KEN" in codes(e.recipient), [(a.text, a.code) for a in e.recipient]


# ---- forces-not-recipient: another party's unit ------------------------------------------------
def test_units_of_another_party_are_acted_on(pipe):
    e = one(events(pipe, "Chad expelled several U.N. peacekeepers on Monday."), "SANCTION")
    assert "IGO" in {c[:3] for c in codes(e.recipient)}, [(a.text, a.code) for a in e.recipient]


# ---- control-conjunct: a second complement ------------------------------------------------------
def test_second_complement_is_part_of_the_request(pipe):
    evs = events(pipe, "Chile asked Peru to help guard the coast, share radar data and expand naval patrols.")
    req = one(evs, "REQUEST")
    assert codes(req.actor) == {"CHL"}
    assert not any(e.event == "MOBILIZE" for e in evs), [(e.event, e.trigger.text) for e in evs]


# ---- named-argument ----------------------------------------------------------------------------
def test_named_argument_outside_the_kb(pipe):
    e = one(events(pipe, "Zorvakia Relief Command returned nine stolen artifacts to Peru on Friday."), "RETREAT")
    assert e.actor and "Zorvakia" in e.actor[0].text and e.actor[0].code is None
    assert "PER" in codes(e.recipient)


def test_named_acronym_subject(pipe):
    e = one(events(pipe, "ZRC returned nine stolen artifacts to Peru on Friday."), "RETREAT")
    assert e.actor and e.actor[0].text == "ZRC"


def test_named_recipient_comes_after_coded_ones(pipe):
    e = one(events(pipe, "The Chilean government accused Zorvakov of plotting a coup."), "ACCUSE")
    assert [a.text for a in e.recipient] == ["Zorvakov"] and codes(e.actor) == {"CHL"}


def test_named_argument_is_not_an_amount(pipe):
    for e in events(pipe, "Norway donated USD 4 million to the Zorvak relief fund on Monday."):
        assert not any(a.text.startswith("USD") for a in e.recipient + e.actor)


# ---- coordinated-modifiers, uncoded-head-phrase -------------------------------------------------
def test_coordinated_modifiers_are_parties(pipe):
    e = one(events(pipe, "Chilean and Peruvian negotiators signed a fisheries agreement on Monday."), "SUPPORT")
    assert {"CHL", "PER"} <= codes(e.actor), [(a.text, a.code) for a in e.actor]


def test_of_phrase_coordination(pipe):
    e = one(events(pipe, "The navies of Chile and Peru held joint exercises in May."), "COOPERATE")
    assert {"CHL", "PER"} <= codes(e.actor), [(a.text, a.code) for a in e.actor]


def test_uncoded_head_takes_its_phrase():
    from types import SimpleNamespace

    from tidings.events import get_coder
    from tidings.model import Actor
    from tidings.nlp import load

    doc = load()("Moscow expelled the envoys of Chile on Friday.")
    envoys, chile = doc[3], doc[5]
    assert chile.head.head.i == envoys.i
    mentions = {envoys.i: SimpleNamespace(actor=Actor(text="envoys", start=envoys.idx, end=envoys.idx + 6)),
                chile.i: SimpleNamespace(actor=Actor(text="Chile", start=chile.idx, end=chile.idx + 5, code="CHL"))}
    ctx = SimpleNamespace(mention_at_token=mentions)
    got = get_coder().actors_of(envoys, ctx)
    assert [a.code for a in got] == ["CHL"]


# ---- subject-by-agent --------------------------------------------------------------------------
def test_weapon_subject_has_its_agent(pipe):
    e = one(events(pipe, "The rockets fired by the Syrian army struck a depot near Idlib."), "ASSAULT")
    assert codes(e.actor) == {"SYR"} and "army" in e.actor[0].text


def test_people_backed_by_a_state_stay_the_actor(pipe):
    for e in events(pipe, "Protesters backed by Russia stormed the town hall in Donetsk."):
        assert not any(a.text == "Russia" for a in e.actor)


# ---- request-complement-subject, other-of-coordination ------------------------------------------
def test_demand_noun_complement_subject(pipe):
    e = one(events(pipe, "Pyongyang repeated its demand that Washington lift the sanctions."), "REQUEST")
    assert "USA" in codes(e.recipient), [(a.text, a.code) for a in e.recipient]


def test_igo_recipient_of_an_igo(pipe):
    e = one(events(pipe, "The African Union said the United Nations must mediate the quarrel between Chad and Niger."),
            "REQUEST")
    assert any("United Nations" in a.text for a in e.recipient), [(a.text, a.code) for a in e.recipient]


def test_reported_own_country_is_the_speakers(pipe):
    evs = events(pipe, "Chile's foreign minister said his country would expel two Bolivian diplomats.")
    assert any(codes(e.actor) == {"CHL"} for e in evs), [(e.event, [(a.text, a.code) for a in e.actor]) for e in evs]


def test_joint_act_in_a_place(pipe):
    e = one(events(pipe, "Chilean and Peruvian officials held talks in Lima on fishing rights."), "CONSULT")
    assert {"CHL", "PER"} <= codes(e.recipient), [(a.text, a.code) for a in e.recipient]
    e = one(events(pipe, "Chile and Peru signed a fisheries agreement with Ecuador."), "SUPPORT")
    assert codes(e.recipient) == {"ECU"}


def test_unresolved_person_pronoun_is_not_the_speaker(pipe):
    # in a direct quote "he" is someone else, not the one who speaks
    for e in events(pipe, "\u201cHe wants to attack them,\u201d Zorvakov said on the radio."):
        assert not any(a.text == "Zorvakov" for a in e.actor)


def test_headline_words_are_not_a_named_party(pipe):
    e = one(events(pipe, "ZRC Accused Of Hiding Peruvian Data Leak To Shield Director."), "ACCUSE")
    assert not any(len(a.text.split()) > 4 for a in e.actor + e.recipient), [a.text for a in e.actor]


# ---- control-complement-covered (lexicon + classifier) -----------------------------------------
def test_no_classifier_event_in_a_control_complement(pipe):
    # the demand is the event; "Ethiopia mediates" is what is asked, not an act of Ethiopia's
    evs = events(pipe, "The Kenyan president said Ethiopia must mediate the talks with Somalia.")
    assert codes(one(evs, "REQUEST").actor) == {"KEN"}
    assert not any(e.rule and e.rule.startswith("model:") and codes(e.actor) == {"ETH"} for e in evs), \
        [(e.event, e.rule, [a.text for a in e.actor]) for e in evs]


# ---- agentless-place-actor ---------------------------------------------------------------------
@pytest.mark.parametrize("text,plover,place", [
    ("The blogger was detained on Tuesday in Uganda for insulting the president.", "COERCE", "UGA"),
    ("Two aid workers were shot dead near the town of Kandahar last week.", "ASSAULT", "AFG"),
    ("A Chilean trader has been put under investigation in Peru over the missing shipment.", "ACCUSE", "PER"),
    ("A car bomb near the city of Mosul killed three policemen on Friday.", "ASSAULT", "IRQ"),
])
def test_agentless_act_takes_its_place_as_actor(pipe, text, plover, place):
    e = one(events(pipe, text), plover)
    assert codes(e.actor) == {place}, [(a.text, a.code, a.why) for a in e.actor]
    assert "agentless-place-actor" in (e.actor[0].why or "")


def test_agentless_place_actor_is_still_the_event_place(pipe):
    e = one(events(pipe, "The blogger was detained on Tuesday in Uganda for insulting the president."), "COERCE")
    assert e.event_loc is not None and e.event_loc.text == "Uganda"


def test_agentless_place_actor_leaves_named_doers_and_other_acts(pipe):
    # a named agent stays the actor; a passive act outside the rule's roots names no doer
    e = one(events(pipe, "The journalist was arrested in Kenya by Ugandan police."), "COERCE")
    assert codes(e.actor) == {"UGA"}
    evs = events(pipe, "The new trade pact was signed in Geneva on Monday.")
    assert not any("agentless-place-actor" in (a.why or "") for x in evs for a in x.actor)
    # a place inside the act's target is no place of the act
    evs = events(pipe, "Three soldiers were killed in an attack on Kabul.")
    assert not any("agentless-place-actor" in (a.why or "") for x in evs for a in x.actor)


# ---- mission-in-country ------------------------------------------------------------------------
@pytest.mark.parametrize("text,plover,place", [
    ("Norway sent 120 troops to the UN peacekeeping mission in Lebanon last month.", "MOBILIZE", "LBN"),
    ("Ghana is willing to contribute troops to the UN stabilization mission in Haiti.", "AGREE", "HTI"),
])
def test_mission_in_a_country_stands_for_the_country(pipe, text, plover, place):
    e = one(events(pipe, text), plover)
    assert codes(e.recipient) == {place}, [(a.text, a.code) for a in e.recipient]
    assert "mission-in-country" in (e.recipient[0].why or "")


def test_attack_on_a_mission_targets_the_force(pipe):
    e = one(events(pipe, "Gunmen ambushed the UN peacekeeping force in Mali on Sunday."), "ASSAULT")
    assert not any("mission-in-country" in (a.why or "") for a in e.recipient)


# ---- weapons-not-recipient ---------------------------------------------------------------------
@pytest.mark.parametrize("text,plover,target", [
    ("Thai troops launched artillery, mortar, and rocket fire against Cambodian border posts on Monday.", "ASSAULT", "KHM"),
    ("Poland offered to Ukraine two dozen tanks and attack helicopters.", "AGREE", "UKR"),
])
def test_weapons_are_not_recipients(pipe, text, plover, target):
    e = one(events(pipe, text), plover)
    assert not any(a.text.split()[-1] in ("artillery", "fire", "tanks", "helicopters") for a in e.recipient), \
        [a.text for a in e.recipient]
    assert target in codes(e.recipient), [(a.text, a.code) for a in e.recipient]


# ---- joint-before-topic ------------------------------------------------------------------------
def test_joint_parties_before_a_topic_or_another_clause(pipe):
    # the region argued over, and a party of a later clause, are not the partners of the truce
    e = one(events(pipe, "Peru and Ecuador agreed to a truce in their dispute over the Amazon region of Colombia."),
            "AGREE")
    assert codes(e.recipient) >= {"PER", "ECU"}, [(a.text, a.code) for a in e.recipient]
    # an argument of the act itself stays: the products the tariffs fall on
    e = one(events(pipe, "Chile and Peru agreed to lift tariffs on Bolivian products."), "AGREE")
    assert "BOL" in codes(e.recipient), [(a.text, a.code) for a in e.recipient]


# ---- help-complement ---------------------------------------------------------------------------
def test_whom_an_act_helps_is_its_recipient(pipe):
    e = one(events(pipe, "Norway sent emergency aid to help Malawi cope with the drought."), "AID")
    assert codes(e.recipient) == {"MWI"}, [(a.text, a.code) for a in e.recipient]
    # a reported complement is still no target of the act
    e = one(events(pipe, "Norway sent emergency aid and said Malawi would recover soon."), "AID")
    assert "MWI" not in codes(e.recipient)


# ---- cause-clause-agent ------------------------------------------------------------------------
def test_attacker_of_a_cause_clause_is_the_actor(pipe):
    e = one(events(pipe, "At least ten villagers were killed on Monday as Ethiopian government forces "
                         "launched air strikes against the rebel-held town."), "ASSAULT")
    assert codes(e.actor) == {"ETH"}, [(a.text, a.code) for a in e.actor]
    # a clause of time that tells no attack gives no doer
    e = one(events(pipe, "Two protesters were killed as the crowd gathered near the Kenyan parliament."), "ASSAULT")
    assert not any(a.text.endswith("crowd") for a in e.actor)
