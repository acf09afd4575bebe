"""Reply templates (issue 5): their wording is checked when saved, and a manager edits their
own organisation's templates (and installs its policy) in the admin, and nothing else."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from calmdesk.core.replies.drafting import DEFAULT_TEMPLATES, PLACEHOLDERS
from calmdesk.core.replies.template_wording import (
    SAMPLE_VALUES,
    sample_text,
    template_wording_problems,
)
from calmdesk.demo.seed import manager_group
from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import install_policy
from calmdesk.replies.demo import WELSH_TEMPLATES
from calmdesk.replies.models import ReplyTemplate
from tests.replies.conftest import DEMO_POLICY

TEMPLATES = "/admin/replies/replytemplate/"
BAD_EMPATHY = "I see it's all our fault and we messed up big time. Please relax, {first_name}."


# ---------------------------------------------------------------- the wording check (pure)


def test_placeholders_are_filled_with_plain_sample_values_before_checking():
    assert set(PLACEHOLDERS) <= set(SAMPLE_VALUES)  # a new placeholder needs a sample too
    assert sample_text("Hi {first_name}, about {issue} ({{ref}} {reference})") == (
        "Hi Alex, about your kettle ({ref} CD-000123)"
    )


def test_fault_provoking_and_aggressive_wording_is_named_with_a_better_one():
    problems = template_wording_problems(BAD_EMPATHY)
    assert len(problems) == 2
    fault, relax = problems
    assert fault.startswith('An admission of fault "it\'s all our fault and we messed up": ')
    assert relax.startswith('Provoking wording "relax": ')
    assert 'Better: "' in relax
    (demand,) = template_wording_problems("You need to send us the receipt by {next_update}.")
    assert demand.startswith('Aggressive wording "You need to"')
    assert 'Better: "Could you please"' in demand


def test_a_placeholder_is_read_as_its_value_not_as_braces():
    # Read raw, "{ORGANISATION}" would be a shouted word; filled, it is an ordinary name.
    assert template_wording_problems("Kind regards,\n{agent_name}\n{organisation}") == []
    assert template_wording_problems("We are sorry about {issue}, {customer_name}.") == []


@pytest.mark.parametrize(("key", "text"), sorted(DEFAULT_TEMPLATES.items()))
def test_every_shipped_default_passes_the_check(key, text):
    assert template_wording_problems(text, key[0]) == []


@pytest.mark.parametrize("text", sorted(WELSH_TEMPLATES.values()))
def test_the_demo_welsh_templates_pass_the_check(text):
    assert template_wording_problems(text) == []


def test_other_findings_of_a_whole_reply_are_not_held_against_one_part():
    # No next step, no empathy, an abbreviation: fine in a greeting or a sign-off.
    assert template_wording_problems("Dear {customer_name},") == []
    assert template_wording_problems("Our RMA team,\n{agent_name}") == []


# ---------------------------------------------------------------- the model


@pytest.mark.django_db
def test_saving_a_template_with_an_admission_is_refused_from_code_too(org):
    template = ReplyTemplate(organisation=org, part="empathy", text=BAD_EMPATHY)
    with pytest.raises(ValidationError) as error:
        template.save()
    messages = error.value.message_dict["text"]
    assert any('"it\'s all our fault and we messed up"' in message for message in messages)
    assert not ReplyTemplate.objects.exists()
    ReplyTemplate.objects.create(
        organisation=org, part="empathy", text="I'm sorry {issue} has caused you this trouble."
    )


@pytest.mark.django_db
def test_placeholder_problems_come_first_and_alone(org):
    template = ReplyTemplate(organisation=org, part="greeting", text="Calm down, {surname}.")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    (message,) = error.value.message_dict["text"]
    assert message.startswith("Unknown placeholder {surname}")


# ---------------------------------------------------------------- the admin


def _staff(user, client):
    user.is_staff = True
    user.save()
    user.groups.add(manager_group())
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(client, carol):
    return _staff(carol, client)


def test_a_manager_sees_templates_and_policy_in_the_admin_and_nothing_else(manager_client):
    page = manager_client.get("/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reply templates" in html
    assert "Policy documents" in html
    for hidden in ("Users", "Teams", "Organisations", "Audit", "Api tokens", "Customers"):
        assert hidden not in html
    assert manager_client.get("/admin/people/user/").status_code == 403


def test_a_manager_adds_a_template_for_their_own_organisation(manager_client, org, other_org):
    form = manager_client.get(f"{TEMPLATES}add/").content.decode()
    assert "Elsewhere Ltd" not in form
    response = manager_client.post(
        f"{TEMPLATES}add/",
        {
            "organisation": org.pk,
            "language": "en",
            "channel": "any",
            "part": "empathy",
            "text": "I'm sorry {issue} has let you down.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert ReplyTemplate.objects.get().organisation == org


def test_provoking_wording_in_the_admin_is_shown_with_the_words_and_saves_nothing(
    manager_client, org
):
    response = manager_client.post(
        f"{TEMPLATES}add/",
        {
            "organisation": org.pk,
            "language": "en",
            "channel": "email",
            "part": "empathy",
            "text": BAD_EMPATHY,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "An admission of fault &quot;it&#x27;s all our fault and we messed up&quot;" in html
    assert "Provoking wording &quot;relax&quot;" in html
    assert "Better:" in html
    assert not ReplyTemplate.objects.exists()


def test_a_manager_never_sees_or_writes_another_organisation_s_templates(
    manager_client, org, other_org
):
    theirs = ReplyTemplate.objects.create(organisation=other_org, part="greeting", text="Hi,")
    ours = ReplyTemplate.objects.create(organisation=org, part="greeting", text="Hello,")
    listing = manager_client.get(TEMPLATES).content.decode()
    assert f"{TEMPLATES}{ours.pk}/change/" in listing
    assert f"{TEMPLATES}{theirs.pk}/change/" not in listing
    assert "Elsewhere Ltd" not in listing  # not even in the organisation filter
    # Another organisation's template is not there for them (the admin redirects to its index).
    assert manager_client.get(f"{TEMPLATES}{theirs.pk}/change/").status_code == 302
    response = manager_client.post(
        f"{TEMPLATES}add/",
        {
            "organisation": other_org.pk,
            "language": "en",
            "channel": "any",
            "part": "empathy",
            "text": "Sorry about {issue}.",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert ReplyTemplate.objects.filter(organisation=other_org).count() == 1


def test_the_same_permissions_give_an_agent_nothing(client, alice):
    agent = _staff(alice, client)
    assert agent.get(TEMPLATES).status_code == 403
    assert agent.get("/admin/policy/policydocument/").status_code == 403


def test_a_manager_installs_their_own_policy_and_cannot_read_another_s(
    manager_client, org, other_org, carol
):
    text = DEMO_POLICY.read_text()
    theirs = install_policy(
        other_org, text.replace("update_every_hours: 48", "update_every_hours: 7"), actor=None
    )
    listing = manager_client.get("/admin/policy/policydocument/").content.decode()
    assert "Elsewhere Ltd" not in listing
    # Starting a new version from another organisation's policy shows none of its text.
    form = manager_client.get(f"/admin/policy/policydocument/add/?from={theirs.pk}")
    assert "update_every_hours: 7" not in form.content.decode()
    response = manager_client.post(
        "/admin/policy/policydocument/add/", {"organisation": org.pk, "text": text, "note": "ours"}
    )
    assert response.status_code == 302
    ours = PolicyDocument.objects.get(organisation=org)
    assert ours.installed_by == carol
