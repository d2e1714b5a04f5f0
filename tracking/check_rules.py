"""The playbook's rules over documents → findings.

Three scopes:
- :func:`check_document`: one document on its own (fields, SLA breaches already in
  the record, owner level, the "what not to do" lints that need only this file);
- :func:`check_collection` / :func:`owner_overload` (in :mod:`tracking.collection`): across
  documents (duplicate IDs, systemic categories, a ticket in two escalations; one owner
  carrying too much, once per owner in the summary);
- :func:`check_change`: a document against its version at a base revision (owner
  changed mid-stream, target moved after it passed, severity lowered silently).

What is overdue *now* is not a finding: that is `esc overdue`'s job.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterable

from escalation_desk.playbook.levels import SEVERITIES
from escalation_desk.playbook.durations import format_duration
from escalation_desk.playbook.rules import owner_meets_level, tier_of_code

from .clocks import obligations, update_gaps

from .collection import Summary, check_collection, owner_overload  # noqa: F401 - the cross-document rules
from .findings import Finding
from .model import CommEntry, COMMS, TimelineEntry, POST_ACTIONS, RECOVERY, RESOLUTION, ROOT_CAUSE, Document
from .postactions import is_thank_line, thank_lines

if TYPE_CHECKING:
    from escalation_desk.playbook.config import Playbook


class _Report:
    def __init__(self, doc: Document, config: Playbook) -> None:
        self.doc = doc
        self.errors_for = config.error_lints()
        self.off = frozenset(config.lints.off)
        self.findings: list[Finding] = []

    def error(self, line: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.doc.path, line, "error", code, message))

    def lint(self, line: int, code: str, message: str) -> None:
        if code in self.off:
            return
        level = "error" if code in self.errors_for else "warning"
        self.findings.append(Finding(self.doc.path, line, level, code, message))


def check_document(doc: Document, config: Playbook, now: datetime) -> list[Finding]:
    report = _Report(doc, config)
    report.findings.extend(doc.problems)
    if doc.front is None:
        return report.findings
    _file_name(report, doc)
    _times_in_order(report, doc)
    _breaches_in_record(report, doc, config, now)
    _unconfirmed_severity(report, doc, config, now)
    _late_updates(report, doc, config, now)
    _owner_seniority(report, doc, config)
    _resolved_without_write_up(report, doc)
    _closed_with_open_recovery(report, doc)
    _team_not_thanked(report, doc)
    _credit_first(report, doc, config)
    _tier_below_triggers(report, doc, config)
    return report.findings


def _file_name(report: _Report, doc: Document) -> None:
    front, name = doc.front, os.path.basename(doc.path)
    if not name.startswith((f"{front.id}-", f"{front.id}.")):   # ESC-5 must not pass as ESC-50342-….md
        report.lint(doc.line_of("id"), "file-name", f"file name {name!r} should start with the ID {front.id!r}")


def _times_in_order(report: _Report, doc: Document) -> None:
    front, line = doc.front, doc.line_of
    for key, earlier_key in (("acknowledged", "opened"), ("resolved", "opened"), ("closed", "opened"),
                             ("closed", "resolved"), ("target_resolution", "opened")):
        later, earlier = getattr(front, key), getattr(front, earlier_key)
        if later is not None and earlier is not None and later < earlier:
            report.error(line(key), "time-order", f"{key} ({later.isoformat()}) is before {earlier_key} "
                                                  f"({earlier.isoformat()}); fix whichever is wrong")
    if front.status in ("Resolved", "Closed") and front.resolved is None:
        report.error(line("status"), "missing-resolved-time",
                     f"status is {front.status} but there is no 'resolved' time; add resolved: <ISO time>")
    if front.status == "Closed" and front.closed is None:
        report.error(line("status"), "missing-closed-time", "status is Closed but there is no 'closed' time; add closed: <ISO time>")
    if front.is_open and (front.resolved or front.closed):
        report.lint(line("status"), "status-times", f"status is {front.status} but a resolved/closed time is set; "
                                                   "reopened? remove the time or update the status")


def _breaches_in_record(report: _Report, doc: Document, config: Playbook, now: datetime) -> None:
    """SLA breaches already in the record (what is overdue *now* is `esc overdue`'s job)."""
    for item in obligations(doc, config, now):
        late = item.late_by(now) if item.met else None
        if late:
            where = (doc.line_of("acknowledged") if item.kind == "acknowledgement"
                     else item.line or _section_line(doc, item.kind))
            report.lint(where, late_code(item.kind),
                        f"{item.label} came {format_duration(late)} after its deadline ({item.advice})")


def late_code(kind: str) -> str:
    """The lint code of a deadline met late (SLA breach in the record): ``late-<kind>``."""
    return "late-recovery" if kind.startswith("recovery_") else "late-" + kind.replace("_", "-")


def _late_updates(report: _Report, doc: Document, config: Playbook, now: datetime) -> None:
    front = doc.front
    rule = config.severity(front.severity)
    for start, end, on_time in update_gaps(doc, config, now):
        if not on_time:
            entry = next((e for e in doc.comms if e.at == end), None)
            report.lint(entry.line if entry else doc.line_of("opened"), "late-customer-update",
                        f"customer went {format_duration(end - start)} without an update; {front.severity} "
                        f"promises updates {rule.update_cadence_text}")


def _owner_seniority(report: _Report, doc: Document, config: Playbook) -> None:
    front = doc.front
    person = config.person(front.owner)
    if person is not None:
        if owner_meets_level(config, person.role, front.severity) is False:
            report.lint(doc.line_of("owner"), "owner-level",
                        f"{front.severity} needs an owner who is at least "
                        f"{config.severity(front.severity).owner_at_least}; {person.name} is {person.role}")
    elif config.people:
        report.lint(doc.line_of("owner"), "owner-not-in-roster",
                    f"owner {front.owner!r} is not in the roster (people in escalations.toml); add them so "
                    "seniority and GitHub assignment work")


WRITE_UP_CODES = {ROOT_CAUSE: "resolved-without-root-cause", RESOLUTION: "resolved-without-resolution-summary",
                  POST_ACTIONS: "resolved-without-post-actions"}


def _written(doc: Document, name: str) -> bool:
    """The section says something; in Post-Escalation Actions, thanking the team is not a
    preventive measure (and the reminder `esc resolve` writes is not a person's words)."""
    section = doc.sections[name]
    if name != POST_ACTIONS:
        return section.has_content
    body = (line.strip() for line in doc.lines[section.body_start:section.body_end])
    return any(line and not line.startswith("<!--") and not is_thank_line(line) for line in body)


def _resolved_without_write_up(report: _Report, doc: Document) -> None:
    """The playbook's "what not to do": a technical fix without the write-up, or no recovery plan."""
    front = doc.front
    if front.status in ("Resolved", "Closed"):
        for section, code in WRITE_UP_CODES.items():
            if section in doc.sections and not _written(doc, section):
                empty = "is empty" if not doc.sections[section].has_content else \
                    "has no preventive measures, process changes or follow-up plan (thanking the team is not one)"
                report.lint(doc.sections[section].heading_line, code,
                            f"{front.status} but '## {section}' {empty}; the technical fix is only half of the "
                            "resolution — write it before closing the loop")
    if front.status == "Closed" and not doc.recovery:
        found = doc.sections.get(RECOVERY)
        report.lint(found.heading_line if found else doc.line_of("status"), "closed-without-recovery",
                    "Closed without a recovery plan; run `esc resolve` to write the dated milestones")


RESOLUTION_CODES = frozenset({*WRITE_UP_CODES.values(), "closed-without-recovery", "closed-with-open-recovery",
                              "team-not-thanked"})


def resolution_findings(doc: Document, config: Playbook, now: datetime) -> list[Finding]:
    """What `esc resolve` says as it writes: the write-up and recovery lints of the new status."""
    return [f for f in check_document(doc, config, now) if f.code in RESOLUTION_CODES]


def _closed_with_open_recovery(report: _Report, doc: Document) -> None:
    """Closing does not end the recovery: unticked milestones are named (and stay in `esc overdue`)."""
    if doc.front.status != "Closed":
        return
    open_items = [item for item in doc.recovery if not item.done]
    if open_items:
        names = "; ".join(f"{item.name} (due {item.due.isoformat()})" for item in open_items)
        report.lint(open_items[0].line, "closed-with-open-recovery",
                    f"Closed with {len(open_items)} recovery milestone(s) unticked: {names}; tick each one done "
                    "(`- [x]`) — until then they stay in `esc overdue`")


def _team_not_thanked(report: _Report, doc: Document) -> None:
    """The playbook: do not forget to thank the team after an escalation is resolved."""
    front = doc.front
    if front.status != "Closed" or POST_ACTIONS not in doc.sections:
        return
    lines = thank_lines(doc)
    if not any(done for _, done in lines):
        where = lines[0][0] if lines else doc.sections[POST_ACTIONS].heading_line
        report.lint(where, "team-not-thanked",
                    "Closed without thanking the team; recognise the people who dropped everything to fix it, "
                    "then tick `- [x] Thank the team` in Post-Escalation Actions")


def _credit_first(report: _Report, doc: Document, config: Playbook) -> None:
    comms = sorted(doc.comms, key=lambda e: e.at)
    if comms:
        first = comms[0]
        words = [w for w in config.lints.credit_words if re.search(rf"\b{re.escape(w)}", first.summary, re.I)]
        if words:
            report.lint(first.line, "credit-first-response",
                        f"the first response offers a {words[0]}; customers want the problem fixed, not a refund")


def _tier_below_triggers(report: _Report, doc: Document, config: Playbook) -> None:
    front = doc.front
    implied = 1
    listed: dict[str, int] = {}
    for code in front.triggers:      # one finding per distinct value: a list of 300,000 is one line, not 300,000
        listed[code] = listed.get(code, 0) + 1
    for code, count in listed.items():
        tier = tier_of_code(config, code)
        if tier is None:
            again = f" (listed {count} times)" if count > 1 else ""
            report.lint(doc.line_of("triggers"), "unknown-trigger",
                        f"trigger {code!r} is not one the playbook knows{again}")
        else:
            implied = max(implied, tier)
    if front.tier is not None and front.tier < implied:
        report.lint(doc.line_of("tier"), "tier-below-triggers",
                    f"tier {front.tier} is below tier {implied}, which the recorded triggers call for")


def _unconfirmed_severity(report: _Report, doc: Document, config: Playbook, now: datetime) -> None:
    """A machine's SEV-1/2 that no person confirmed by its acknowledgement deadline: every
    clock hangs on it, so someone must own the call (``esc confirm``)."""
    front = doc.front
    if doc.severity_state != "proposed" or front.severity not in ("SEV-1", "SEV-2") or not front.is_open:
        return
    ack = next((o for o in obligations(doc, config, now) if o.kind == "acknowledgement"), None)
    if ack is not None and now > ack.due:
        report.lint(doc.line_of("severity"), "severity-unconfirmed",
                    f"{front.severity} was proposed by the sync and nobody has confirmed it "
                    f"{format_duration(now - ack.due)} after its acknowledgement deadline; "
                    f"esc confirm {front.id} --by NAME (add --severity to change it)")


def _section_line(doc: Document, kind: str) -> int:
    section = {"action_plan": "Resolution Plan", "leaders_notified": "Internal Stakeholders Notified",
               "customer_update": COMMS}.get(kind)
    if section and section in doc.sections:
        return doc.sections[section].heading_line
    return doc.line_of("opened")


def heard_findings(doc: Document, entries: Iterable[CommEntry], config: Playbook) -> list[Finding]:
    """HEARD: the "never say" phrases and blame wording in what we wrote (these entries only)."""
    from escalation_desk.playbook.heard import wording_findings   # only new entries are read (start-up)

    report = _Report(doc, config)
    for entry in entries:
        for wording in wording_findings(entry.summary):
            report.lint(entry.line, wording.code, f"we wrote {wording.said} to the customer; instead, {wording.better}")
    return report.findings


def new_comms(doc: Document, base: Document | None) -> list[CommEntry]:
    """Communication Log entries that are not in `base` (by marker, or by text)."""
    if base is None:
        return list(doc.comms)
    markers = {e.marker for e in base.comms if e.marker}
    texts = {(e.at, e.summary) for e in base.comms}
    return [e for e in doc.comms if not (e.marker and e.marker in markers) and (e.at, e.summary) not in texts]


_HAND_OFF = re.compile(r"\bhand(?:ed)?[- ]?(?:off|over)\b|\bhandover\b|\btook over\b|\btakes over\b", re.I)


def is_hand_off(entry: TimelineEntry) -> bool:
    """A Timeline entry recording a hand-off ("Hand-off: Dana → Lee", "handed over to", "took over")."""
    return bool(_HAND_OFF.search(entry.text))


def check_change(doc: Document, base: Document, config: Playbook, now: datetime) -> list[Finding]:
    """Lints that need the document's previous version (from `--base`)."""
    if doc.front is None or base.front is None:
        return []
    report = _Report(doc, config)
    report.findings.extend(heard_findings(doc, new_comms(doc, base), config))
    new, old = doc.front, base.front
    added_timeline = [e for e in doc.timeline if e.text not in {b.text for b in base.timeline}]

    if new.owner.strip().lower() != old.owner.strip().lower() and not any(map(is_hand_off, added_timeline)):
        report.lint(doc.line_of("owner"), "owner-changed",
                    f"owner changed mid-stream ({old.owner} → {new.owner}) with no hand-off recorded; continuity "
                    "of ownership is critical — change it only if absolutely necessary, and record the hand-off in "
                    f"the Timeline: esc log {new.id} event \"Hand-off: {old.owner} → {new.owner} (why; customer told)\"")

    if old.target_resolution and new.target_resolution and new.target_resolution > old.target_resolution \
            and old.target_resolution <= now:
        told = [e for e in doc.comms if old.target_resolution - timedelta(hours=24) <= e.at <= old.target_resolution]
        if not told:
            report.lint(doc.line_of("target_resolution"), "target-moved-after-passed",
                        f"target resolution moved after it passed ({old.target_resolution:%Y-%m-%d %H:%M} UTC) with no "
                        "customer update before it; tell the customer before a deadline slips")

    if SEVERITIES.index(new.severity) > SEVERITIES.index(old.severity):
        noted = any(re.search(r"sev|severity", e.text, re.I) for e in added_timeline)
        if not noted:
            report.lint(doc.line_of("severity"), "severity-lowered-without-note",
                        f"severity lowered {old.severity} → {new.severity} without a Timeline entry saying why")
    return report.findings
