from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "calmdesk.followup"
    label = "followup"
    verbose_name = "Follow-up"

    def ready(self) -> None:
        from calmdesk.followup import signals

        signals.connect()
