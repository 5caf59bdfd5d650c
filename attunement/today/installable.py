"""What makes the app installable on a phone: the manifest, the service worker, the offline page.

The service worker caches static files (their names carry a content hash) and the offline page,
nothing else: pages are always fetched from the server, and signed-in pages carry no-store.
"""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

THEME_COLOUR = "#9c4a2f"
BACKGROUND = "#fbf8f4"
# Bump when the list of files the worker keeps changes shape (old caches are then dropped).
CACHE_VERSION = "1"


def _precached() -> list[str]:
    return [
        reverse("offline"),
        static("attunement/app.css"),
        static("attunement/app.js"),
        static("attunement/icon.svg"),
        static("attunement/icon-192.png"),
    ]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": "A few minutes a day for the two of you: check in, share, listen.",
        "id": "/",
        "start_url": reverse("today"),
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("attunement/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("attunement/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("attunement/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("attunement/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(body, indent=1), content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    template = loader.get_template("today/sw.js")
    context = {
        "cache_name": f"attunement-static-{CACHE_VERSION}",
        "precache": json.dumps(_precached()),
        "offline_url": json.dumps(reverse("offline")),
        "static_prefix": json.dumps(settings.STATIC_URL),
        "icon": json.dumps(static("attunement/icon-192.png")),
        "site_name": settings.SITE_NAME,
    }
    response = HttpResponse(template.render(context), content_type="text/javascript")
    # The browser checks for a new worker on each visit; never serve it from a cache.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The page the worker shows when the network is gone. Rendered without the request (like
    the 500 page), so the copy the worker keeps holds nobody's session or CSRF token."""
    context = {"site_name": settings.SITE_NAME, "quick_exit_url": settings.QUICK_EXIT_URL}
    return HttpResponse(loader.get_template("today/offline.html").render(context))
