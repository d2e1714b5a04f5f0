"""Which Salesforce object and fields hold the account facts (``[salesforce]``)."""

from __future__ import annotations

from typing import Literal

from escalation_desk.playbook.config import StrictModel

class SalesforceSettings(StrictModel):
    object: str = "Account"
    arr_field: str = "ARR__c"
    renewal_field: str = "Renewal_Date__c"
    health_field: str = "Health_Score__c"
    # Optional: a field holding last week's score, if your org keeps one. Without it the weekly
    # drop comes from Salesforce field history (when tracked) and the sync's own record.
    health_prior_field: str | None = None
    owner_field: str = "Owner.Name"
    batch_size: int = 200
    on_failure: Literal["fail", "keep_stale"] = "fail"
