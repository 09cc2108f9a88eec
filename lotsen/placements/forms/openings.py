"""Forms of openings and their supervisors, and the list of openings."""

from operator import attrgetter, methodcaller

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import number_formfield
from lotsen.core.listing import Column, ListFilterForm
from lotsen.core.models import Industry, Occupation

from ..models import Adaptation, Language, Opening, Supervisor
from .fields import DateInput, coded


class OpeningForm(forms.ModelForm):
    adaptations = coded(Adaptation, _("Adaptations available"))
    languages = coded(Language, _("Languages spoken at the place"))

    class Meta:
        formfield_callback = number_formfield
        model = Opening
        fields = [
            "enterprise",
            "title",
            "tasks",
            "industry",
            "occupation",
            "street_address",
            "municipality",
            "hours_min",
            "hours_max",
            "capacity",
            "adaptations",
            "languages",
            "public_transport",
            "status",
            "available_from",
        ]
        widgets = {"available_from": DateInput(), "tasks": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["industry"].queryset = Industry.objects.filter(level="division")
        self.fields["occupation"].queryset = Occupation.objects.filter(level="unit")
        if len(enterprises) == 1:
            self.fields["enterprise"].initial = enterprises.first()


class SupervisorForm(forms.ModelForm):
    class Meta:
        model = Supervisor
        fields = ["name", "trained"]


class OpeningFilterForm(ListFilterForm):
    search_fields = ("title", "enterprise__name", "municipality__name")
    status_choices = Opening.Status.choices
    sort_fields = {
        "title": ("title", _("Title")),
        "enterprise": ("enterprise__name", _("Enterprise")),
        "municipality": ("municipality__name", _("Municipality")),
        "free": ("seats_free", _("Free")),
        "available": ("available_from", _("Available from")),
    }
    columns = (
        Column(_("Title"), attrgetter("title")),
        Column(_("Enterprise"), attrgetter("enterprise.name")),
        Column(_("Municipality"), attrgetter("municipality.name")),
        Column(_("Hours per week, at least"), attrgetter("hours_min")),
        Column(_("Hours per week, at most"), attrgetter("hours_max")),
        Column(_("Capacity"), attrgetter("capacity")),
        Column(_("Taken"), attrgetter("seats_taken")),
        Column(_("Free"), attrgetter("seats_free")),
        Column(_("Available from"), attrgetter("available_from")),
        Column(_("Status"), methodcaller("get_status_display")),
    )
