from lotsen.core.tests.test_production_settings import PRODUCTION, manage


def test_production_refuses_to_start_without_the_audit_chain_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "AUDIT_CHAIN_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEY must be set" in result.stderr
