"""Plug-in points of mentorship for the apps above it (payments). mentorship cannot import
them, so they connect receivers here (in their AppConfig.ready) and mentorship's services
send these inside their own transaction: a receiver that raises rolls the move back.

- `mentorship_started(sender, mentorship)`: an offer was confirmed and the mentorship
  started (payments freezes the stipend plan).
- `checkpoint_passed(sender, evaluation, actor)`: a checkpoint passed (a verdict or an
  admin's correction; payments makes the matching installment payable).
- `checkpoint_failed(sender, evaluation, actor)`: an admin corrected a passed checkpoint to
  a fail (payments declines its installment's payout if it is not approved yet)."""

from django.dispatch import Signal

mentorship_started = Signal()
checkpoint_passed = Signal()
checkpoint_failed = Signal()
