"""Search, filters, sorting and export of a list page, read from the query string.

A list declares a `ListFilterForm` subclass once: the fields its free text searches,
the columns it may be sorted by (a whitelist, so no query parameter reaches
`order_by` unchecked), its own filters in `filter_more`, and its export columns. A
bad parameter makes the form invalid: the list ignores that parameter, the page says
why, and nothing answers 500. The export is the list itself: the same scoped
queryset with the same filters, written by `lotsen.core.exports` and audited.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lotsen.core.signals import list_exported

from . import exports

# Each word adds a condition on every search field; five words narrow any of these lists.
MAX_SEARCH_WORDS = 5


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading and how a row's value is read."""

    label: Any
    value: Callable[[Any], Any]


class ListFilterForm(forms.Form):
    """The query string of a list: `q`, `sort`, `format` and the list's own filters."""

    search_fields: tuple[str, ...] = ()
    # The model's status choices, when the list filters on its `status` field.
    status_choices: list | None = None
    # key -> (model field path, label); "-key" in the query string sorts descending.
    sort_fields: dict[str, tuple[str, Any]] = {}
    columns: tuple[Column, ...] = ()

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    format = forms.ChoiceField(
        label=_("Export format"),
        required=False,
        choices=[("", "")] + [(name, name.upper()) for name in exports.FORMATS],
        widget=forms.HiddenInput,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        choices = [("", _("Default order"))]
        for key, (_path, label) in self.sort_fields.items():
            choices += [
                (key, label),
                (f"-{key}", _("%(column)s, descending") % {"column": label}),
            ]
        self.fields["sort"].choices = choices
        if self.status_choices:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[("", _("All statuses")), *self.status_choices],
                required=False,
            )

        # The list's own filters after the search, sorting last.
        rest = [name for name in self.fields if name not in ("q", "status", "sort")]
        self.order_fields(["q", "status", *rest, "sort"])
        if not self.search_fields:
            del self.fields["q"]

    @property
    def export_format(self) -> str:
        return self.cleaned_data.get("format", "") if self.is_valid() else ""

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The queryset searched, filtered and sorted by every valid parameter."""
        self.is_valid()
        data = self.cleaned_data
        for word in data.get("q", "").split()[:MAX_SEARCH_WORDS]:
            matches = Q()
            for field in self.search_fields:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        queryset = self.filter_more(queryset, data)
        sort = data.get("sort")
        if sort:
            path = self.sort_fields[sort.removeprefix("-")][0]
            order = F(path).desc(nulls_last=True) if sort.startswith("-") else F(path).asc()
            queryset = queryset.order_by(order, "pk")
        return queryset

    def filter_more(self, queryset: QuerySet, data: dict) -> QuerySet:
        """The list's own filters; `data` holds only the parameters that are valid."""
        return queryset

    def export(self, request, queryset: QuerySet, *, filename: str, title: str):
        """The filtered list as a download; the audit trail hears who took what."""
        rows = [[column.value(item) for column in self.columns] for item in queryset]
        list_exported.send(
            sender=queryset.model, request=request, rows=len(rows), file_format=self.export_format
        )
        return exports.table_response(
            self.export_format,
            filename=filename,
            title=title,
            header=[column.label for column in self.columns],
            rows=rows,
        )
