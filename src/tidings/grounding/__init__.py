<<<<<<< HEAD
"""Grounding layers: times, places, amounts and quotes."""
=======
"""Grounding: times, places, amounts and quotes."""
>>>>>>> grounding-pq
