"""What the Zendesk connector and the detection of escalations can be told (``[zendesk]``)."""

from __future__ import annotations

from typing import Literal

from escalation_desk.playbook.config import StrictModel

class ZendeskSettings(StrictModel):
    escalation_tag: str = "escalation"
    view_id: int | None = None
    search: str | None = None
    auto_triggers: bool = True
    first_sync_days: int = 30
    organization_account_field: str = "salesforce_account_id"
    severity_tag_prefix: str = "esc_"
    write_back: bool = True
    # How an organization finds its Salesforce Account, in order: its external_id, the
    # organization field above, then an Account with exactly the organization's name.
    account_link: tuple[Literal["external_id", "field", "name"], ...] = ("external_id", "field", "name")
    # Tickets on "the same issue": the value of this ticket field (by title); none: never related.
    issue_field: str | None = "Category"
    user_title_field: str = "title"    # the user field holding a contact's job title (CFO, …)
