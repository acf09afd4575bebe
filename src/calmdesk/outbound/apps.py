from django.apps import AppConfig


class OutboundConfig(AppConfig):
    """Replies to the customer: the reply box with live checking, and sending (issue 5)."""

    name = "calmdesk.outbound"
    label = "outbound"
    verbose_name = "Sending replies"

    def ready(self) -> None:
        from calmdesk.cases.panels import register_panel
        from calmdesk.outbound.panels import REPLY_PANEL

        register_panel(REPLY_PANEL)
