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

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, options, _index in context["widget"]["optgroups"]
                for option in options
            ),
        )
        return context
