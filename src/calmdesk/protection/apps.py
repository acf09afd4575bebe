from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    """Tolerance and safety (issue 4; C4 1.6, 2.10, 3.8, 3.10)."""

    name = "calmdesk.protection"
    label = "protection"
    verbose_name = "Tolerance and safety"

    def ready(self) -> None:
        from calmdesk.cases.hooks import on_inbound
        from calmdesk.cases.panels import CasePanel, register_panel
        from calmdesk.protection import panels, services

        # Safety first: an incident is raised before the contact is routed.
        on_inbound(services.protect_inbound)
        register_panel(
            CasePanel(
                "protection_restriction",
                "protection/restriction_panel.html",
                panels.restriction_panel,
                "side",
                0,
            )
        )
        register_panel(
            CasePanel(
                "protection_safety", "protection/safety_panel.html", panels.safety_panel, "main", 1
            )
        )
        register_panel(
            CasePanel(
                "protection_tolerance",
                "protection/tolerance_panel.html",
                panels.tolerance_panel,
                "main",
                2,
            )
        )
