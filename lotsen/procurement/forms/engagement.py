"""Forms of engagement: questions, answers, consortia, their workspace and networks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Municipality
from lotsen.organisations.models import Organisation
from lotsen.support.forms import validate_attachment

from ..models import ChecklistItem, ConsortiumMember, CpvCode, Question, SupplierNetwork


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text"]
        labels = {"text": _("Your question")}
        help_texts = {"text": _("The question and its answer are published without your name.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["answer"]
        help_texts = {
            "answer": _("The answer is public and is sent to every interested enterprise.")
        }
        widgets = {"answer": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True


class ConsortiumForm(forms.Form):
    name = forms.CharField(label=_("Name of the consortium"), max_length=200)


class MemberForm(forms.ModelForm):
    """Another social enterprise: the interested ones first, then the directory."""

    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Organisation.objects.none())

    class Meta:
        model = ConsortiumMember
        fields = ["enterprise", "share", "lots"]
        help_texts = {"share": _("E.g. “the pre-schools in Gammelstad” or “30 %”.")}
        widgets = {"lots": forms.CheckboxSelectMultiple}

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        opportunity = consortium.opportunity
        enterprises = Organisation.objects.filter(kind=Organisation.Kind.SOCIAL_ENTERPRISE).exclude(
            consortium_memberships__consortium=consortium
        )
        interested = list(
            enterprises.filter(procurement_interests__opportunity=opportunity).order_by("name")
        )
        others = enterprises.exclude(pk__in=[enterprise.pk for enterprise in interested])
        field = self.fields["enterprise"]
        field.queryset = enterprises
        field.choices = [
            ("", "---------"),
            (_("Interested in this opportunity"), [(e.pk, e.name) for e in interested]),
            (_("Other social enterprises"), [(e.pk, e.name) for e in others.order_by("name")]),
        ]
        lots = opportunity.lots.all()
        if lots:
            self.fields["lots"].queryset = lots
        else:
            del self.fields["lots"]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, image, text, Word or Excel file."),
    )


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["text", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class NetworkForm(forms.ModelForm):
    cpv_codes = forms.CharField(
        label=_("CPV codes"),
        required=False,
        help_text=_("Eight-digit codes separated by spaces or commas, e.g. 90911200."),
    )

    class Meta:
        model = SupplierNetwork
        fields = ["name", "description", "municipalities"]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Municipality.objects.in_home_county()
        if self.instance.pk:
            self.initial["cpv_codes"] = " ".join(
                self.instance.cpv_codes.values_list("code", flat=True)
            )

    def clean_cpv_codes(self):
        codes = {code[:8] for code in self.cleaned_data["cpv_codes"].replace(",", " ").split()}
        known = set(CpvCode.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = sorted(codes - known)
        if unknown:
            raise forms.ValidationError(
                _("Unknown CPV code: %(codes)s."), params={"codes": ", ".join(unknown)}
            )
        return sorted(known)

    def save(self, commit=True):
        network = super().save(commit)
        network.cpv_codes.set(self.cleaned_data["cpv_codes"])
        return network
