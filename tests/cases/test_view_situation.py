"""The situation card on the case page, and the evidence marked in the customer's words."""

from __future__ import annotations

import re

from calmdesk.cases.models import MessageAssessment
from calmdesk.cases.services import open_case, record_message
from calmdesk.cases.situation import highlight_evidence

FURIOUS = (
    "This is the THIRD time my parcel has not arrived. You are useless idiots and I am "
    "contacting my lawyer."
)
GERMAN = (
    "Guten Tag, mein Paket ist seit zwei Wochen nicht angekommen und niemand antwortet mir. "
    "Bitte helfen Sie mir schnell."
)


def section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_card_shows_issue_level_signals_and_point_of_view(client, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    client.force_login(alice)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    card = section(html, "situation-heading")
    assert "Delivery: late, missing or wrong" in card
    assert "3 of 3: highly challenging" in card
    for words in ("Angry", "Abuse aimed at staff", "Legal or regulator threat"):
        assert words in card
    assert "lawyer" in card  # the evidence words, quoted
    assert case.latest_assessment.result["point_of_view"] in card
    assert f'href="#message-{case.latest_assessment_id}"' in card


def test_evidence_is_marked_in_the_message_with_words_for_screen_readers(client, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    client.force_login(alice)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    marks = re.findall(r'<mark class="evidence" title="([^"]+)">(.*?)<span', html)
    assert marks, "no evidence marked"
    assert ("Legal or regulator threat", "lawyer") in marks
    assert "(evidence: " in html


def test_a_calm_case_says_calm_and_marks_nothing(client, alice, customer):
    calm = "Thanks, could you tell me your opening hours on Saturday?"
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=calm)
    client.force_login(alice)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    card = section(html, "situation-heading")
    assert "0 of 3: calm" in card
    assert "Calm: no sign of a difficult contact." in card
    assert "<mark" not in html


def test_the_card_follows_the_newest_message_and_shows_the_trend(client, alice, case):
    record_message(None, case, channel="email", text=FURIOUS)
    client.force_login(alice)
    card = section(client.get(f"/cases/{case.pk}/").content.decode(), "situation-heading")
    assert "Escalating since earlier messages" in card


def test_a_short_answer_keeps_the_issue_and_point_of_view_and_says_so(client, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    first = case.messages.get()
    answer = record_message(
        None, case, channel="email", text="Thursday is fine. It had better turn up this time."
    )
    client.force_login(alice)
    card = section(client.get(f"/cases/{case.pk}/").content.decode(), "situation-heading")
    assert "Delivery: late, missing or wrong" in card
    assert first.assessment.result["point_of_view"] in card
    assert answer.assessment.result["point_of_view"] not in card
    assert f'href="#message-{first.pk}">an earlier message from the customer' in card
    assert f"the newest alone reads as {answer.assessment.issue_words.lower()}" in card
    assert f'href="#message-{answer.pk}">newest message from the customer' in card


def test_a_newest_message_read_as_the_cases_issue_gives_its_own_point_of_view(
    client, alice, customer
):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    answer = record_message(
        None, case, channel="email", text="Thursday is fine. It had better turn up this time."
    )
    # As if the model had read the short answer as the delivery it is about, unsurely.
    MessageAssessment.objects.filter(pk=answer.pk).update(issue="delivery", issue_confidence=0.4)
    case.refresh_from_db()
    assert case.issue_assessment_id != answer.pk
    client.force_login(alice)
    card = section(client.get(f"/cases/{case.pk}/").content.decode(), "situation-heading")
    assert answer.assessment.result["point_of_view"] in card
    assert "an earlier message from the customer" not in card


def test_a_language_the_model_does_not_read_is_said_not_guessed(client, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=GERMAN)
    client.force_login(alice)
    card = section(client.get(f"/cases/{case.pk}/").content.decode(), "situation-heading")
    assert "German" in card
    assert "not trained on" in card
    assert "How the customer is" not in card


def test_a_case_with_nothing_assessed_says_so(client, alice, case):
    case.messages.get().assessment.delete()
    client.force_login(alice)
    card = section(client.get(f"/cases/{case.pk}/").content.decode(), "situation-heading")
    assert "Not assessed yet" in card


def test_marking_escapes_the_customer_text(alice, customer):
    text = "<script>alert(1)</script> You are useless idiots and I am contacting my lawyer."
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=text)
    assessment = MessageAssessment.objects.get(case=case)
    marked = highlight_evidence(text, assessment)
    assert marked is not None
    assert "<script" not in marked
    assert "&gt;alert(1)&lt;/" in marked


def test_spans_that_no_longer_fit_the_text_are_not_drawn(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    assessment = MessageAssessment.objects.get(case=case)
    assert highlight_evidence("Something else entirely, edited since.", assessment) is None


def test_a_reply_quoting_our_email_shows_the_quote_folded_away_and_marks_only_their_words(
    client, alice, customer
):
    quoted = (
        "\nOn Mon, 30 Nov 2026 at 10:02, Brightside Support <support@brightside.example> wrote:\n"
        "> I'm sorry for the wait. You may refer your complaint to the Ombudsman.\n"
    )
    case = open_case(
        alice, alice.organisation, customer=customer, channel="email", text=FURIOUS + quoted
    )
    client.force_login(alice)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    folded = html[html.index('<details class="quoted-message">') :]
    folded = folded[: folded.index("</details>")]
    assert "Earlier message quoted below the reply" in folded
    assert "Ombudsman" in folded
    assert "Ombudsman" not in html[: html.index('<details class="quoted-message">')]
    marks = re.findall(r'<mark class="evidence" title="([^"]+)">(.*?)<span', html)
    assert ("Legal or regulator threat", "lawyer") in marks
    assert not [words for _, words in marks if "Ombudsman" in words]


def test_a_message_without_a_quote_has_nothing_folded(client, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    client.force_login(alice)
    assert "quoted-message" not in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_risk_the_model_alone_read_says_so_and_a_rule_risk_does_not(client, alice, customer):
    note = (
        "Customer rang about a washing machine that did not arrive today. He was shouting from "
        "the start and called me a useless idiot. I gave one warning that I would end the call "
        "if the swearing continued; it continued and I ended the call politely."
    )
    model_only = open_case(
        alice, alice.organisation, customer=customer, channel="telephone", text=note
    )
    by_rule = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    client.force_login(alice)
    caveat = "the model's reading, in no words a rule knows"
    risks = section(client.get(f"/cases/{model_only.pk}/").content.decode(), "situation-heading")
    assert caveat in risks
    assert caveat not in client.get(f"/cases/{by_rule.pk}/").content.decode()
