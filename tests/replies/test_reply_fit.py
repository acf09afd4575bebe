"""Reply help reads what the customer's message already says (issue 5 audit): what they want,
what they tried, the product, the title they sign with; and the panel's checklist shows the
product as known."""

from __future__ import annotations

import re
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from calmdesk.core.replies.gathering import Fact
from calmdesk.replies import services
from tests.replies.conftest import open_own_case


def test_a_message_that_says_what_they_want_and_tried_is_not_asked_again(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="email",
        subject="Broken toaster",
        text=(
            "My toaster stopped heating on Saturday. I have written to you three times about "
            "it already. I would like a replacement sent to my home address."
        ),
    )
    found = services.reply_help(alice, case)
    asked = {question.fact for question in found.questions}
    assert Fact.WANTS not in asked
    assert Fact.TRIED not in asked
    assert Fact.WHEN not in asked
    assert found.context.facts.product == "toaster"
    assert ("Product", True) in found.facts
    assert "you would like a replacement sent to your home address" in found.repeat_back


def test_a_letter_signed_with_a_title_is_answered_with_title_and_surname(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="letter",
        text="Dear Sir, my new fridge hums loudly all night.\n\nYours faithfully,\nPriya Shah (Dr)",
    )
    draft = services.reply_help(alice, case).draft
    assert "Dear Dr Shah," in draft.text()
    spoken = services.reply_help(alice, case, channel="telephone").draft
    assert spoken.text().endswith("Thank you for your time today, Priya.")


def test_the_promise_is_rounded_from_the_time_the_draft_is_made(policy, alice, customer):
    case = open_own_case(alice, customer, channel="email", text="My fridge is warm inside.")
    now = timezone.make_aware(datetime(2026, 12, 1, 10, 37))
    draft = services.reply_help(alice, case, channel="email", now=now).draft
    assert "You will hear from me by" in draft.text()
    assert not re.search(r"\d:\d\d\s?[ap]m", draft.text())


def test_the_panel_lists_the_product_among_the_known_facts(client, alice, customer):
    case = open_own_case(alice, customer, channel="email", text="The kettle leaks from the base.")
    client.force_login(alice)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "<li>Product: <strong>known</strong></li>" in page


# --- Edits to the parts reach the reply, without JavaScript too ------------------------------

OWN = "Our engineer will ring you tomorrow morning to book a collection."


def _post_parts(client, case, channel: str, drafted_for: str):
    return client.post(
        reverse("outbound:draft", args=[case.pk]),
        {
            "reply-channel": channel,
            "rh-channel": drafted_for,
            "rh-part-actions": OWN,
            "rh-part-prompt_listen": "never said",
        },
    )


def test_start_from_the_draft_assembles_the_reply_from_the_edited_parts(client, case, alice):
    client.force_login(alice)
    page = _post_parts(client, case, "telephone", "telephone").content.decode()
    assert OWN in page
    assert "I am looking into this now" not in page  # the drafted actions part is replaced
    assert "never said" not in page  # a prompt is never part of the reply


def test_edits_to_another_channels_parts_are_not_used(client, case, alice):
    client.force_login(alice)
    page = _post_parts(client, case, "sms", "telephone").content.decode()
    assert OWN not in page
    assert "Hi Priya" in page


def test_the_panel_parts_are_a_form_that_posts_to_the_draft(client, case, alice, dan):
    client.force_login(alice)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="rh-parts-form"' in page
    assert 'name="rh-part-actions"' in page
    assert 'name="rh-channel" value="telephone"' in page
    assert "Put these parts in the reply" in page
    client.force_login(dan)  # a trainer reads; nothing to put in a reply
    assert (
        "Put these parts in the reply"
        not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
