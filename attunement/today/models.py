from django.db import models


class DeletionRecord(models.Model):
    """One deleted account, in a form that names nobody: a keyed hash of the account's random
    id (HMAC with the instance's secret key) and the day. `attunement restore` deletes again
    every restored account whose hash is here, so a backup never brings a deleted person back.
    """

    subject = models.CharField(max_length=64, unique=True)
    deleted_on = models.DateField()
