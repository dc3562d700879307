"""Quotes: direct quotations and reported speech, with cue, speaker and the rule that made each.

The stage is :class:`tidings.quotes.stage.QuoteStage`; its constructions are named rules, listed
in one table, :data:`tidings.quotes.rules.RULES`. Importing this package loads no spaCy model.
"""
