from django.apps import AppConfig


class RepliesConfig(AppConfig):
    """Gathering and drafting (issue 5): the "Reply help" panel and editable templates."""

    name = "calmdesk.replies"
    label = "replies"
    verbose_name = "Reply help"

    def ready(self) -> None:
        from calmdesk.cases.panels import CasePanel, register_panel
        from calmdesk.replies import views

        # Main column, after the ways forward (resolution, order 10) and before follow-up (30).
        register_panel(
            CasePanel("reply_help", "replies/panel.html", views.panel_context, "main", 15)
        )
