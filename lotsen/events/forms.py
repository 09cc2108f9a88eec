from datetime import date, datetime, time
from operator import attrgetter, methodcaller

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import number_formfield
from lotsen.core.listing import Column, ListFilterForm
from lotsen.core.models import Municipality, SupportArea
from lotsen.core.widgets import LongSelect, LongSelectMultiple
from lotsen.organisations.models import Organisation

from . import policies
from .models import Event, Registration

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """A datetime-local field; values are Stockholm wall-clock times."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _local_datetime_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=LocalDateTimeInput(),
    )


class EventForm(forms.ModelForm):
    starts_at = _local_datetime_field(_("Starts"), help_text=_("Swedish time."))
    ends_at = _local_datetime_field(_("Ends"), help_text=_("Swedish time."))
    registration_opens_at = _local_datetime_field(
        _("Registration opens"), required=False, help_text=_("Empty: open from now.")
    )
    registration_closes_at = _local_datetime_field(
        _("Registration closes"), required=False, help_text=_("Empty: when the event starts.")
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organiser.")},
    )

    class Meta:
        formfield_callback = number_formfield
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "support_area",
            "organisers",
            "starts_at",
            "ends_at",
            "place",
            "municipality",
            "online_url",
            "capacity",
            "has_waiting_list",
            "audience",
            "registration_opens_at",
            "registration_closes_at",
            "visibility",
        ]
        # Any organisation of the country may co-organise (decision 0099).
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "organisers": LongSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisers"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.BUYER
        ).order_by("kind", "name")
        self.fields["support_area"].queryset = SupportArea.objects.all()

    def clean_organisers(self):
        organisers = self.cleaned_data["organisers"]
        own = policies.organisations_user_may_name_as_organiser(self.user)
        if own is not None and not set(organisers) & set(own):
            raise forms.ValidationError(
                _("Name your own organisation among the organisers."), code="not_own"
            )
        return organisers


class RegistrationForm(forms.ModelForm):
    """Registration for an event; logged-in users give only what their account lacks."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Other or none – write it below"),
        widget=LongSelect,
        help_text=_("Choose yours if it is in the list; it is used for the turnout figures."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you work"),
        required=False,
        queryset=Municipality.objects.in_home_county(),
        error_messages={"invalid_choice": _("Unknown municipality. Choose one from the list.")},
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "organisation_name", "municipality", "needs"]
        labels = {"organisation_name": _("Organisation, if not in the list")}
        help_texts = {
            "needs": _(
                "Only what the organisers need to know, e.g. food allergies or an interpreter. "
                "Erased after the event."
            )
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]
            mine = Organisation.objects.filter(memberships__user=user).distinct()
            self.fields["organisation"].queryset = mine
            self.fields["organisation"].initial = mine.first()
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True
            # The organisations of the county served, as the turnout counts them: a list of
            # every organisation in the country would be thousands of options to scroll.
            self.fields["organisation"].queryset = (
                Organisation.objects.exclude(kind=Organisation.Kind.OTHER)
                .filter(
                    Q(municipality__isnull=True)
                    | Q(municipality__county_id=settings.HOME_COUNTY_CODE)
                )
                .order_by("name")
            )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        # A chosen organisation wins over a written one; refused rather than dropped unseen.
        if cleaned.get("organisation") and cleaned.get("organisation_name", "").strip():
            self.add_error(
                "organisation_name",
                forms.ValidationError(
                    _(
                        "Choose your organisation in the list or write it here, not both. "
                        "Choose “Other or none” to keep what you wrote."
                    ),
                    code="organisation_twice",
                ),
            )
        return cleaned


class CalendarFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Support area"),
        required=False,
        queryset=SupportArea.objects.all(),
        empty_label=_("All areas"),
    )
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone and all groups")), *Event.Audience.choices],
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.in_home_county(),
        empty_label=_("All municipalities"),
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Coming")), ("past", _("Past"))],
    )

    def filter(self, events, now: datetime):
        data = self.cleaned_data
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("area"):
            events = events.filter(support_area=data["area"])
        if data.get("audience"):
            events = events.filter(audience__in=[data["audience"], Event.Audience.EVERYONE])
        if data.get("municipality"):
            events = events.filter(municipality=data["municipality"])
        return events.past(now) if data.get("when") == "past" else events.upcoming(now)


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(
                _("The from date must not be after the to date."), code="date_order"
            )
        return data

    def period(self, today: date) -> tuple[datetime, datetime]:
        """The chosen days as Stockholm midnights; by default the current year."""
        data = self.cleaned_data if self.is_valid() else {}
        first = data.get("date_from") or date(today.year, 1, 1)
        last = data.get("date_to") or date(today.year, 12, 31)
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(last, time.max))
        return start, end

    def filter(self, events, start: datetime, end: datetime):
        if not self.is_valid():
            return events.none()
        events = events.filter(starts_at__range=(start, end))
        if self.cleaned_data.get("kind"):
            events = events.filter(kind=self.cleaned_data["kind"])
        return events


class ManagedEventFilterForm(ListFilterForm):
    """The organiser's own events."""

    search_fields = ("title", "place", "municipality__name")
    sort_fields = {
        "starts": ("starts_at", _("Starts")),
        "title": ("title", _("Event")),
        "registered": ("confirmed_count", _("Registered")),
    }
    columns = (
        Column(_("Event"), attrgetter("title")),
        Column(_("Kind"), methodcaller("get_kind_display")),
        Column(_("Starts"), attrgetter("starts_at")),
        Column(_("Ends"), attrgetter("ends_at")),
        Column(_("Places"), attrgetter("capacity")),
        Column(_("Registered"), attrgetter("confirmed_count")),
        Column(_("Waiting"), attrgetter("waiting_count")),
        Column(_("Came"), attrgetter("attended_count")),
        Column(_("No-shows"), attrgetter("no_show_count")),
    )

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Event.Kind.choices], required=False
    )
    period = forms.ChoiceField(
        label=_("When"),
        choices=[("", _("Past and coming")), ("coming", _("Coming")), ("past", _("Past"))],
        required=False,
    )

    def filter_more(self, queryset, data):
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        now = timezone.now()
        if data.get("period") == "coming":
            queryset = queryset.filter(ends_at__gte=now)
        elif data.get("period") == "past":
            queryset = queryset.filter(ends_at__lt=now)
        return queryset


def _attended_label(registration) -> str:
    if registration.attended is None:
        return ""
    return str(_("Yes") if registration.attended else _("No"))


class RegistrationFilterForm(ListFilterForm):
    """The registrations of one event, for its organisers."""

    search_fields = ("name", "email", "organisation__name", "organisation_name")
    status_choices = [
        (value, label)
        for value, label in Registration.Status.choices
        if value != Registration.Status.CANCELLED
    ]
    sort_fields = {
        "name": ("name", _("Name")),
        "organisation": ("organisation__name", _("Organisation")),
        "registered": ("created_at", _("Registered")),
    }
    columns = (
        Column(_("Name"), attrgetter("display_name")),
        Column(_("E-mail"), attrgetter("email")),
        Column(_("Organisation"), attrgetter("organisation_display")),
        Column(_("Municipality"), attrgetter("municipality_display")),
        Column(_("Needs"), attrgetter("needs")),
        Column(_("Status"), methodcaller("get_status_display")),
        Column(_("Registered"), attrgetter("created_at")),
        Column(_("Came"), _attended_label),
    )

    @property
    def narrows(self) -> bool:
        """Whether the list shows fewer than all: attendance is then not marked from it."""
        return self.is_valid() and bool(self.cleaned_data.get("q") or self.cleaned_data["status"])
