import pytest

from calmdesk.demo.seed import DemoDataError, seed_demo
from calmdesk.people.models import Organisation, User


def test_seed_refuses_a_demo_username_taken_elsewhere_and_changes_nothing(eve):
    User.objects.filter(pk=eve.pk).update(username="amira")
    users_before = User.objects.count()
    with pytest.raises(DemoDataError, match="'amira' is already taken"):
        seed_demo()
    assert User.objects.count() == users_before
    assert not Organisation.objects.filter(name="Brightside Home Electricals").exists()
