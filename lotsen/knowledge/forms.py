from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea

from . import policies
from .models import Resource


class ResourceFilterForm(forms.Form):
    """The search box and filters of /kunskap/; every choice is part of a shareable URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Resource.Kind.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Support area"),
        required=False,
        queryset=SupportArea.objects.all(),
        to_field_name="code",
        empty_label=_("All support areas"),
        error_messages={"invalid_choice": _("Unknown support area. Choose one from the list.")},
    )
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone and all groups")), *Resource.Audience.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})
        self.fields["q"].widget.input_type = "search"

    def filter(self, resources):
        data = self.cleaned_data
        if data.get("kind"):
            resources = resources.filter(kind=data["kind"])
        if data.get("area"):
            resources = resources.filter(support_areas=data["area"])
        if data.get("audience"):
            # A resource for everyone serves each group too.
            resources = resources.filter(
                audience__in=[data["audience"], Resource.Audience.EVERYONE]
            )
        return resources.search(data.get("q", ""))


def _url_field(name: str) -> forms.URLField:
    model_field = Resource._meta.get_field(name)
    return forms.URLField(
        label=capfirst(model_field.verbose_name),
        help_text=model_field.help_text,
        required=False,
        assume_scheme="https",
    )


class ResourceForm(forms.ModelForm):
    url = _url_field("url")
    source_url = _url_field("source_url")
    published_at = forms.DateTimeField(
        label=_("Publish date"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=Resource._meta.get_field("published_at").help_text,
    )

    remove_attachment = forms.BooleanField(label=_("Remove the attached PDF"), required=False)

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "audience",
            "support_areas",
            "author_organisation",
            "url",
            "source",
            "source_url",
            "attachment",
            "related",
            "published_at",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "support_areas": forms.CheckboxSelectMultiple,
            "related": forms.CheckboxSelectMultiple,
            # Not ClearableFileInput: it links to the media URL, which bypasses visible_to.
            "attachment": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        error_messages = {
            "author_organisation": {"invalid_choice": _("Choose an organisation you write for.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        authors = policies.author_organisations_for(user)
        self.fields["author_organisation"].queryset = authors
        if not self.instance.pk:
            first_two = list(authors[:2])
            if len(first_two) == 1:
                self.initial.setdefault("author_organisation", first_two[0].pk)
        related = Resource.objects.visible_to(user).order_by("title")
        if self.instance.pk:
            related = related.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = related
        self.fields["support_areas"].queryset = SupportArea.objects.all()
        if not self.instance.attachment:
            del self.fields["remove_attachment"]
        # The removal choice belongs right after the file field.
        order = list(self.Meta.fields)
        order.insert(order.index("attachment") + 1, "remove_attachment")
        self.order_fields(order)

    def save(self, commit: bool = True) -> Resource:
        if self.cleaned_data.get("remove_attachment") and not self.files.get("attachment"):
            self.instance.attachment.delete(save=False)
            self.instance.attachment = ""
        return super().save(commit=commit)
