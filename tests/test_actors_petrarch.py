"""PETRARCH / Phoenix dictionaries read into the KB (format-level tests on our own text, and the
real files from ../shared/reference/petrarch when present)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.actors.kb import KB
from tidings.actors.loading import build_kb, load_file
from tidings.actors.petrarch import load_petrarch_text
from tidings.actors.resolver import Resolver

D = dt.date
PETRARCH = Path(__file__).resolve().parents[2] / "shared" / "reference" / "petrarch"

ACTORS = """# a small actor dictionary in PETRARCH format, written for this test
ZEMBLA_  [ZEM]
+ZEMBLAN_
+ONHAVA_
JOHN_Q_EXAMPLE_  # a made-up person
+J_Q_EXAMPLE_
\t[ZEMGOV 19990101-20031231]
\t[ZEMOPP >20040101]
\t[ZEMELI]
MARY_SAMPLE_
\t[ZEMGOVLEG <051231]
NORTHERN_FRONT_ [ZEMREB]
+NORFRONT
"""

AGENTS = """!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
HARBOUR_MASTER [~GOVHBR]
COAST_WATCHER {} [~MIL]
ZEALOT!PERSON! [~RAD]
RELIEF_CHARITY [NGO~]
"""


def test_actor_dictionary_format():
    kb = KB()
    load_petrarch_text(kb, ACTORS, source="test")
    r = Resolver(kb)
    a = r.resolve_text("John Q Example", D(2001, 5, 5))
    assert (a.code, a.sector, a.cameo) == ("ZEM", "GOV", "ZEMGOV")
    a = r.resolve_text("J. Q. Example", D(2010, 5, 5))
    assert (a.code, a.sector) == ("ZEM", "OPP")
    a = r.resolve_text("John Q Example", D(1990, 5, 5))   # no restriction holds → default code
    assert (a.code, a.sector) == ("ZEM", "ELI")
    a = r.resolve_text("Mary Sample", D(2004, 1, 1))
    assert a.cameo == "ZEMGOVLEG"
    assert r.resolve_text("Northern Front").cameo == "ZEMREB"
    assert r.resolve_text("Norfront").cameo == "ZEMREB"
    assert r.resolve_text("Zembla").code == "ZEM"
    assert r.resolve_text("Onhava").code == "ZEM"


def test_agent_dictionary_format():
    kb = KB()
    load_petrarch_text(kb, AGENTS)
    assert kb.agents["harbour master"][0] == "GOV"
    assert kb.agents["harbour masters"][0] == "GOV"          # regular plural generated
    assert kb.agents["coast watcher"][0] == "MIL"
    assert "coast watchers" not in kb.agents                # {} = no plural
    assert kb.agents["zealotmen"][0] == "RAD"               # substitution set
    assert kb.agents["relief charity"][0] == "NGO"


def test_user_petrarch_file_overrides_builtin(tmp_path):
    f = tmp_path / "mine.actors.txt"
    f.write_text("ISHAQ_DAR_\n\t[PAKGOVTST >20240101]\n", encoding="utf-8")
    r = Resolver(build_kb([f]))
    assert r.resolve_text("Ishaq Dar", D(2024, 6, 1)).cameo == "PAKGOVTST"
    assert r.resolve_text("Shehbaz Sharif", D(2024, 6, 1)).cameo == "PAKGOV"   # the rest of the KB stays


@pytest.mark.skipif(not PETRARCH.exists(), reason="../shared/reference/petrarch not available")
def test_phoenix_dictionaries():
    kb = KB()
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"):
        load_file(kb, PETRARCH / name)
    s = kb.stats()
    assert s["person"] > 10000 and s["agent nouns"] > 1000
    r = Resolver(kb)
    # a dated entry: before and after a date restriction
    a, b = r.resolve_text("Imran Khan", D(2010, 1, 1)), r.resolve_text("Imran Khan", D(2014, 1, 1))
    assert a.code == b.code == "PAK" and a.cameo != b.cameo
    assert r.resolve_text("Taliban").cameo == "AFGREB"
    assert r.resolve_text("Afghanistan").code == "AFG"
    assert r.resolve_text("United Nations").code == "IGO"
