"""Stable matching of mentees to terms (hospitals/residents with capacities).

Pure Python, no Django: see ``mentorship.matching.algorithm``.
"""
