"""The package carries everything it needs: it never reads ../shared at run time."""
from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tidings"


def test_package_never_reads_shared():
    offenders = []
    for f in SRC.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        for needle in ("../shared", "/work/shared", "shared/reference", "shared/eval"):
            if needle in text:
                offenders.append(f"{f.relative_to(SRC)}: {needle}")
    assert not offenders, offenders


def test_bundled_examples_are_enough_for_the_demo():
    from tidings.examples import example_articles

    arts = example_articles()
    assert len(arts) >= 6
    assert all(a.text and a.date and a.id for a in arts)
    assert len({a.id for a in arts}) == len(arts)
