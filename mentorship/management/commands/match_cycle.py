"""python manage.py match_cycle <cycle> [--export FILE] [--publish RUN]

Without --publish: runs the matching of a matched cycle (id or name) in this process and
prints its figures. With --publish RUN: publishes that run of the cycle. --export FILE
writes the run's audit export (JSON) to FILE (the new run, or the published one)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mentorship.runs import selectors
from mentorship.runs.services.execute import match_run_execute
from mentorship.runs.services.runs import match_run_publish, match_run_start
from programs.cycles.models import Cycle


class Command(BaseCommand):
    help = "Run (or publish) the matching of a matched cycle."

    def add_arguments(self, parser):
        parser.add_argument("cycle", help="The cycle's id or name.")
        parser.add_argument("--export", metavar="FILE", help="Write the audit export here.")
        parser.add_argument("--publish", metavar="RUN", type=int, help="Publish this run.")

    def handle(self, *args, cycle, export=None, publish=None, **options):
        found = (
            Cycle.objects.filter(pk=int(cycle)).first()
            if cycle.isdigit()
            else Cycle.objects.filter(name__iexact=cycle).first()
        )
        if found is None:
            raise CommandError(f"No cycle “{cycle}” (give its id or its name).")
        try:
            if publish is not None:
                run = selectors.runs().filter(pk=publish, cycle=found).first()
                if run is None:
                    raise CommandError(f"No run {publish} of the cycle “{found.name}”.")
                result = match_run_publish(run=run, actor=None)
                if result["already_published"]:
                    self.stdout.write(f"Run {run.pk} was already published; nothing changed.")
                else:
                    self.stdout.write(f"Published run {run.pk}: {result['accepted']} accepted.")
            else:
                run = match_run_start(cycle=found, actor=None, enqueue=False)
                status = match_run_execute(run_id=run.pk)
                run = selectors.run_get(pk=run.pk)
                if status != "succeeded":
                    raise CommandError(f"Run {run.pk} {status}: {run.error}")
                counts = ", ".join(f"{k} {v}" for k, v in run.counts.items())
                timings = ", ".join(f"{k} {v}s" for k, v in run.timings.items())
                self.stdout.write(f"Run {run.pk} succeeded: {counts} ({timings}).")
                self.stdout.write(f"Input hash {run.input_hash}, seed {run.seed}.")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if export:
            run = selectors.run_get(pk=run.pk)
            with open(export, "w", encoding="utf-8") as handle:
                json.dump(selectors.run_export(run=run), handle, indent=1)
            self.stdout.write(f"Audit export written to {export}.")
