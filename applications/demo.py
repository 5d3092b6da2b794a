"""Demo data of the applications app, one function per area (each idempotent)."""


def load_demo() -> dict[str, int]:
    created: dict[str, int] = {}
    for module in ("demo_mentee", "demo_review", "demo_decisions"):
        try:
            area = __import__(f"applications.{module}", fromlist=["load_demo"])
        except ModuleNotFoundError as error:
            if error.name != f"applications.{module}":
                raise
            continue
        created.update(area.load_demo())
    return created
