"""A quote candidate while the rules work on it (character offsets into the text)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class _Q:
    content: tuple[int, int]          # char offsets
    cue: Optional[tuple[int, int]] = None
    speaker: Optional[tuple[int, int]] = None
    speaker_tok: Optional[int] = None  # token index of the speaker's head
    direct: bool = False
    sent: int = 0
    fragments: list = field(default_factory=list)
    kind: str = "speech"               # the cue's kind (speech, belief, intent, act, noun)
    rule: str = ""                     # the id of the rule that made it (tidings.quotes.rules.RULES)


    @classmethod
    def by(cls, rule: str, *args, **kwargs) -> "_Q":
        """A candidate made by the rule ``rule`` (an id of :data:`tidings.quotes.rules.RULES`)."""
        q = cls(*args, **kwargs)
        q.rule = rule
        return q
