"""Monolingual analysis: tokens with tags and offsets (``zh``: jieba via rjieba; ``en``: spaCy).

Kept apart from ``extract.candidates`` because the signals need it too (the Chinese word
boundaries of a term, Simplified text aligned with the surface), not only the candidate rules.
"""
