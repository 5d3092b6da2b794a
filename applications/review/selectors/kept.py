"""Figures of a term that its pages show on every view and that cost a scan of all its
applicants to compute: how many applied, their countries, the reviewing progress and the
decision counts. Counting them for a 50,000-applicant term took 20 to 35 ms each, on every
view of a page that otherwise costs the same at any size.

They are kept in the cache per term (ten minutes at most) and dropped together by every
write that can change one of them (term_figures_forget): an application submitted, moved
to another state or shortlisted, a review saved or recused, a conflict declared, an offer
answered. Dropping all of them on any such write keeps one rule to follow: a write calls
term_figures_forget, and no figure can be forgotten on its own."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

KEPT_SECONDS = 600
FIGURES = ("applicants", "countries", "progress", "decisions")

T = TypeVar("T")


def _key(term_id: int, figure: str) -> str:
    return f"term-figures:{term_id}:{figure}"


def kept_get(term_id: int, figure: str):
    """The kept value of one of FIGURES for the term, None when there is none."""
    return cache.get(_key(term_id, figure))


def kept_set(term_id: int, figure: str, value) -> None:
    assert figure in FIGURES, figure
    cache.set(_key(term_id, figure), value, KEPT_SECONDS)


def term_figure(term_id: int, figure: str, compute: Callable[[], T]) -> T:
    """The kept value of one of FIGURES for the term, computed (and kept) when missing."""
    found = kept_get(term_id, figure)
    if found is None:
        found = compute()
        kept_set(term_id, figure, found)
    return found


def term_figures_forget(*, term_id: int) -> None:
    """Drops the term's kept figures: now (the rest of this request reads them afresh) and
    again when the transaction commits (a page view that read the old figures in between
    would have kept them)."""
    keys = [_key(term_id, figure) for figure in FIGURES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
