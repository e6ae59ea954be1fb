"""Weak passwords are refused, in Norwegian: common Norwegian words with digits, and the user's own name."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User

from ..factories import PASSWORD


def _signup(client, password, full_name="Nora Nordmann", email="nora@example.org"):
    return client.post(
        "/konto/opprett-konto/",
        {"full_name": full_name, "email": email, "password1": password, "password2": password},
    )


@pytest.mark.parametrize(
    "password",
    [
        "Sommer2026",
        "sommer2026!",
        "kommune123",
        "Kommune2026",
        "Oktober2025",
        "Passord1234",
        "Vinter-2027",
        "Høst20252025",
    ],
)
def test_common_norwegian_passwords_are_refused(db, password):
    with pytest.raises(ValidationError) as error:
        validate_password(password, User(email="nora@example.org", full_name="Nora Nordmann"))
    assert "password_too_common" in [e.code for e in error.value.error_list]


@pytest.mark.parametrize("password", ["Fjordland-utsikt-2026", PASSWORD, "Sommerfugl-i-mai-87"])
def test_uncommon_passwords_are_accepted(db, password):
    validate_password(password, User(email="nora@example.org", full_name="Nora Nordmann"))


def test_signup_with_a_season_and_year_is_refused_in_norwegian(client, db):
    response = _signup(client, "Sommer2026")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "for lett å gjette" in " ".join(response.context["form"].errors["password1"])


def test_signup_with_kommune_and_digits_is_refused(client, db):
    response = _signup(client, "kommune123")
    assert response.context["form"].errors["password1"]
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["Nora Nordmann", "NoraNordmann", "nordmann.nora"])
def test_signup_with_the_full_name_as_password_is_refused(client, db, password):
    response = _signup(client, password)
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "Passordet er for likt fullt navn." in response.context["form"].errors["password1"]


def test_changing_the_password_to_the_full_name_is_refused(client, member):
    member.full_name = "Margrethe Medlemsen"
    member.save()
    client.force_login(member)
    response = client.post(
        "/konto/passord/endre/",
        {"oldpassword": PASSWORD, "password1": "Margrethe Medlemsen", "password2": "Margrethe Medlemsen"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_password_help_text_explains_the_norwegian_rule(client, db):
    assert "vanlig ord" in client.get("/konto/opprett-konto/").content.decode()
