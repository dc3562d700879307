"""Grounding: times, places, amounts and quotes."""
