"""Which configured Account fields the org really has (from one describe call per run).

Salesforce refuses a whole SOQL query when one field in it does not exist
(``INVALID_FIELD``), so the product asks first and queries only what is there:

- ARR is required: without it the tier rules cannot work, so a missing ARR field is one
  error naming it and the org's likely candidates (currency fields whose label mentions
  ARR, revenue or contract value);
- renewal date, health score and owner are optional: a missing one turns its feature off
  with one warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from escalation_desk.connectors.salesforce_settings import SalesforceSettings

from .errors import SourceError

SERVICE = "Salesforce"
_CANDIDATE_LABEL = re.compile(r"\bARR\b|revenue|contract\s+value|recurring", re.I)

OPTIONAL = (
    ("renewal_field", "renewal dates (and the renewal-within-90-days sponsor rule) are off"),
    ("health_field", "health scores (and the weekly health-drop trigger) are off"),
    ("owner_field", "account owners are unknown (owners come from the ticket assignee)"),
    ("health_prior_field", "the prior-week health field is ignored (the drop comes from history)"),
)


@dataclass(frozen=True)
class DescribedField:
    name: str
    label: str
    type: str
    relationship: str | None = None
    reference_to: str | None = None        # the object a reference field points at (its first)


@dataclass
class FieldPlan:
    """The fields to query (configured names that exist), and a warning per missing one."""

    object: str
    present: dict[str, str] = field(default_factory=dict)     # setting name → field name
    warnings: list[str] = field(default_factory=list)

    def get(self, setting: str) -> str | None:
        return self.present.get(setting)

    @property
    def select(self) -> list[str]:
        names = ["Id", "Name"] + [self.present[s] for s in ("arr_field", "renewal_field", "health_field",
                                                            "owner_field", "health_prior_field") if s in self.present]
        return list(dict.fromkeys(names))


def parse_describe(body: dict) -> dict[str, DescribedField]:
    """Field name (lower case) → what describe says about it."""
    found = {}
    for item in body.get("fields") or []:
        name = str(item.get("name") or "")
        if name:
            targets = item.get("referenceTo") or []
            found[name.lower()] = DescribedField(name, str(item.get("label") or name), str(item.get("type") or ""),
                                                 item.get("relationshipName"), str(targets[0]) if targets else None)
    return found


def has_field(described: dict[str, DescribedField], dotted: str) -> bool:
    """``Name`` is a field; ``Owner.Name`` needs a reference field whose relationship is Owner."""
    if "." not in dotted:
        return dotted.lower() in described
    relationship = dotted.split(".", 1)[0].lower()
    return any((f.relationship or "").lower() == relationship for f in described.values())


def arr_candidates(described: dict[str, DescribedField]) -> list[str]:
    return sorted(f"{f.name} ({f.label})" for f in described.values()
                  if f.type == "currency" and _CANDIDATE_LABEL.search(f.label + " " + f.name))


# What describe calls the field types that hold an amount (a formula field says its result's type).
NUMERIC_TYPES = frozenset({"currency", "double", "int", "long", "percent"})


def related_object(described: dict[str, DescribedField], dotted: str) -> str | None:
    """The object ``Parent.ARR__c`` reaches through its relationship (None for a plain name)."""
    if "." not in dotted:
        return None
    relationship = dotted.split(".", 1)[0].lower()
    return next((f.reference_to for f in described.values() if (f.relationship or "").lower() == relationship), None)


def _refuse_non_numeric_arr(settings: SalesforceSettings, described: dict[str, DescribedField],
                            related: dict[str, DescribedField] | None) -> None:
    """``arr_field = "Name"`` exists but holds text, ``"Owner.Name"`` likewise on the related
    object: say so, not the query's INVALID_FIELD (reviews F25, review3 M6)."""
    dotted = "." in settings.arr_field
    leaf = settings.arr_field.rsplit(".", 1)[-1]
    found = (related or {}).get(leaf.lower()) if dotted else described.get(leaf.lower())
    where = f"{settings.object}.{settings.arr_field}" if dotted else f"{settings.object}.{leaf}"
    if dotted and related is not None and found is None:
        raise SourceError(SERVICE, f"{where}: the related object has no field {leaf} (salesforce.arr_field, the "
                                   "account's ARR)", hint="set salesforce.arr_field to a currency field of the Account")
    if found is None or not found.type or found.type in NUMERIC_TYPES:
        return
    candidates = arr_candidates(described)
    hint = (f"set salesforce.arr_field in escalations.toml to one of: {', '.join(candidates)}" if candidates
            else "set salesforce.arr_field to a currency or number field of the Account object")
    raise SourceError(SERVICE, f"{where if dotted else settings.object + '.' + found.name} is a {found.type} field; "
                               "salesforce.arr_field (the account's ARR) needs a currency or number field", hint=hint)


def plan_fields(settings: SalesforceSettings, described: dict[str, DescribedField],
                related: dict[str, DescribedField] | None = None) -> FieldPlan:
    plan = FieldPlan(settings.object)
    if not has_field(described, settings.arr_field):
        candidates = arr_candidates(described)
        hint = (f"set salesforce.arr_field in escalations.toml to one of: {', '.join(candidates)}" if candidates
                else "add a currency field for ARR to the Account object, or set salesforce.arr_field")
        raise SourceError(SERVICE, f"{settings.object} has no field {settings.arr_field} (salesforce.arr_field, "
                                   "the account's ARR)", hint=hint)
    _refuse_non_numeric_arr(settings, described, related)
    plan.present["arr_field"] = settings.arr_field
    for setting, consequence in OPTIONAL:
        name = getattr(settings, setting)
        if not name:
            continue
        if has_field(described, name):
            plan.present[setting] = name
        else:
            plan.warnings.append(f"Salesforce: {settings.object} has no field {name} (salesforce.{setting}): "
                                 f"{consequence}; set salesforce.{setting} to the right field, or to \"\" to "
                                 "silence this")
    return plan
