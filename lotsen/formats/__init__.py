"""How dates and numbers are written in each language (Django's FORMAT_MODULE_PATH).

Templates name a format (``|date:"SHORT_DATE_FORMAT"``) and Python code formats
through ``django.utils.formats``; neither writes a pattern of its own. See
docs/decisions/0163-swedish-formats.md.
"""
