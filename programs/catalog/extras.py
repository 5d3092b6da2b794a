"""What a higher app adds to a program's public page and public API, through a hook it
registers in its own apps.py (programs names no higher app). Today: the ledger totals a
program's organization chose to publish (payments registers the provider)."""

from collections.abc import Callable

_LEDGER: list[Callable] = []


def register_public_ledger(provider: Callable) -> None:
    """`provider(program=...)` returns the published totals (a list of dicts: currency,
    received, committed, paid, balance) or None when the ledger is not published."""
    _LEDGER[:] = [provider]


def public_ledger(program) -> list[dict] | None:
    return _LEDGER[0](program=program) if _LEDGER else None
