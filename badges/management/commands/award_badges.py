from django.core.management.base import BaseCommand

from badges.models import AwardRule
from badges.rules import run_rules


class Command(BaseCommand):
    help = "Run the active award rules (all, or those given by id); award each badge once."

    def add_arguments(self, parser):
        parser.add_argument("rule_ids", nargs="*", type=int)

    def handle(self, *args, rule_ids, **options):
        rules = AwardRule.objects.filter(active=True)
        if rule_ids:
            rules = rules.filter(pk__in=rule_ids)
        new = run_rules(rules)
        self.stdout.write(f"{new} new award(s).")
