"""Installing an organisation's policy, and reading the one in force without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmdesk.cases.models import AuditEntry
from calmdesk.core.policy import PolicyError
from calmdesk.core.roles import NotAllowed
from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import NoPolicy, current_policy, install_policy

DEMO = (Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml").read_text()


def test_a_manager_installs_a_policy_that_is_then_in_force(org, carol):
    document = install_policy(org, DEMO, actor=carol, note="first")
    assert document.version == 1
    assert current_policy(org).promises.update_every_hours == 48
    entry = AuditEntry.objects.get(action="policy.installed")
    assert (entry.actor, entry.detail["version"]) == (carol, 1)


def test_a_new_version_is_in_force_at_once_without_a_restart(org, carol):
    install_policy(org, DEMO, actor=carol)
    assert current_policy(org).promises.update_every_hours == 48
    install_policy(
        org, DEMO.replace("update_every_hours: 48", "update_every_hours: 12"), actor=carol
    )
    assert current_policy(org).promises.update_every_hours == 12
    assert list(PolicyDocument.objects.values_list("version", flat=True)) == [2, 1]


def test_an_invalid_policy_changes_nothing_and_the_previous_stays(org, carol):
    install_policy(org, DEMO, actor=carol)
    broken = DEMO.replace("  team_leader: manager", "  team_leader: agent")
    with pytest.raises(PolicyError, match="chain_of_command: a loop"):
        install_policy(org, broken, actor=carol)
    assert PolicyDocument.objects.count() == 1
    assert current_policy(org).promises.update_every_hours == 48


@pytest.mark.parametrize("who", ["alice", "bob", "dan", "eve"])
def test_only_a_manager_of_the_organisation_may_change_it(request, org, who):
    with pytest.raises(NotAllowed):
        install_policy(org, DEMO, actor=request.getfixturevalue(who))
    assert not PolicyDocument.objects.exists()


def test_an_organisation_without_a_policy_says_so(org):
    with pytest.raises(NoPolicy):
        current_policy(org)
