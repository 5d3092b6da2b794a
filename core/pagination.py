"""Keyset pagination: a page is "the rows after (or before) this row in this order", read
through the order's index or top-N sort, so page 2,000 costs what page 1 costs (an OFFSET
reads and throws away every row before the page, with all their computed columns).

A list pages by keyset when its order ends in a unique column (its `pk`). The cursor is an
opaque public key of the boundary row (e.g. an application's `public_id`, never its
sequential id); the boundary's sort values are read in the same query, as uncorrelated
subqueries of `boundary` (the list before its filters), so a cursor stays valid after its
row changed or stopped matching the filters: it still marks a place in the order.

Nulls sort last in either direction for nullable keys (as `nulls_last=True`); keys that are
never null use plain ASC/DESC so that a plain btree index serves both directions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OrderBy, Q, QuerySet, Subquery


@dataclass(frozen=True)
class SortKey:
    """One column of an order: a field, lookup path or annotation name."""

    name: str
    descending: bool = False
    nullable: bool = False

    def reversed(self) -> SortKey:
        return SortKey(self.name, not self.descending, self.nullable)

    def order_by(self, *, reverse: bool = False) -> OrderBy:
        descending = self.descending != reverse
        if not self.nullable:
            return OrderBy(F(self.name), descending=descending)
        # Nulls last in the page's order; so first when the order is read backwards.
        if reverse:
            return OrderBy(F(self.name), descending=descending, nulls_first=True)
        return OrderBy(F(self.name), descending=descending, nulls_last=True)


def keyset_order(keys: list[SortKey]) -> list[OrderBy]:
    return [key.order_by() for key in keys]


def _after(keys: list[SortKey], bounds: list[str], *, reverse: bool) -> Q:
    """Rows strictly after the boundary in the order (before it when `reverse`): the
    lexicographic comparison written out, with nulls where the order puts them."""
    condition = Q(pk__in=[])
    equal_so_far = Q()
    for key, bound in zip(keys, bounds, strict=True):
        descending = key.descending != reverse
        nulls_last = not reverse
        beyond = Q(**{f"{key.name}__{'lt' if descending else 'gt'}": F(bound)})
        equal = Q(**{key.name: F(bound)})
        if key.nullable:
            if nulls_last:
                beyond |= Q(**{f"{key.name}__isnull": True}) & Q(**{f"{bound}__isnull": False})
            else:
                beyond |= Q(**{f"{key.name}__isnull": False}) & Q(**{f"{bound}__isnull": True})
            equal |= Q(**{f"{key.name}__isnull": True}) & Q(**{f"{bound}__isnull": True})
        condition |= equal_so_far & beyond
        equal_so_far &= equal
    return condition


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, with cursors to its neighbours."""

    object_list: list
    count: int
    has_next: bool
    has_previous: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True
    is_last: bool = False
    # The list holds more than `count` rows, which is the cap it was counted to.
    count_capped: bool = False

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def keyset_page(
    queryset: QuerySet,
    *,
    keys: list[SortKey],
    boundary: QuerySet,
    cursor_field: str,
    size: int,
    after: str | None = None,
    before: str | None = None,
    last: bool = False,
    count: int | None = None,
    count_cap: int | None = None,
    row_source: QuerySet | None = None,
) -> KeysetPage:
    """The page of `queryset` (already filtered) in the order of `keys` (the last key must
    be unique) that follows the row whose `cursor_field` is `after`, or precedes `before`,
    or the last page (`last`), or else the first. `boundary` is the queryset the cursor is
    looked up in (the list before its filters). `count` is the number of rows of the list
    (counted here when not given; only up to `count_cap` rows when that is given: a list
    narrowed by filters says "more than 100" rather than counting 50,000 rows on every
    page). `row_source` is where the page's rows are read once
    their ids are known (default: `boundary`, the list before its filters, which the ids
    already passed; e.g. the same list with more related rows)."""
    cursor = after or before
    reverse = bool(before) or (last and not after)
    ordering = [key.order_by(reverse=reverse) for key in keys]
    capped, page_ids = False, None
    if count is not None:
        total = count
    elif count_cap is not None and not cursor and not last:
        # The first page of a capped count: the first count_cap + 1 ids in order are both
        # the count and the page's ids (one query where there were two).
        first_ids = list(queryset.order_by(*ordering).values_list("pk", flat=True)[: count_cap + 1])
        capped, total = len(first_ids) > count_cap, min(len(first_ids), count_cap)
        page_ids = first_ids[: size + 1]
    elif count_cap is not None:
        total = queryset.order_by().values("pk")[: count_cap + 1].count()
        capped, total = total > count_cap, min(total, count_cap)
    else:
        total = queryset.count()
    rows = queryset
    if cursor:
        bounds = [f"keyset_bound_{i}" for i in range(len(keys))]
        located = boundary.filter(**{cursor_field: cursor})
        rows = rows.annotate(
            **{
                bound: Subquery(located.values(key.name)[:1])
                for bound, key in zip(bounds, keys, strict=True)
            }
        ).filter(_after(keys, bounds, reverse=bool(before)))
    # The page's ids first, ordered on the sort key alone (a top-N sort or an index scan
    # of one table), then its rows with every computed column: a LIMIT above the joins
    # would sort whole rows of the list and compute their columns for each.
    if page_ids is None:
        page_ids = rows.order_by(*ordering).values("pk")[: size + 1]
    fetched = list(
        (row_source if row_source is not None else boundary)
        .filter(pk__in=page_ids)
        .order_by(*ordering)
    )
    more = len(fetched) > size
    fetched = fetched[:size]
    if reverse:
        fetched.reverse()
    if before:
        has_previous, has_next = more, True
    elif after:
        has_previous, has_next = True, more
    elif last:
        has_previous, has_next = more, False
    else:
        has_previous, has_next = False, more
    first_key = getattr(fetched[0], cursor_field) if fetched else None
    last_key = getattr(fetched[-1], cursor_field) if fetched else None
    return KeysetPage(
        object_list=fetched,
        count=total,
        count_capped=capped,
        has_next=has_next and bool(fetched),
        has_previous=has_previous and bool(fetched),
        next_cursor=str(last_key) if last_key is not None else None,
        previous_cursor=str(first_key) if first_key is not None else None,
        # A cursor whose row is gone gives an empty page: it still links to the first.
        is_first=not has_previous and not cursor,
        is_last=not has_next,
    )
