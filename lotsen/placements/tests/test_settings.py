import pytest

from lotsen.core.tests.test_production_settings import PRODUCTION, manage


@pytest.mark.parametrize("name", ["IDENTITY_ENCRYPTION_KEY", "IDENTITY_HASH_KEY"])
def test_production_refuses_to_start_without_the_identity_keys(name):
    env = {key: value for key, value in PRODUCTION.items() if key != name}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{name} must be set" in result.stderr
