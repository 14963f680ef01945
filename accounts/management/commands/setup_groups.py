from django.core.management.base import BaseCommand

from accounts.publishing_roles import setup_publishing_groups


class Command(BaseCommand):
    help = "Create or complete the admin groups of the publishing roles and their workflows."

    def handle(self, *args, **options) -> None:
        groups = setup_publishing_groups()
        self.stdout.write(f"Publishing groups ready: {', '.join(g.name for g in groups)}")
