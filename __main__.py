"""``python -m escalation_desk`` is ``esc``."""

from escalation_desk.cli import main

main()
