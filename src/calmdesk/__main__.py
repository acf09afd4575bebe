"""`python -m calmdesk` runs the same command as `calmdesk`."""

from calmdesk.cli import main

main()
