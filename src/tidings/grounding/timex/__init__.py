"""TIMEX3 recognition and normalisation (rule-based, lexicon-driven): see :mod:`.tagger`."""
from .tagger import Timex, TimexTagger, get_tagger, tag

__all__ = ["Timex", "TimexTagger", "get_tagger", "tag"]
