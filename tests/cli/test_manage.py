def test_manage_passes_arguments_through_to_django(calmdesk):
    result = calmdesk("manage", "check", "--fail-level", "ERROR")
    assert result.exit_code == 0, result.output
    assert "System check identified no issues" in result.output


def test_manage_hands_help_to_the_django_command(calmdesk):
    result = calmdesk("manage", "check", "--help")
    assert result.exit_code == 0
    assert "--deploy" in result.output
