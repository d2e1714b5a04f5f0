"""What the GitHub side can be told (``[github]``)."""

from __future__ import annotations

from escalation_desk.playbook.config import StrictModel

class GitHubSettings(StrictModel):
    overdue_label: str = "overdue-update"
    documents_url: str | None = None
