"""The engagement objects the access matrix needs: an opportunity of the buyer persona,
in which the enterprise persona is interested and leads a consortium."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lotsen.accounts.models import Role
from lotsen.procurement.models import ChecklistItem, ConsortiumMessage, Interest
from lotsen.procurement.policies import buyer_organisations, enterprises_of

from .factories import (
    ConsortiumFactory,
    ConsortiumMemberFactory,
    OpportunityFactory,
    QuestionFactory,
    SupplierNetworkFactory,
)


def engagement_world(all_personas) -> dict[str, str]:
    enterprise_user = all_personas[Role.ENTERPRISE]
    enterprise = enterprises_of(enterprise_user).get()
    opportunity = OpportunityFactory(buyer=buyer_organisations(all_personas[Role.BUYER]).get())
    Interest.objects.create(opportunity=opportunity, enterprise=enterprise)
    consortium = ConsortiumFactory(opportunity=opportunity, lead=enterprise)
    lead = ConsortiumMemberFactory(consortium=consortium, enterprise=enterprise)
    message = ConsortiumMessage.objects.create(
        consortium=consortium,
        author=enterprise_user,
        body="Utkast",
        attachment=SimpleUploadedFile("utkast.txt", b"Utkast"),
        attachment_name="utkast.txt",
    )
    item = ChecklistItem.objects.create(consortium=consortium, text="Skriv anbudet")
    question = QuestionFactory(opportunity=opportunity)
    consortium_url = {
        "slug": opportunity.slug,
        "pk": str(consortium.pk),
        "message_pk": str(message.pk),
        "member_pk": str(lead.pk),
        "item_pk": str(item.pk),
    }
    values = {
        f"procurement:{name}.slug": opportunity.slug
        for name in (
            "questions",
            "interest_declare",
            "interest_withdraw",
            "interest_list",
            "consortium_list",
            "consortium_create",
        )
    }
    values |= {
        "procurement:question_answer.slug": opportunity.slug,
        "procurement:question_answer.pk": str(question.pk),
        "procurement:network": str(SupplierNetworkFactory().pk),
    }
    for name in (
        "detail",
        "message",
        "attachment",
        "member_add",
        "member_remove",
        "checklist_add",
        "checklist_toggle",
    ):
        values |= {
            f"procurement:consortium_{name}.{key}": value for key, value in consortium_url.items()
        }
    return values
