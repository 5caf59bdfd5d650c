import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attunement.settings")
application = get_wsgi_application()

# A server started without `attunement serve` refuses the same way when encrypted rows are
# stored but the key file is gone (MissingKeyError names the file to restore).
from attunement.lib import crypto  # noqa: E402

crypto.ensure_key_file()
