"""Seal the safety facts at rest: who answered the safety check "at risk", and who was flagged.

ScreenResult.at_risk becomes an encrypted yes/no; SafetyEvent loses its foreign key to the
person (the id is kept encrypted in `writer`) and its time is kept to the day. Existing rows
are converted here, with the key that `attunement serve` checks before migrating.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import attunement.lib.crypto
import attunement.safety.models


def seal(apps, schema_editor):
    ScreenResult = apps.get_model("safety", "ScreenResult")
    SafetyEvent = apps.get_model("safety", "SafetyEvent")
    for result in ScreenResult.objects.all():
        result.at_risk_sealed = result.at_risk
        result.save(update_fields=["at_risk_sealed"])
    for event in SafetyEvent.objects.all():
        event.writer = str(event.owner_id)
        event.created_at = attunement.safety.models.start_of_day(event.created_at)
        event.save(update_fields=["writer", "created_at"])


def unseal(apps, schema_editor):
    ScreenResult = apps.get_model("safety", "ScreenResult")
    SafetyEvent = apps.get_model("safety", "SafetyEvent")
    for result in ScreenResult.objects.all():
        result.at_risk = bool(result.at_risk_sealed)
        result.save(update_fields=["at_risk"])
    for event in SafetyEvent.objects.all():
        event.owner_id = int(event.writer)
        event.save(update_fields=["owner"])


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0002_event_level_and_misread"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="screenresult",
            name="at_risk_sealed",
            field=attunement.lib.crypto.EncryptedBooleanField(null=True),
        ),
        migrations.AddField(
            model_name="safetyevent",
            name="writer",
            field=attunement.lib.crypto.EncryptedTextField(default=""),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="safetyevent",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(seal, unseal),
        migrations.RemoveField(model_name="screenresult", name="at_risk"),
        migrations.RenameField(
            model_name="screenresult", old_name="at_risk_sealed", new_name="at_risk"
        ),
        migrations.AlterField(
            model_name="screenresult",
            name="at_risk",
            field=attunement.lib.crypto.EncryptedBooleanField(default=False),
        ),
        migrations.RemoveField(model_name="safetyevent", name="owner"),
        migrations.AlterField(
            model_name="safetyevent",
            name="created_at",
            field=models.DateTimeField(default=attunement.safety.models.start_of_today),
        ),
    ]
