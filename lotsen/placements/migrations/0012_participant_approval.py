"""The participant approves the agreement too, each version of its terms (decision 0208).

Every agreement gets its fingerprint, as version 1. An agreement the enterprise and the
referring party approved before the participant had a say stays approved: it is recorded
as approved by the participant in the legacy way, at the moment it became approved, so
that no agreement in force falls back to waiting and the record says plainly that the
participant's approval was not asked for in Lotsen.
"""

import django.db.models.deletion
import django.utils.timezone
import lotsen.placements.models.referrals
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Greatest

from lotsen.placements.terms import TERMS, terms_fingerprint


def fingerprint_and_keep_approved(apps, schema_editor):
    Agreement = apps.get_model("placements", "PlacementAgreement")
    ParticipantApproval = apps.get_model("placements", "ParticipantApproval")
    for agreement in Agreement.objects.iterator():
        agreement.terms_fingerprint = terms_fingerprint(
            {name: getattr(agreement, name) for name in TERMS}
        )
        agreement.save(update_fields=["terms_fingerprint"])
    approved = Agreement.objects.filter(status="approved").annotate(
        last=Greatest("enterprise_approved_at", "referrer_approved_at")
    )
    ParticipantApproval.objects.bulk_create(
        ParticipantApproval(
            agreement=agreement,
            version=agreement.version,
            terms_fingerprint=agreement.terms_fingerprint,
            approved_at=agreement.last or agreement.updated_at,
            method="legacy",
        )
        for agreement in approved.iterator()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('placements', '0011_agreement_status_and_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='placementagreement',
            name='terms_fingerprint',
            field=models.CharField(blank=True, max_length=64, verbose_name='fingerprint of the terms'),
        ),
        migrations.AddField(
            model_name='placementagreement',
            name='version',
            field=models.PositiveIntegerField(default=1, verbose_name='version'),
        ),
        migrations.CreateModel(
            name='ParticipantApproval',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(verbose_name='version')),
                ('terms_fingerprint', models.CharField(blank=True, max_length=64, verbose_name='fingerprint of the terms')),
                ('approved_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='approved')),
                ('method', models.CharField(choices=[('e_legitimation', 'E-legitimation'), ('paper', 'On paper, recorded by the coordinator'), ('legacy', "Approved before Lotsen recorded the participant's approval")], max_length=20, verbose_name='method')),
                ('identity_provider', models.CharField(blank=True, max_length=100, verbose_name='e-legitimation')),
                ('assurance', models.CharField(blank=True, max_length=200, verbose_name='assurance level')),
                ('scan', models.FileField(blank=True, upload_to=lotsen.placements.models.referrals.approval_scan_path, verbose_name='scanned page')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participant_approvals', to='placements.placementagreement', verbose_name='placement agreement')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': "participant's approval",
                'verbose_name_plural': "participants' approvals",
                'ordering': ['agreement', 'version'],
                'constraints': [models.UniqueConstraint(fields=('agreement', 'version'), name='one_participant_approval_per_version')],
            },
        ),
        migrations.RunPython(fingerprint_and_keep_approved, migrations.RunPython.noop),
    ]
