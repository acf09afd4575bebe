from django.apps import AppConfig


class ResolutionConfig(AppConfig):
    """Options, decisions, escalations with handover and re-opening (issue 4)."""

    name = "calmdesk.resolution"
    label = "resolution"
    verbose_name = "Resolution"

    def ready(self) -> None:
        from calmdesk.cases import hooks
        from calmdesk.cases.panels import CasePanel, register_panel
        from calmdesk.resolution import reopening, views

        register_panel(
            CasePanel("resolution", "resolution/panel.html", views.panel_context, "main", 10)
        )
        register_panel(
            CasePanel("case_links", "resolution/links.html", views.links_context, "side", 5)
        )
        hooks.on_inbound(reopening.link_successors)
