from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "calmdesk.policy"
    label = "policy"
    verbose_name = "Policy"
