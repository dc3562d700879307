"""Where a reported content ends (engineer qend's rules); helpers from test_quotes."""
from __future__ import annotations

from test_quotes import one, quotes, pipe  # noqa: F401  (pipe: the module's fixture)


def test_content_runs_on_over_its_own_colon(pipe):
    q = one(quotes(pipe, "The economist notes that the region faces two problems at once: wages are flat and "
                         "rents keep climbing."), "two problems")
    assert q.content.text == "that the region faces two problems at once: wages are flat and rents keep climbing"
    q = one(quotes(pipe, "The minister argued that the budget had one clear aim: cutting the deficit by half "
                         "within three years."), "clear aim")
    assert q.content.text.endswith("cutting the deficit by half within three years")


def test_adverb_between_object_and_its_complement_stays_inside(pipe):
    # "compared X [unfavorably] with Y": the adverb does not end the content before "with Y"
    q = one(quotes(pipe, "Critics have compared the program unfavorably with the one it replaced."), "the program")
    assert q.content.text == "the program unfavorably with the one it replaced"
