"""The case page /cases/<id>/ and the files it shows, for every role."""

from __future__ import annotations

import struct
import zlib

import pytest

from calmdesk.cases.services import (
    add_attachment,
    add_note,
    open_case,
    record_message,
    update_customer_needs,
)


def png_bytes() -> bytes:
    """The smallest real PNG: one white pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def page(case) -> str:
    return f"/cases/{case.pk}/"


@pytest.mark.parametrize(
    ("who", "care", "returns"),
    [
        ("alice", 200, 404),
        ("bob", 200, 404),
        ("frank", 404, 200),
        ("carol", 200, 200),
        ("dan", 200, 200),
        ("eve", 404, 404),
    ],
)
def test_case_page_opens_only_for_those_who_may_see_the_case(
    request, client, case, returns_case, who, care, returns
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page(case)).status_code == care
    assert client.get(page(returns_case)).status_code == returns


def test_unknown_case_id_is_not_found(client, alice, case):
    client.force_login(alice)
    assert client.get("/cases/999999/").status_code == 404


def test_case_page_shows_header_timeline_notes_history_and_customer(client, alice, case):
    record_message(
        alice, case, channel="email", text="We will send a new one.", direction="outbound"
    )
    add_note(alice, case, "She was calm once she heard about the replacement.")
    update_customer_needs(alice, case.customer, needs_large_print=True, preferred_language="Welsh")
    client.force_login(alice)
    html = client.get(page(case)).content.decode()
    for expected in [
        "CD-000001",
        "Telephone",
        "Care",
        "Alice Archer",
        "From the customer",
        "To the customer",
        "switches itself off",
        "She was calm",
        "Opened CD-000001 from telephone",
        "priya@example.com",
        "Large print",
        "Prefers Welsh",
    ]:
        assert expected in html, expected
    assert '<th scope="col">When</th>' in html


def test_writer_sees_every_form_and_only_the_allowed_status_moves(client, alice, case):
    client.force_login(alice)
    response = client.get(page(case))
    html = response.content.decode()
    for action in ["messages", "notes", "attachments", "assign", "status", "customer-needs"]:
        assert f'action="/cases/{case.pk}/{action}/"' in html
    offered = [value for value, _ in response.context["status_form"].fields["status"].choices]
    assert offered == ["in_progress", "waiting_customer", "waiting_department", "resolved"]


def test_agent_is_offered_only_herself_to_assign(client, alice, bob, case):
    client.force_login(alice)
    people = response_people(client.get(page(case)))
    assert people == [alice]


def test_team_leader_is_offered_his_team_to_assign(client, alice, bob, frank, case):
    client.force_login(bob)
    assert set(response_people(client.get(page(case)))) == {alice, bob}


def response_people(response) -> list:
    return list(response.context["assign_form"].fields["assignee"].queryset)


def test_trainer_reads_the_case_but_sees_no_write_forms(client, dan, case):
    client.force_login(dan)
    html = client.get(page(case)).content.decode()
    assert "switches itself off" in html
    assert '<form method="post" action="/cases/' not in html
    assert "Record a contact" not in html


def test_image_is_streamed_inline_to_someone_who_may_see_the_case(client, alice, dan, case):
    kept = add_attachment(alice, case, "kettle.png", png_bytes())
    url = f"/cases/{case.pk}/attachments/{kept.pk}/"
    client.force_login(alice)
    assert f'<img src="{url}"' in client.get(page(case)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()
    client.force_login(dan)
    assert client.get(url).status_code == 200


def test_other_files_are_downloaded_not_shown(client, alice, case):
    kept = add_attachment(alice, case, "notes.txt", b"Serial number 1234")
    client.force_login(alice)
    response = client.get(f"/cases/{case.pk}/attachments/{kept.pk}/")
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("who", ["frank", "eve"])
def test_file_of_a_case_out_of_sight_is_not_found(request, client, alice, case, who):
    kept = add_attachment(alice, case, "kettle.png", png_bytes())
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/cases/{case.pk}/attachments/{kept.pk}/").status_code == 404


def test_file_is_not_found_through_another_case(client, alice, case, customer):
    other = open_case(alice, alice.organisation, customer=customer, channel="sms", text="Hi")
    kept = add_attachment(alice, case, "kettle.png", png_bytes())
    client.force_login(alice)
    assert client.get(f"/cases/{other.pk}/attachments/{kept.pk}/").status_code == 404


def test_files_are_never_served_from_a_public_media_url(client, alice, case):
    kept = add_attachment(alice, case, "kettle.png", png_bytes())
    client.force_login(alice)
    assert client.get(f"/media/{kept.file.name}").status_code == 404
    client.logout()
    assert client.get(f"/cases/{case.pk}/attachments/{kept.pk}/").status_code == 302
