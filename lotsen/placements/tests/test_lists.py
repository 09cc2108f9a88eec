"""Every list page and the inbox need as many queries with more data as with little."""

import datetime

from .. import services
from .factories import OpeningFactory, activate, enterprise_of, propose, register


def test_the_participant_list_query_count_is_constant(
    client, coordinator, caseworker, assert_constant_queries
):
    client.force_login(caseworker)

    def add(n):
        for _ in range(n):
            register(caseworker, preferred_municipalities=["2581"], preferred_industries=["56"])

    assert_constant_queries("/lotsning/deltagare/", add, more=5)


def test_the_referral_list_query_count_is_constant(
    client, coordinator, caseworker, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries(
        "/lotsning/anvisningar/", lambda n: [register(caseworker) for _ in range(n)], more=5
    )


def test_the_placement_and_opening_lists_and_inbox_query_counts_are_constant(
    client, coordinator, caseworker, enterprise_user, assert_constant_queries
):
    def add(n):
        for _ in range(n):
            opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
            activate(
                propose(coordinator, caseworker, opening),
                enterprise_user=enterprise_user,
                caseworker=caseworker,
                coordinator=coordinator,
            )
            propose(coordinator, caseworker, opening)

    client.force_login(coordinator)
    for url in ["/lotsning/placeringar/", "/lotsning/platser/", "/oversikt/"]:
        assert_constant_queries(url, add, more=3)
    client.force_login(enterprise_user)
    for url in ["/lotsning/placeringar/", "/lotsning/platser/", "/lotsning/deltagare/"]:
        assert_constant_queries(url, add, more=3)


def test_the_report_query_count_is_constant(
    client, coordinator, caseworker, enterprise_user, assert_constant_queries
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=50)

    def add(n):
        for number in range(n):
            placement = activate(
                propose(coordinator, caseworker, opening),
                enterprise_user=enterprise_user,
                caseworker=caseworker,
                coordinator=coordinator,
            )
            # Ended placements fill the income and occupation tables as well.
            services.placement_end(
                actor=coordinator,
                placement=placement,
                ended_on=datetime.date.today(),
                exit_reason="work",
                outcome="work_subsidised",
                income_source_after="salary",
                work_study_percent_after=25 * number,
            )
            activate(
                propose(coordinator, caseworker, opening),
                enterprise_user=enterprise_user,
                caseworker=caseworker,
                coordinator=coordinator,
            )

    client.force_login(coordinator)
    for url in ["/lotsning/rapporter/", "/lotsning/rapporter/csv/"]:
        assert_constant_queries(url, add, more=3)
