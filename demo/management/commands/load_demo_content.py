from django.core.management.base import BaseCommand

from demo.indexing import indexed_once_at_the_end
from demo.loaders import LOADERS, Report


class Command(BaseCommand):
    help = "Create the demo content that is missing; existing content is left as it is."

    def handle(self, *args, **options) -> None:
        report = Report()
        with indexed_once_at_the_end():
            for load in LOADERS:
                load(report)
        self.stdout.write(
            f"Demo content: {len(report.created)} created, {len(report.kept)} already there."
        )
        for label in report.created:
            self.stdout.write(f"  + {label}")
