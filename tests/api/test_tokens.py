import pytest

from calmdesk.api.tokens import (
    TokenError,
    active_api_tokens,
    issue_api_token,
    revoke_api_token,
    user_for_token,
)
from calmdesk.cases.models import AuditEntry
from calmdesk.people.models import ApiToken, User


def test_issued_token_identifies_its_user_and_only_its_hash_is_kept(alice):
    secret = issue_api_token(alice, "CRM sync")
    assert secret.startswith("cd_")
    token = ApiToken.objects.get(user=alice)
    assert token.name == "CRM sync"
    assert secret not in (token.token_hash, token.prefix)
    assert user_for_token(secret) == alice
    entry = AuditEntry.objects.get(action="api_token.issued")
    assert entry.organisation == alice.organisation
    assert secret not in str(entry.detail)


def test_revoked_token_no_longer_identifies_anyone(alice):
    secret = issue_api_token(alice, "CRM sync")
    revoke_api_token(alice, "CRM sync")
    assert user_for_token(secret) is None
    assert active_api_tokens(alice) == []
    assert AuditEntry.objects.filter(action="api_token.revoked").exists()


def test_a_name_can_be_reused_once_its_token_is_revoked(alice):
    issue_api_token(alice, "CRM sync")
    with pytest.raises(TokenError, match="already has an active token called 'CRM sync'"):
        issue_api_token(alice, "CRM sync")
    revoke_api_token(alice, "CRM sync")
    issue_api_token(alice, "CRM sync")
    assert [t.name for t in active_api_tokens(alice)] == ["CRM sync"]


@pytest.mark.parametrize(("name", "reason"), [("  ", "Give the token a name"), ("x" * 101, "100")])
def test_a_token_needs_a_sensible_name(alice, name, reason):
    with pytest.raises(TokenError, match=reason):
        issue_api_token(alice, name)
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token(alice):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    with pytest.raises(TokenError, match="inactive"):
        issue_api_token(alice, "CRM sync")
    assert not ApiToken.objects.exists()


def test_user_outside_any_organisation_gets_no_token(db):
    loner = User.objects.create_user(username="loner")
    with pytest.raises(TokenError, match="no organisation"):
        issue_api_token(loner, "CRM sync")


def test_revoking_a_name_the_user_does_not_have_says_so(alice, bob):
    issue_api_token(bob, "CRM sync")
    with pytest.raises(TokenError, match="alice has no active token called 'CRM sync'"):
        revoke_api_token(alice, "CRM sync")
    assert ApiToken.objects.active().count() == 1
