"""The matching job: a thin task over mentorship.runs.services.execute. With acks_late and
reject_on_worker_lost (config/settings), a killed worker's run is delivered again and the
service picks it up (counting attempts) and finishes it once."""

from celery import shared_task

from mentorship.runs.services.execute import match_run_execute


@shared_task(name="mentorship.execute_match_run")
def execute_match_run(run_id: int) -> str:
    return match_run_execute(run_id=run_id)
