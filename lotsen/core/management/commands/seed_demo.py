from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create or refresh the fictitious demo world of southern Norrbotten. "
        "Safe to run again: nothing is duplicated. Demo passwords are set only with DEBUG on."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            # Each app that has a `demo` module adds its part, in INSTALLED_APPS order.
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("The demo world is ready."))
