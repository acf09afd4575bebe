"""A few Welsh reply templates for the demo organisation, to show the preferred-language rule
(issue 5; C1 3.3): a customer who prefers Welsh gets these parts in Welsh, and the draft
names the parts still in English. A Welsh speaker should review them before real use."""

from __future__ import annotations

from calmdesk.people.models import Organisation
from calmdesk.replies.models import ReplyTemplate

# (channel, part) -> text
WELSH_TEMPLATES: dict[tuple[str, str], str] = {
    ("any", "greeting"): "Annwyl {customer_name},",
    ("any", "acknowledgement"): "Diolch am gysylltu â ni.",
    ("any", "empathy"): "Mae'n ddrwg gen i eich bod wedi cael y drafferth hon.",
    ("any", "check"): "Ydy hynny'n glir? Rhowch wybod i mi os oes unrhyw beth ar goll.",
    ("any", "sign_off"): "Cofion gorau,\n{agent_name}\n{organisation}",
    ("letter", "sign_off"): "Yn gywir,\n\n{agent_name}\n{organisation}",
}


def install_demo_templates(organisation: Organisation) -> int:
    """Add the Welsh templates the organisation does not have yet; returns how many."""
    created = 0
    for (channel, part), text in WELSH_TEMPLATES.items():
        _, made = ReplyTemplate.objects.get_or_create(
            organisation=organisation,
            language="cy",
            channel=channel,
            part=part,
            defaults={"text": text},
        )
        created += made
    return created
