"""System checks of the funding follow-up."""

from django.core import checks

from . import delivery


def volumes_have_sources(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Warn when a unit cost can never be computed because no app counts its volume."""
    return [
        checks.Warning(
            f"No app registers the volume {name!r}, so its unit cost reads 'no data yet'.",
            hint="Register the function of the app that keeps the records with "
            "lotsen.funding.delivery.register_volume() in FundingConfig.ready().",
            id="funding.W001",
        )
        for name in delivery.volumes_without_source()
    ]
