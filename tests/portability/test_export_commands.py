"""`attunement export | import` and Settings > Download my data, as a person and a host use them."""

import json
import stat

import jsonschema_rs
import pytest
from django.urls import reverse

from attunement import cli
from attunement.accounts.models import User
from attunement.lib import export
from attunement.support.models import CheckIn
from tests.builders import check_in
from tests.conftest import fresh_login, login

pytestmark = pytest.mark.django_db
REAUTH = "/accounts/reauthenticate/"


def test_download_asks_for_the_password_first(alice):
    check_in(alice, note="a quiet morning")
    response = login(alice).get(reverse("download_data"))
    assert response.status_code == 302 and response["Location"].startswith(REAUTH)
    assert b"a quiet morning" not in response.content
    # The password page says what happens next: the file comes and the page stays, so it
    # offers the way back (without it, the filled-in form looked as if nothing had happened).
    page = login(alice).get(response["Location"]).content.decode()
    assert "your file downloads to this device" in page and reverse("profile") in page


def test_the_password_page_for_anything_else_does_not_talk_of_a_file(alice):
    page = login(alice).get(REAUTH + "?next=/settings/delete/").content.decode()
    assert "Confirm it's you" in page and "your file downloads" not in page


def test_download_after_a_recent_login_is_a_dated_json_file_of_everything(alice):
    check_in(alice, note="a quiet morning")
    response = fresh_login(alice).get(reverse("download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"] == "attachment; filename=attunement-export-2026-06-17.json"
    )
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    validator = jsonschema_rs.validator_for(export.schema(), validate_formats=True)
    assert validator.is_valid(document)
    notes = [r["note"] for r in document["sections"]["support"]["check_ins"]]
    assert notes == ["a quiet morning"]


def test_download_is_for_the_signed_in_and_for_reading_only(alice, client):
    assert client.get(reverse("download_data"))["Location"].startswith("/accounts/login/")
    assert fresh_login(alice).post(reverse("download_data")).status_code == 405


def test_settings_offers_the_download(alice):
    page = login(alice).get(reverse("profile")).content.decode()
    assert "Download my data" in page and reverse("download_data") in page


def test_export_command_writes_a_private_file_and_import_brings_the_person_back(
    alice, tmp_path, capsys
):
    check_in(alice, note="kept across instances")
    path = tmp_path / "alice.json"
    assert cli.main(["export", "--user", "ALICE@example.com", "--output", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "kept across instances" in path.read_text()

    assert cli.main(["import", str(path)]) == 1  # the address is taken here
    assert "already has an account" in capsys.readouterr().err

    assert cli.main(["import", str(path), "--email", "alice.new@example.com"]) == 0
    out = capsys.readouterr().out
    assert "Imported alice.new@example.com" in out and "restored support.check_ins: 1" in out
    assert "Forgot your password?" in out
    new = User.objects.get(email="alice.new@example.com")
    assert CheckIn.objects.get(owner=new).note == "kept across instances"


def test_export_command_to_standard_output_and_for_an_unknown_address(alice, capsys):
    assert cli.main(["export", "--user", "alice@example.com"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "attunement-export"
    assert cli.main(["export", "--user", "nobody@example.com"]) == 2
    assert "No account has the address" in capsys.readouterr().err
    assert cli.main(["export", "--user", "alice@example.com", "--output", "/no/such/dir/a"]) == 2
    assert "Cannot write /no/such/dir/a" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not JSON"),
        ('{"format": "attunement-export", "version": 1}', "does not match the export format"),
    ],
)
def test_a_bad_file_is_refused_with_exit_code_2_and_nothing_written(
    tmp_path, capsys, content, message
):
    path = tmp_path / "bad.json"
    path.write_text(content)
    users = User.objects.count()
    assert cli.main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and message in err
    assert User.objects.count() == users


def test_a_missing_file_is_refused_with_exit_code_2(tmp_path, capsys):
    assert cli.main(["import", str(tmp_path / "absent.json")]) == 2
    assert "Cannot read" in capsys.readouterr().err
