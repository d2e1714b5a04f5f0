"""Severity levels and the statuses that count as open: plain tuples, no imports, so the
command line can offer them as choices without loading the playbook's models."""

SEVERITIES = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")
OPEN_STATUSES = ("Open", "In Progress")
STATUSES = ("Open", "In Progress", "Resolved", "Closed")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
