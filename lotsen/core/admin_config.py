from django.contrib.admin.apps import AdminConfig


class LotsenAdminConfig(AdminConfig):
    """Django's admin with our site class, which admits the admin role only."""

    default_site = "lotsen.core.admin_site.LotsenAdminSite"
