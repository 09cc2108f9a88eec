from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_contact_mail(subject: str, body: str, reply_to: str = "") -> None:
    """Send a message from the public to the coordinator's mailbox."""
    extra = f"\n\n{reply_to}" if reply_to else ""
    send_mail(subject, body + extra, None, [settings.CONTACT_EMAIL])
