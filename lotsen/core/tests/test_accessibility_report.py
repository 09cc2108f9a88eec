from django.core import mail


def test_a_report_reaches_the_coordinator_by_email(client, db, settings):
    response = client.post(
        "/tillganglighet/",
        {
            "page": "/foretag/",
            "description": "Filtret går inte att nå med tangentbordet.",
            "email": "besok@example.test",
        },
        follow=True,
    )
    assert "Tack! Din rapport har skickats till oss." in response.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [settings.CONTACT_EMAIL]
    assert "/foretag/" in message.subject
    assert "besok@example.test" in message.body


def test_an_empty_report_is_refused_with_a_message_and_sends_nothing(client, db):
    response = client.post(
        "/tillganglighet/", {"page": "", "description": "", "email": "inte-en-adress"}
    )
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert "Fyll i en giltig e-postadress." in response.text
    assert mail.outbox == []
