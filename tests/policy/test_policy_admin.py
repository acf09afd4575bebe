"""Changing the policy in the admin: checked with line and field, installed as a new version."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import current_policy, install_policy

DEMO = (Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml").read_text()
ADD = "/admin/policy/policydocument/add/"


@pytest.fixture
def admin_client(client, carol):
    carol.is_staff = True
    carol.is_superuser = True
    carol.save()
    client.force_login(carol)
    return client


def test_a_valid_policy_saved_in_the_admin_is_in_force_at_once(admin_client, org, carol):
    install_policy(org, DEMO, actor=carol)
    changed = DEMO.replace("update_every_hours: 48", "update_every_hours: 6")
    response = admin_client.post(ADD, {"organisation": org.pk, "text": changed, "note": "faster"})
    assert response.status_code == 302
    assert current_policy(org).promises.update_every_hours == 6
    newest = PolicyDocument.objects.first()
    assert (newest.version, newest.installed_by, newest.note) == (2, carol, "faster")


def test_a_bad_policy_is_shown_with_line_and_field_and_changes_nothing(admin_client, org, carol):
    install_policy(org, DEMO, actor=carol)
    broken = DEMO.replace("satisfaction: 0.9", "satisfaction: 9")
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "satisfaction: 9" in row)
    response = admin_client.post(ADD, {"organisation": org.pk, "text": broken})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"line {line}: remedies.refund.satisfaction: Input should be less than or equal to 1"
        in html
    )
    assert PolicyDocument.objects.count() == 1
    assert current_policy(org).remedies["refund"].satisfaction == 0.9


def test_a_new_version_starts_from_the_text_of_an_old_one(admin_client, org, carol):
    document = install_policy(org, DEMO, actor=carol)
    html = admin_client.get(f"{ADD}?from={document.pk}").content.decode()
    assert "Brightside Home Electricals" in html
    assert "reopen_window_days: 28" in html


def test_installed_versions_cannot_be_edited_or_deleted(admin_client, org, carol):
    document = install_policy(org, DEMO, actor=carol)
    url = f"/admin/policy/policydocument/{document.pk}/change/"
    assert admin_client.post(url, {"organisation": org.pk, "text": "x"}).status_code == 403
    assert (
        admin_client.post(f"/admin/policy/policydocument/{document.pk}/delete/").status_code == 403
    )
    assert PolicyDocument.objects.get().text == DEMO
