from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self) -> None:
        # payments plugs into mentorship (the app below it), which cannot import it.
        from mentorship import signals
        from mentorship.stats.selectors import money_metric_register
        from payments import receivers, stats
        from payments.funds.selectors import public_ledger
        from programs.catalog.extras import register_public_ledger

        register_public_ledger(public_ledger)

        signals.mentorship_started.connect(receivers.freeze_plan, dispatch_uid="payments.plan")
        signals.checkpoint_failed.connect(receivers.decline_payable, dispatch_uid="payments.fail")
        signals.checkpoint_passed.connect(receivers.make_payable, dispatch_uid="payments.payable")
        money_metric_register(
            key="stipends_paid", label="Stipends paid", compute=stats.stipends_paid
        )
