"""tidings.cache: tables built from the package data are kept in the user's cache directory,
rebuilt when a source changes, and loading from the cache gives what building gives."""
from __future__ import annotations

import os

import pytest

from tidings import cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(d))
    return d


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


@pytest.mark.parametrize("plain", [False, True])
def test_built_once_then_read_back(cache_dir, tmp_path, plain):
    src = tmp_path / "table.tsv"
    src.write_text("a\t1\n", encoding="utf-8")
    value = {"a": [1, 2], "b": ("x", 1.5, None), "c": {"s"}}
    build, calls = _counting(value)
    first = cache.cached("t", [src], build, plain=plain)
    second = cache.cached("t", [src], build, plain=plain)
    assert first == second == value and len(calls) == 1
    assert second is not value                     # a fresh copy from the file
    assert len(list(cache_dir.iterdir())) == 1


def test_rebuilt_when_a_source_changes(cache_dir, tmp_path):
    src = tmp_path / "table.tsv"
    src.write_text("a\t1\n", encoding="utf-8")
    build, calls = _counting([1])
    cache.cached("t", [src], build)
    src.write_text("a\t1\nb\t2\n", encoding="utf-8")
    cache.cached("t", [src], build)
    assert len(calls) == 2
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))   # same size, new time
    cache.cached("t", [src], build)
    assert len(calls) == 3
    cache.cached("t", [src], build)
    assert len(calls) == 3
    assert len(list(cache_dir.glob("t-*"))) == 1   # the stale file was replaced, not kept beside


def test_turned_off_and_unwritable_directories_fall_back_to_building(tmp_path, monkeypatch):
    src = tmp_path / "table.tsv"
    src.write_text("x", encoding="utf-8")
    build, calls = _counting("v")
    monkeypatch.setenv("TIDINGS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.cached("t", [src], build) == "v" and cache.cached("t", [src], build) == "v"
    assert len(calls) == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(blocker / "cache"))   # cannot be created
    assert cache.cached("t", [src], build) == "v"
    assert len(calls) == 3
    assert cache.cached("t", [tmp_path / "missing.tsv"], build) == "v"   # unreadable source: no cache


def test_corrupt_file_is_rebuilt(cache_dir, tmp_path):
    src = tmp_path / "table.tsv"
    src.write_text("x", encoding="utf-8")
    build, calls = _counting({"k": 1})
    cache.cached("t", [src], build)
    (f,) = cache_dir.glob("t-*")
    data = f.read_bytes()
    f.write_bytes(data[:len(data) // 2])
    assert cache.cached("t", [src], build) == {"k": 1} and len(calls) == 2
    assert cache.cached("t", [src], build) == {"k": 1} and len(calls) == 2


def test_default_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("TIDINGS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "tidings"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir().parts[-2:] == (".cache", "tidings")


# ---- the loaders: the cached object is the built one -------------------------------------------

def test_gazetteer_from_cache_equals_built(cache_dir):
    from tidings.grounding import gazetteer as G

    ref = G.Gazetteer(builtin=False)
    ref._load_main()
    ref._load_aliases(G._data_path("places_aliases.tsv").read_text(encoding="utf-8"))
    for _ in range(2):   # built (cold), then read back (warm)
        g = G.Gazetteer()
        assert len(g.entries) == len(ref.entries)
        assert list(g.entries) == list(ref.entries)
        assert g.entries[5] is g.entries[5]
        assert (g.index, g.demonyms, g.countries, g.admin1, g.demonym_surfaces) == \
            (ref.index, ref.demonyms, ref.countries, ref.admin1, ref.demonym_surfaces)
    assert any(cache_dir.glob("gazetteer-*"))


def _kb_view(kb):
    def hits(table):
        return {k: [(h.entry.kb_id, h.how, h.sector, h.cased) for h in v] for k, v in table.items()}

    entries = {k: (e.name, e.kind, e.code, e.sector, e.cameo, e.aliases, e.periods, e.note, e.source,
                   e.has_default, [(t is kb.index, key) for t, key in e.keys]) for k, e in kb.entries.items()}
    surnames = {k: [e.kb_id for e in v] for k, v in kb.surnames.items()}
    return entries, hits(kb.index), hits(kb.acronyms), kb.agents, kb.max_len, surnames, kb.sources


def test_actor_kb_from_cache_equals_built(cache_dir):
    from tidings.actors import loading as K

    ref = _kb_view(K._builtin_kb())
    assert _kb_view(K.build_kb()) == ref      # cold
    kb = K.build_kb()
    assert _kb_view(kb) == ref                # warm
    hit = kb.index[next(iter(kb.index))][0]
    assert hit.entry is kb.entries[hit.entry.kb_id]   # shared objects stay shared


def test_event_lexicon_from_cache_equals_built(cache_dir):
    from tidings.events import lexicon as L

    ref = L._builtin_lexicon()
    for _ in range(2):
        lex = L.load_lexicon()
        assert (lex.verbs, lex.nouns, lex.control, lex.files) == (ref.verbs, ref.nouns, ref.control, ref.files)


def test_small_lexicons_from_cache_equal_built(cache_dir):
    from tidings.grounding import amounts
    from tidings.grounding.timex import lexicon as T

    for _ in range(2):
        assert cache.cached("times-lexicon", [cache.data_files("tidings.grounding", "data", "times_lexicon.yaml")],
                            T._builtin_data, plain=True) == T._builtin_data()
        assert cache.cached("amounts-lexicon", [cache.data_files("tidings.grounding", "data", "amounts_lexicon.yaml")],
                            amounts._builtin_amount_data, plain=True) == amounts._builtin_amount_data()
