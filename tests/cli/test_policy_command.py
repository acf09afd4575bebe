"""`calmdesk policy check | install | show`."""

from __future__ import annotations

from pathlib import Path

from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import current_policy

from .conftest import words

DEMO = Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml"


def test_check_says_a_good_policy_is_valid(calmdesk):
    result = calmdesk("policy", "check", str(DEMO))
    assert result.exit_code == 0, result.output
    assert "is a valid policy for Brightside Home Electricals: 9 remedies" in words(result.output)


def test_check_names_each_problem_with_its_line(calmdesk, tmp_path):
    bad = tmp_path / "policy.yaml"
    bad.write_text(DEMO.read_text().replace("first_reply_hours: 24", "first_reply_hours: soon"))
    result = calmdesk("policy", "check", str(bad))
    assert result.exit_code == 1
    assert "line 8: promises.first_reply_hours: Input should be a valid integer" in words(
        result.output
    )
    assert "is not a valid policy: nothing was installed" in words(result.output)


def test_install_puts_it_in_force_and_show_prints_it(calmdesk, org, carol):
    result = calmdesk("policy", "install", str(DEMO), "--as", "carol", "--note", "launch")
    assert result.exit_code == 0, result.output
    assert "Installed policy version 1 for Brightside Electricals." in words(result.output)
    assert current_policy(org).currency == "GBP"
    assert PolicyDocument.objects.get().installed_by == carol
    shown = calmdesk("policy", "show")
    assert "# version 1" in shown.output
    assert "reopen_window_days: 28" in shown.output


def test_an_agent_may_not_install_a_policy(calmdesk, org, alice):
    result = calmdesk("policy", "install", str(DEMO), "--as", "alice")
    assert result.exit_code == 1
    assert "Only a manager" in words(result.output)
    assert not PolicyDocument.objects.exists()


def test_show_without_a_policy_says_how_to_install_one(calmdesk, org):
    result = calmdesk("policy", "show")
    assert result.exit_code == 1
    assert "has no policy yet" in words(result.output)
