"""``python -m escalation_desk`` is ``esc``."""

from escalation_desk.entry import main

main()
