from django.core.management.base import BaseCommand

from accounts.people.demo import DEMO_PASSWORD
from config.demo import PEOPLE, load_demo


class Command(BaseCommand):
    help = "Loads the demo organizations and one login per role. Safe to run twice."

    def handle(self, *args, **options):
        created = load_demo()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({summary} created)."))
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'): " + ", ".join(PEOPLE))
