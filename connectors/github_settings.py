"""What the GitHub side can be told (``[github]``)."""

from __future__ import annotations

import os
from typing import Mapping

from escalation_desk.playbook.config import StrictModel


class GitHubSettings(StrictModel):
    overdue_label: str = "overdue-update"
    documents_url: str | None = None

    def document_url(self, path: str, branch: str | None, environ: Mapping[str, str] | None = None) -> str:
        """Where a person opens the document: the configured base, else the GitHub Actions
        repository, else the path in the repository."""
        env = os.environ if environ is None else environ
        if self.documents_url:
            return self.documents_url.rstrip("/") + "/" + path
        server, repository = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
        if server and repository:
            return f"{server.rstrip('/')}/{repository}/blob/{branch or 'main'}/{path}"
        return path
