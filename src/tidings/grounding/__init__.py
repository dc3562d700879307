"""Grounding layers: times, places, amounts and quotes."""
