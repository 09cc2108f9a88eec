from pathlib import PurePath

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A select of hundreds of options (every party of the country, say).

    Django renders each option through a template of its own; at national scale that
    was most of a filter page's time. This widget writes the options in one pass.
    Options carry no attributes of their own here, only whether they are selected.
    """

    template_name = "core/widgets/long_select.html"

    def optgroups(self, name, value, attrs=None):
        # Django builds a dictionary per option for its option template; `get_context`
        # writes the options straight from the choices instead.
        return []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = set(context["widget"]["value"])
        context["widget"]["options_html"] = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if choice is None else choice,
                    mark_safe(" selected") if str(choice) in chosen else "",
                    label,
                )
                for choice, label in self.choices
            ),
        )
        return context


class LongSelectMultiple(LongSelect, forms.SelectMultiple):
    """`LongSelect` for a choice of several: the wished municipalities of a participant."""


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that never links to the file's media address, which is not served.

    Set `file_url` to the address of the view that serves the file after checking
    who may see it; without it the widget says a file is saved, with no link.
    """

    template_name = "core/widgets/private_file_input.html"
    file_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["file_url"] = self.file_url
        context["widget"]["file_name"] = PurePath(getattr(value, "name", "") or "").name
        return context
