"""An implausible date of birth is confirmed before a participant is registered."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from stdnum import luhn

from ..forms import PLAUSIBLE_AGES, IdentityForm
from ..identity import parse_identity_number
from ..models import Participant
from .test_views import registration_data

CONFIRM = "Ja, födelsedatumet stämmer"
CHECKBOX = 'type="checkbox" name="identity-birth_date_confirmed"'


def number_born(born: datetime.date) -> str:
    """A twelve-digit personnummer of someone born on `born`, with a valid check digit."""
    base = f"{born:%y%m%d}482"
    return f"{born:%Y%m%d}-{base[6:]}{luhn.calc_check_digit(base)}"


def born_years_ago(years: int) -> datetime.date:
    # Mid-January: the age is `years` or one less whatever the day, never at a boundary.
    return datetime.date(timezone.localdate().year - years, 1, 15)


def registering(caseworker, born: datetime.date, **changes) -> dict:
    return registration_data(
        caseworker,
        **{
            "identity-identity_number": number_born(born),
            "participant-birth_year": born.year,
            **changes,
        },
    )


@pytest.mark.parametrize("years", [114, 101, 14])
def test_an_implausible_age_asks_for_confirmation_and_then_registers(client, caseworker, years):
    born = born_years_ago(years)
    client.force_login(caseworker)
    response = client.post("/lotsning/deltagare/ny/", registering(caseworker, born))
    assert response.status_code == 200
    assert CHECKBOX in response.text and CONFIRM in response.text
    assert "Kontrollera numret, eller bekräfta att födelsedatumet stämmer." in response.text
    assert not Participant.objects.exists()
    confirmed = registering(caseworker, born, **{"identity-birth_date_confirmed": "on"})
    response = client.post("/lotsning/deltagare/ny/", confirmed)
    assert response.status_code == 302
    assert Participant.objects.get().birth_year == born.year


def test_a_plausible_age_registers_without_a_question(client, caseworker):
    client.force_login(caseworker)
    assert CHECKBOX not in client.get("/lotsning/deltagare/ny/").text
    response = client.post("/lotsning/deltagare/ny/", registering(caseworker, born_years_ago(35)))
    assert response.status_code == 302


def test_an_unchanged_number_is_not_questioned_again():
    number = number_born(born_years_ago(104))
    data = {"name": "Ada Äldst", "identity_number": number, "phone": "", "email": ""}
    assert not IdentityForm(data).is_valid()
    assert IdentityForm(data, initial=data).is_valid()


@time_machine.travel(datetime.date(2031, 5, 20), tick=False)
@pytest.mark.parametrize(
    ("born", "asks"),
    [
        (datetime.date(2015, 5, 20), False),  # 16 today
        (datetime.date(2015, 5, 21), True),  # 16 tomorrow
        (datetime.date(1963, 5, 21), False),  # 67 until tomorrow
        (datetime.date(1963, 5, 20), True),  # 68 today
    ],
)
def test_the_plausible_ages_are_those_the_national_follow_up_counts(born, asks):
    assert PLAUSIBLE_AGES == (16, 67)
    data = {"name": "Gränsfall", "identity_number": number_born(born), "phone": "", "email": ""}
    form = IdentityForm(data)
    assert form.is_valid() is not asks


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (datetime.date(2016, 2, 28), 15),
        (datetime.date(2016, 2, 29), 16),
        (datetime.date(2017, 2, 28), 16),
    ],
)
def test_an_age_counts_whole_years(day, age):
    assert parse_identity_number(number_born(datetime.date(2000, 2, 29))).age_on(day) == age


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("enterprise_user", 403)])
def test_only_a_caseworker_registers(request, client, caseworker, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.post("/lotsning/deltagare/ny/", registering(caseworker, born_years_ago(114)))
    assert response.status_code == status
    assert not Participant.objects.exists()
