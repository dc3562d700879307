"""The switches of the quotes stage, read once (by :class:`~tidings.quotes.stage.QuoteStage`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class QuoteSettings:
    #: extra cue lexicon files (TSV with the columns of ``data/quotes_cues.tsv``)
    cue_files: tuple[str, ...] = ()
    #: verbs outside the cue list that take a clause with its own subject ("X hinted the deal was off")
    generic_cues: bool = False
    #: a noun object carries content for every cue ("cited criticism of the plan", "said the same")
    all_objects: bool = True
    #: a trailing ", citing ..." participle is cut from a content
    trim_participles: bool = True
    #: a content extends to the right over what the parser hung on the cue
    extend_right: bool = True
    #: a cue verb in a purpose clause or after a preposition speaks for the main clause's
    #: subject ("met the mayor to discuss ...", "stopped short of calling ...")
    control: bool = True
    #: stances carried by adjectives and nouns ("critical of", "allegations of")
    stances: bool = True

    @classmethod
    def from_options(cls, opts: Mapping[str, Any]) -> "QuoteSettings":
        """From a run's ``Config.options`` (the ``quote_*`` keys)."""
        opts = opts or {}
        return cls(cue_files=tuple(opts.get("quote_cue_files", ()) or ()),
                   generic_cues=bool(opts.get("quote_generic_cues", False)),
                   all_objects=bool(opts.get("quote_all_objects", True)),
                   trim_participles=bool(opts.get("quote_trim_participles", True)),
                   extend_right=bool(opts.get("quote_extend_right", True)),
                   control=bool(opts.get("quote_control", True)),
                   stances=bool(opts.get("quote_stances", True)))
