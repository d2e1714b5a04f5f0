"""What the Zendesk connector and the detection of escalations can be told (``[zendesk]``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

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
    # The incremental export allows 10 requests a minute (30 with High Volume): the sync paces
    # itself to this, and reads at most export_requests_per_run pages (1,000 tickets each) per
    # run; a bigger first sync commits what it read with its cursor and the next run resumes.
    export_requests_per_minute: int = Field(default=10, ge=1, le=100)
    export_requests_per_run: int = Field(default=30, ge=1)

    @field_validator("escalation_tag", "severity_tag_prefix")
    @classmethod
    def _a_zendesk_tag(cls, value: str) -> str:
        """Zendesk splits tags at spaces: a tag with one inside would never be on any ticket,
        and the sync would silently watch nothing. (Case and surrounding blanks are the
        sync's to normalise, as Zendesk stores tags: lower case.)"""
        if any(c.isspace() for c in value.strip()):
            raise ValueError(f"{value!r} is not one Zendesk tag (Zendesk splits tags at spaces); "
                             f"write {'_'.join(value.lower().split())!r}")
        return value
