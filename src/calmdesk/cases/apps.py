from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "calmdesk.cases"
    label = "cases"
    verbose_name = "Cases"
