"""The manifest, the service worker and the offline page (item 8 of issue 11)."""

import json

from django.test import Client

from tests.conftest import login


def test_manifest_names_the_app_with_icons_and_theme(db):
    response = Client().get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Attunement" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/today/" and manifest["theme_color"] == "#9c4a2f"
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert Client().get(icon["src"]).status_code == 200


def test_every_page_links_the_manifest_and_theme_colour(alice):
    page = login(alice).get("/today/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<meta name="theme-color" content="#9c4a2f">' in page


def test_service_worker_keeps_static_files_and_the_offline_page_only(db):
    response = Client().get("/sw.js")
    assert response["Content-Type"] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/offline/"' in body and '"/static/"' in body
    # Pages go to the network (the offline page when it fails); only static files are stored.
    assert "cache.put" in body and body.index("startsWith(STATIC)") < body.index("cache.put")
    # The CSP lets the worker run: scripts and workers from our own origin.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_offline_page_holds_no_session_or_csrf_token_even_when_signed_in(alice):
    page = login(alice).get("/offline/").content.decode()
    assert "You're offline" in page
    assert "csrfmiddlewaretoken" not in page and "Alice" not in page
    assert "Exit this page" in page
