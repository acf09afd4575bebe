from calmdesk.api.tokens import user_for_token
from calmdesk.people.models import ApiToken

from .conftest import words


def test_token_create_prints_the_secret_once_and_keeps_only_its_hash(calmdesk, alice):
    result = calmdesk("token", "create", "alice", "--name", "web form bridge")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    token = ApiToken.objects.get(user=alice)
    assert token.name == "web form bridge"
    assert token.token_hash == ApiToken.hash(secret)
    assert secret not in token.token_hash
    assert user_for_token(secret) == alice
    assert f"Created token {token.prefix} for alice" in words(result.stderr)


def test_token_create_refuses_an_unknown_user(calmdesk, alice):
    result = calmdesk("token", "create", "zed", "--name", "bridge")
    assert result.exit_code == 1
    assert "There is no user called 'zed'." in result.stderr
    assert not ApiToken.objects.exists()


def test_token_create_refuses_a_second_active_token_with_the_same_name(calmdesk, alice):
    assert calmdesk("token", "create", "alice", "--name", "bridge").exit_code == 0
    result = calmdesk("token", "create", "alice", "--name", "bridge")
    assert result.exit_code == 1
    assert "already has an active token called 'bridge'" in words(result.stderr)
    assert ApiToken.objects.count() == 1


def test_token_revoke_by_prefix_stops_the_token_working(calmdesk, alice):
    secret = calmdesk("token", "create", "alice", "--name", "bridge").stdout.strip()
    prefix = ApiToken.objects.get().prefix
    result = calmdesk("token", "revoke", prefix)
    assert result.exit_code == 0, result.output
    assert f"Revoked token {prefix} (bridge) of alice." in words(result.stdout)
    assert ApiToken.objects.get().revoked_at is not None
    assert user_for_token(secret) is None


def test_token_revoke_refuses_an_unknown_prefix(calmdesk, alice):
    calmdesk("token", "create", "alice", "--name", "bridge")
    result = calmdesk("token", "revoke", "cd_nothing")
    assert result.exit_code == 1
    assert "No active token has the prefix 'cd_nothing'." in result.stderr
    assert ApiToken.objects.get().revoked_at is None
