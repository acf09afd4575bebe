from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "calmdesk.people"
    label = "people"
    verbose_name = "People and organisations"
