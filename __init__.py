"""Escalation Desk: customer escalations as Markdown tracking documents in git.

The repository root is this package (``pyproject.toml`` maps it), so the design card's
folders — ``connectors/``, ``sync/``, ``tracking/``, … — are where a newcomer looks, and
installed they are ``escalation_desk.connectors``, ``escalation_desk.sync``, …: nothing of
ours takes a generic top-level name in site-packages.
"""

__version__ = "0.2.0"
