import json

from django.http import HttpResponse
from django.shortcuts import render

from . import catalogue as dcat


def index(request):
    return render(request, "opendata/index.html", {"datasets": dcat.datasets()})


def catalogue(request):
    return HttpResponse(
        json.dumps(dcat.catalogue(), ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
