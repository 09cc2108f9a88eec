"""Opportunities and their awards as an OCDS 1.1.5 release package (decision 0198).

One release per opportunity that has been public (never a draft), in its present state:
the tender, its lots, reservations and social objectives, the public answers to
questions (never who asked) and the awards. The fields beyond the core schema come from
the lots, otherRequirements, sustainability and enquiries extensions of the OCDS
extension registry; the mapping from eForms follows the OCDS for eForms profile.
"""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lotsen.core.public_url import public_url

from .models import Award, Opportunity, Question

VERSION = "1.1"
# The schema every package validates against, as published by the Open Contracting
# Partnership; a copy is in data/ocds-1.1.5 for the tests.
PACKAGE_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
EXTENSION_URL = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_{}_extension/master/extension.json"
)
EXTENSIONS = [
    EXTENSION_URL.format(name)
    for name in ("lots", "otherRequirements", "sustainability", "enquiry")
]
CURRENCY = "SEK"

Status = Opportunity.Status
TENDER_STATUS = {
    Status.PUBLISHED: "active",
    # Closed for tenders: the evaluation is still part of the tender process.
    Status.CLOSED: "active",
    Status.AWARDED: "complete",
    Status.CANCELLED: "cancelled",
}
RELEASE_TAGS = {
    Status.PUBLISHED: ["tender"],
    Status.CLOSED: ["tenderUpdate"],
    Status.AWARDED: ["tenderUpdate", "award"],
    Status.CANCELLED: ["tenderCancellation"],
}
# eForms contract nature (BT-23) to the OCDS procurementCategory codelist.
CATEGORY = {"works": "works", "supplies": "goods", "services": "services"}
# eForms BT-71 to the otherRequirements extension's reservedParticipation codelist.
RESERVED_PARTICIPATION = {
    "res-ws": "shelteredWorkshop",
    "res-pub-ser": "publicServiceMissionOrganization",
}
# eForms social objectives (BT-775) as goals of the sustainability extension: its
# codelist is open to sub-codes of "social" where it has none of its own.
SUSTAINABILITY_GOAL = {
    "acc-all": "social.accessibility",
    "et-eq": "social.ethnicEquality",
    "gen-eq": "social.genderEquality",
    "hum-right": "social.humanRightsDueDiligence",
    "opp": "social.disadvantagedEmploymentOpportunities",
    "work-cond": "social.laborRightsPromotion",
    "other": "social",
}


def public_opportunities():
    """The opportunities the package holds, with all they need fetched up front."""
    return (
        Opportunity.objects.public()
        .select_related("buyer", "main_cpv")
        .prefetch_related(
            "additional_cpv",
            "lots",
            "documents",
            Prefetch(
                "questions",
                queryset=Question.objects.exclude(answer="").filter(answered_at__isnull=False),
                to_attr="answered_questions",
            ),
            Prefetch(
                "awards",
                queryset=Award.objects.select_related("supplier", "consortium", "lot"),
            ),
        )
        .order_by("-published_at", "-pk")
    )


def release_package(request, opportunities) -> dict:
    opportunities = list(opportunities)
    dates = [o.updated_at for o in opportunities]
    return {
        "uri": public_url(request.get_full_path()),
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _date(max(dates) if dates else timezone.now()),
        "publisher": {"name": "Lotsen", "uri": public_url("/")},
        "releases": [release(request, opportunity) for opportunity in opportunities],
    }


def ocid(opportunity) -> str:
    return f"{settings.OCDS_OCID_PREFIX}-{opportunity.pk}"


def release(request, opportunity) -> dict:
    awards = list(opportunity.awards.all())
    parties = {_party_id(opportunity.buyer): _party(opportunity.buyer, "buyer")}
    for award in awards:
        supplier = _supplier(award)
        party = _party(award.supplier, "supplier") if award.supplier_id else None
        parties.setdefault(supplier["id"], party or {**supplier, "roles": ["supplier"]})
    data = {
        "ocid": ocid(opportunity),
        "id": f"{ocid(opportunity)}-{opportunity.status}-{opportunity.updated_at:%Y%m%dT%H%M%S}",
        "date": _date(opportunity.updated_at),
        "tag": RELEASE_TAGS[opportunity.status],
        "initiationType": "tender",
        "language": "sv",
        "parties": list(parties.values()),
        "buyer": {"id": _party_id(opportunity.buyer), "name": opportunity.buyer.name},
        "tender": tender(request, opportunity),
    }
    if awards:
        data["awards"] = [_award(award) for award in awards]
    return data


def tender(request, opportunity) -> dict:
    data = {
        "id": str(opportunity.pk),
        "title": opportunity.title,
        "description": opportunity.description,
        "status": TENDER_STATUS[opportunity.status],
        "mainProcurementCategory": CATEGORY[opportunity.contract_nature],
        "items": _items(opportunity),
    }
    if opportunity.estimated_value is not None:
        data["value"] = _value(opportunity.estimated_value)
    if opportunity.tenders_due:
        data["tenderPeriod"] = {"endDate": _date(opportunity.tenders_due)}
    if opportunity.questions_until:
        data["enquiryPeriod"] = {"endDate": _day_end(opportunity.questions_until)}
    period = _period(opportunity.contract_start, opportunity.contract_end)
    if period:
        data["contractPeriod"] = period
    lots = list(opportunity.lots.all())
    if lots:
        data["lots"] = [_lot(lot) for lot in lots]
    reserved = RESERVED_PARTICIPATION.get(opportunity.reserved_participation)
    if reserved:
        data["otherRequirements"] = {"reservedParticipation": [reserved]}
    sustainability = _sustainability(opportunity)
    if sustainability:
        data["sustainability"] = sustainability
    if opportunity.answered_questions:
        data["hasEnquiries"] = True
        data["enquiries"] = [_enquiry(question) for question in opportunity.answered_questions]
    documents = [_document(request, opportunity, doc) for doc in opportunity.documents.all()]
    if documents:
        data["documents"] = documents
    return data


def _items(opportunity) -> list[dict]:
    codes = [opportunity.main_cpv, *opportunity.additional_cpv.all()]
    return [
        {
            "id": str(number),
            "description": code.label,
            "classification": {"scheme": "CPV", "id": code.code, "description": code.name},
        }
        for number, code in enumerate(codes, start=1)
    ]


def _lot(lot) -> dict:
    data = {"id": str(lot.number), "title": lot.title}
    if lot.description:
        data["description"] = lot.description
    if lot.estimated_value is not None:
        data["value"] = _value(lot.estimated_value)
    return data


def _sustainability(opportunity) -> list[dict]:
    strategies = []
    if opportunity.reserved_participation != "none":
        strategies.append("reservedParticipation")
    if opportunity.reserved_execution:
        strategies.append("contractPerformanceConditions")
    goals = list(dict.fromkeys(SUSTAINABILITY_GOAL[code] for code in opportunity.social_objectives))
    if strategies and not goals:
        goals = ["social"]
    return [{"goal": goal, **({"strategies": strategies} if strategies else {})} for goal in goals]


def _enquiry(question) -> dict:
    # Never who asked: the asker stays anonymous in the open data as on the page.
    return {
        "id": str(question.pk),
        "date": _date(question.asked_at),
        "description": question.text,
        "answer": question.answer,
        "dateAnswered": _date(question.answered_at),
    }


def _document(request, opportunity, document) -> dict:
    data = {
        "id": str(document.pk),
        "title": document.title,
        "datePublished": _date(document.uploaded_at),
    }
    url = document_url(request, opportunity, document)
    if url:
        data["url"] = url
    return data


def document_url(request, opportunity, document) -> str | None:
    """The public address of a document, served through the policies; None where the
    document view is not there to serve it."""
    try:
        path = reverse("procurement:document", args=[opportunity.slug, document.pk])
    except NoReverseMatch:
        return None
    return public_url(path)


def _award(award) -> dict:
    supplier = _supplier(award)
    data = {
        "id": str(award.pk),
        "status": "active",
        "date": _day_start(award.awarded_on),
        "value": _value(award.value),
        "suppliers": [supplier],
    }
    period = _period(award.period_start, award.period_end)
    if period:
        data["contractPeriod"] = period
    if award.lot_id:
        data["relatedLots"] = [str(award.lot.number)]
    return data


def _supplier(award) -> dict:
    if award.consortium_id:
        return {"id": f"lotsen-consortium-{award.consortium_id}", "name": award.consortium.name}
    if award.supplier_id:
        return {"id": _party_id(award.supplier), "name": award.supplier.name}
    return {"id": f"lotsen-award-{award.pk}-supplier", "name": award.supplier_name}


def _party_id(organisation) -> str:
    return f"lotsen-organisation-{organisation.pk}"


def _party(organisation, role: str) -> dict:
    data = {"id": _party_id(organisation), "name": organisation.name, "roles": [role]}
    if organisation.org_number:
        # Swedish organisation numbers are issued by Bolagsverket (org-id.guide: SE-BLV).
        data["identifier"] = {"scheme": "SE-BLV", "id": organisation.org_number}
    return data


def _value(amount) -> dict:
    return {"amount": float(amount), "currency": CURRENCY}


def _period(start, end) -> dict:
    period = {}
    if start:
        period["startDate"] = _day_start(start)
    if end:
        period["endDate"] = _day_end(end)
    return period


def _date(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _day_start(day: datetime.date) -> str:
    return _date(timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)))


def _day_end(day: datetime.date) -> str:
    return _date(timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59))))
