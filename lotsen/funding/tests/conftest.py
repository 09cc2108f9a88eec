import pytest

from lotsen.funding import delivery


@pytest.fixture
def register():
    """Register test sources in the delivery registry, and take them away afterwards."""
    added: list[tuple] = []

    def hours(rows_by_year: dict[int, list[tuple]]):
        def source(year):
            return rows_by_year.get(year, [])

        delivery.register_delivered_hours(source)
        added.append((delivery.unregister_delivered_hours, (source,)))

    def volume(name: str, by_year: dict[int, int]):
        def function(year):
            return by_year.get(year, 0)

        delivery.register_volume(name, function)
        added.append((delivery.unregister_volume, (name, function)))

    def ranking(codes: list[str]):
        def function(year):
            return codes

        delivery.register_needs_ranking(function)
        added.append((delivery.unregister_needs_ranking, (function,)))

    yield type(
        "Register",
        (),
        {
            "hours": staticmethod(hours),
            "volume": staticmethod(volume),
            "ranking": staticmethod(ranking),
        },
    )
    for undo, args in added:
        undo(*args)
