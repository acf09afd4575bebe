from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from calmdesk.core.channels import Channel
from calmdesk.core.csv_rows import Direction, parse_csv
from calmdesk.core.intake import IntakeError, decode_text_file

HEADER = "customer_name,channel,text"


def test_minimal_rows_need_only_name_channel_and_text():
    rows = parse_csv(f"{HEADER}\nAnn Lee,sms,Where is my order?\nTom Reid,telephone,Rang twice\n")
    assert [(r.row_number, r.customer_name, r.channel) for r in rows] == [
        (2, "Ann Lee", Channel.SMS),
        (3, "Tom Reid", Channel.TELEPHONE),
    ]
    assert rows[0].direction is Direction.INBOUND
    assert rows[0].received_at is None


def test_every_optional_column_is_read():
    text = (
        "external_id,customer_name,customer_email,customer_phone,customer_handle,channel,"
        "direction,received_at,subject,case_reference,text\n"
        "T-1,Ann Lee,ann@example.com,07700 900123,@annlee,social_media,outbound,"
        "2024-03-04T09:30:00+00:00,  Late   order ,cd-000012,We are sorry.\n"
    )
    (row,) = parse_csv(text)
    assert row.external_id == "T-1"
    assert (row.customer_email, row.customer_phone, row.customer_handle) == (
        "ann@example.com",
        "07700 900123",
        "@annlee",
    )
    assert row.direction is Direction.OUTBOUND
    assert row.received_at == datetime(2024, 3, 4, 9, 30, tzinfo=UTC)
    assert row.subject == "Late order"
    assert row.case_reference == "CD-000012"


def test_naive_received_at_is_in_the_given_time_zone():
    (row,) = parse_csv(
        f"{HEADER},received_at\nAnn,sms,Hello,2024-07-01T09:00:00\n", time_zone="Europe/London"
    )
    assert row.received_at == datetime(2024, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert row.received_at.utcoffset().total_seconds() == 3600


def test_channel_may_be_written_as_its_label():
    (row,) = parse_csv(f"{HEADER}\nAnn,Face to face,Came to the counter\n")
    assert row.channel is Channel.FACE_TO_FACE


def test_header_names_ignore_case_and_spaces():
    (row,) = parse_csv(" Customer_Name , CHANNEL ,text\nAnn,sms,Hi\n")
    assert row.customer_name == "Ann"


def test_quoted_text_may_span_lines_and_row_numbers_follow_records():
    rows = parse_csv(f'{HEADER}\nAnn,letter,"Dear team,\nIt broke."\n\nTom,sms,Hi\n')
    assert rows[0].text == "Dear team,\nIt broke."
    assert [r.row_number for r in rows] == [2, 4]


def test_key_is_the_external_id_when_given():
    (row,) = parse_csv(f"{HEADER},external_id\nAnn,sms,Hi,T-77\n")
    assert row.key == "T-77"


def test_key_without_an_id_follows_the_content():
    """The same row gives the same key again; a row with other words gets another."""
    (first,) = parse_csv(f"{HEADER}\nAnn,sms,Hi\n")
    (again,) = parse_csv(f"{HEADER}\nAnn,sms,Hi\n")
    (other,) = parse_csv(f"{HEADER}\nAnn,sms,Hello\n")
    assert first.key == again.key
    assert first.key != other.key
    assert first.key.startswith("sha256:")


def test_missing_required_columns_are_named():
    with pytest.raises(IntakeError, match="no channel, text column"):
        parse_csv("customer_name\nAnn\n")


def test_unknown_columns_are_refused_by_name():
    with pytest.raises(IntakeError, match="'customer_emial'"):
        parse_csv(f"{HEADER},customer_emial\nAnn,sms,Hi,ann@example.com\n")


def test_repeated_column_is_refused():
    with pytest.raises(IntakeError, match="text more than once"):
        parse_csv(f"{HEADER},text\nAnn,sms,Hi,Hi\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "The CSV is empty"), (f"{HEADER}\n", "no rows to import")],
    ids=["empty", "header only"],
)
def test_a_csv_without_rows_is_refused(text, message):
    with pytest.raises(IntakeError, match=message):
        parse_csv(text)


def test_bad_rows_are_listed_with_their_numbers_and_reasons():
    text = (
        f"{HEADER},received_at,customer_email,direction\n"
        "Ann,sms,Fine,,,\n"
        "Tom,fax,Hello,,,\n"
        ",sms,   ,03/04/2024,not-an-address,sideways\n"
    )
    with pytest.raises(IntakeError) as caught:
        parse_csv(text)
    message = str(caught.value)
    assert message.startswith("2 rows cannot be imported, so nothing was:")
    assert "Row 3: channel 'fax' is not one of" in message
    assert "Row 4: customer_name is empty; text is empty;" in message
    assert "received_at '03/04/2024' is not an ISO 8601" in message
    assert "customer_email 'not-an-address' is not an email address" in message
    assert "direction 'sideways' is not inbound or outbound" in message
    assert "Row 2" not in message


def test_at_most_ten_bad_rows_are_listed():
    text = HEADER + "\n" + "".join(f"Ann,fax,Hi {n}\n" for n in range(14))
    with pytest.raises(IntakeError) as caught:
        parse_csv(text)
    message = str(caught.value)
    assert "Row 11:" in message
    assert "Row 12:" not in message
    assert message.endswith("…and 4 more.")


def test_row_with_more_values_than_columns_is_refused():
    with pytest.raises(IntakeError, match="Row 2: it has 4 values but the header names 3"):
        parse_csv(f"{HEADER}\nAnn,sms,Hi,extra\n")


def test_unknown_time_zone_is_refused():
    with pytest.raises(IntakeError, match="'Mars/Olympus'"):
        parse_csv(f"{HEADER}\nAnn,sms,Hi\n", time_zone="Mars/Olympus")


def test_csv_that_is_not_utf8_is_refused_with_the_byte():
    data = f"{HEADER}\nZoë,sms,Hi\n".encode("latin-1")
    with pytest.raises(IntakeError, match=r"contacts\.csv is not valid UTF-8 \(byte 29 "):
        decode_text_file(data, name="contacts.csv")
