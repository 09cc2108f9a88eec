"""Enterprises ask until questions close; the publishing buyer or the coordinator answers;
the public sees a question only with its answer and never who asked; an answer reaches
every interested enterprise by e-mail."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import UserFactory
from lotsen.audit.models import AuditEvent
from lotsen.procurement.models import Interest, Question
from lotsen.procurement.policies import buyer_organisations, enterprises_of

from .factories import OpportunityFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def questions_url(opportunity):
    return reverse("procurement:questions", args=[opportunity.slug])


def test_an_enterprise_asks_and_the_buyer_is_told(
    client, enterprise_user, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    client.force_login(enterprise_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(questions_url(opportunity), {"text": "Ingår fönsterputs?"})

    assert response.status_code == 302
    question = Question.objects.get(opportunity=opportunity)
    assert question.asked_by == enterprise_user
    assert [mail.to for mail in mailoutbox] == [[buyer.email]]
    assert "Ingår fönsterputs?" in mailoutbox[0].body
    assert AuditEvent.objects.filter(
        actor=enterprise_user, object_id=str(question.pk), reason="question asked"
    ).exists()


def test_questions_after_the_last_day_are_refused(client, enterprise_user):
    opportunity = OpportunityFactory(
        questions_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(enterprise_user)

    response = client.post(questions_url(opportunity), {"text": "Får vi fråga nu?"})

    assert response.status_code == 200
    assert "Frågor om den här affärsmöjligheten är stängda." in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize("text", ["", "x" * 2001])
def test_an_empty_or_too_long_question_is_refused(client, enterprise_user, text):
    client.force_login(enterprise_user)
    response = client.post(questions_url(OpportunityFactory()), {"text": text})
    assert response.status_code == 200
    assert 'class="error-message"' in response.content.decode()
    assert not Question.objects.exists()


def test_the_public_never_sees_the_asker_nor_an_unanswered_question(client):
    asker = UserFactory(full_name="Hemliga Frågeställaren")
    opportunity = OpportunityFactory()
    QuestionFactory(opportunity=opportunity, asked_by=asker, text="Obesvarad fråga")
    QuestionFactory(opportunity=opportunity, asked_by=asker, text="Besvarad fråga", answer="Ja")

    page = client.get(questions_url(opportunity)).content.decode()

    assert "Besvarad fråga" in page and "Ja" in page
    assert "Obesvarad fråga" not in page
    assert "Frågeställaren" not in page


def test_the_buyer_sees_who_asked_and_the_viewing_is_audited(client, buyer):
    asker = UserFactory(full_name="Anna Frågeställare")
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    question = QuestionFactory(opportunity=opportunity, asked_by=asker)
    client.force_login(buyer)

    listed = client.get(questions_url(opportunity)).content.decode()
    page = client.get(reverse("procurement:question_answer", args=[opportunity.slug, question.pk]))

    assert question.text in listed
    assert "Anna Frågeställare" in page.content.decode()
    assert AuditEvent.objects.filter(actor=buyer, reason="asker shown").exists()


def test_an_answer_is_published_and_mailed_to_the_interested(
    client, buyer, enterprise_user, make_persona, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    Interest.objects.create(
        opportunity=opportunity, enterprise=enterprises_of(enterprise_user).get()
    )
    uninterested = make_persona(Role.ENTERPRISE)
    question = QuestionFactory(opportunity=opportunity)
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement:question_answer", args=[opportunity.slug, question.pk]),
            {"answer": "Nej, fönsterputs ingår inte."},
        )

    question.refresh_from_db()
    assert question.answer == "Nej, fönsterputs ingår inte." and question.answered_by == buyer
    assert [mail.to for mail in mailoutbox] == [[enterprise_user.email]]
    assert uninterested.email not in mailoutbox[0].to
    assert "besvarad" in mailoutbox[0].subject
    assert "Nej, fönsterputs ingår inte." in mailoutbox[0].body


def test_an_empty_answer_is_refused(client, coordinator):
    question = QuestionFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("procurement:question_answer", args=[question.opportunity.slug, question.pk]),
        {"answer": ""},
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.answer == ""


def test_only_the_publishing_buyer_or_the_coordinator_answers(
    client, make_persona, enterprise_user
):
    question = QuestionFactory()
    url = reverse("procurement:question_answer", args=[question.opportunity.slug, question.pk])
    for user in (make_persona(Role.BUYER), enterprise_user):
        client.force_login(user)
        assert client.post(url, {"answer": "Ja"}).status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


def test_the_questions_page_needs_as_many_queries_with_more_questions(
    client, buyer, assert_constant_queries
):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    client.force_login(buyer)

    def add(n):
        for index in range(n):
            QuestionFactory(opportunity=opportunity, answer="Ja" if index % 2 else "")

    assert_constant_queries(questions_url(opportunity), add)


def test_a_buyer_cannot_ask(client, buyer):
    client.force_login(buyer)
    response = client.post(questions_url(OpportunityFactory()), {"text": "Kan jag fråga?"})
    assert "Bara ett socialt företags användare kan ställa frågor." in response.content.decode()
    assert not Question.objects.exists()
