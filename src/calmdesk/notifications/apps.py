from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "calmdesk.notifications"
    label = "notifications"
    verbose_name = "Notifications"
