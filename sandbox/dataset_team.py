"""What the sandbox company's people did about the escalations during the week: the demo's history.

The plain dataset (:mod:`sandbox.dataset_scenarios`) is a week in which nobody acts: every
clock runs out. ``build_dataset(team=True)`` (what ``esc demo`` uses) adds this layer: the
agents' public replies and their ``#esc …`` internal notes (README, *Recording from Zendesk*:
leaders notified, plan steps, sponsor, target, cadence), customers' answers, and tickets the
agents solved — all as ordinary Zendesk comments and status changes, at times before the
demo's first sync. What the people do after that sync, in Zendesk and in git, is
:mod:`sandbox.dataset_morning`. No other test's scenario changes: without ``team=True`` the
dataset is byte for byte what it was.

Times are given as the wall clock of the default now reads them (``clock(-1, "07:40")`` =
2026-11-25 07:40 UTC, day 0 being the 26th); what is kept is the offset before ``now``, so any
``now`` gives the same week. The team is good but not perfect: some acknowledgements are
late, one customer-update cadence slipped, one plan step and one target were missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from escalation_desk.sandbox.dataset_scenarios import Msg, ScenarioTicket

__all__ = ["FIRST_SYNC_AGO", "HISTORY", "Act", "History", "clock", "dated", "moment", "with_team"]

FIRST_SYNC_AGO = 2.0
"""The demo's first sync runs this many hours before now; the history below is all older."""


def clock(day: int, hhmm: str) -> float:
    """Hours before now of `hhmm` on `day` (0 = the default now's day, 12:00 UTC)."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return -day * 24 + 12 - hours - minutes / 60


def dated(body: str, now: datetime) -> str:
    """`body` with each ``{+N}`` / ``{-N}`` written as the date N days from now's day (ISO, or
    ``{-N:%y%m%d}`` in that format),
    so plan steps' Due dates and targets move with ``now`` like every other time here."""
    return _DAY.sub(lambda m: (now.date() + timedelta(days=int(m[1]))).strftime(m[2] or "%Y-%m-%d"), body)


_DAY = re.compile(r"\{([+-]\d+)(?::(%[^}]+))?\}")      # {+1}, {-190:%y%m%d}


def moment(now: datetime, ago: float) -> datetime:
    """The time `ago` hours before `now`, to the minute."""
    return now - timedelta(minutes=round(ago * 60))


@dataclass(frozen=True)
class Act:
    """One comment: ``who`` is a staff key or "requester"; ``ago`` hours before now."""

    ago: float
    who: str
    body: str
    public: bool = True


@dataclass(frozen=True)
class History:
    acts: tuple[Act, ...]
    status: str | None = None           # the ticket's status now, when the team changed it
    solved_ago: float | None = None      # when an agent solved it
    assignee: str | None = None


def reply(day: int, hhmm: str, who: str, body: str) -> Act:
    return Act(clock(day, hhmm), who, body)


def note(day: int, hhmm: str, who: str, command: str) -> Act:
    """An internal note carrying a desk command (``#esc notified …``)."""
    return Act(clock(day, hhmm), who, "#esc " + command, public=False)


def customer(day: int, hhmm: str, body: str) -> Act:
    return Act(clock(day, hhmm), "requester", body)


HISTORY: dict[str, History] = {
    # Meridian: three export timeouts in a week (SEV-3, Tier 2). Daily updates kept until
    # yesterday morning; the third ticket
    # (yesterday afternoon) went unanswered and today's update is late: overdue in the demo.
    "three_related_1": History((
        note(-6, "11:00", "marcus", "notified Aiko Tanaka, CS Manager"),
        note(-6, "11:05", "marcus", "notified Ben Okafor, Engineering Manager"),
        note(-6, "12:30", "marcus", "sponsor Rachel Kim"),
        reply(-6, "14:00", "marcus", "Hi Sam, Rachel Kim, our VP of Customer Success, is the executive sponsor "
                                     "for this issue and will follow it with us until the export is fixed."),
        note(-6, "16:00", "marcus", "step Find why the scheduled export times out — Owner: Lee Park — Due: {-3}"),
        reply(-5, "09:00", "marcus", "Hi Sam, the file was delivered by hand again this morning. Engineering has "
                                     "reproduced the timeout on a copy of your data."),
        reply(-4, "09:10", "marcus", "Hi Sam, the timeout comes from a slow query added with last week's index "
                                     "change. A fix is in review; the manual delivery continues meanwhile."),
        reply(-3, "09:05", "marcus", "Hi Sam, the fix passed review and goes out with Wednesday's release."),
        reply(-2, "09:00", "marcus", "Hi Sam, the query fix is in staging and the export finishes in four minutes "
                                     "there. Manual delivery continues until it is live."),
    )),
    "three_related_2": History((
        reply(-1, "08:00", "marcus", "Hi Lena, the file was delivered by hand again this morning; the fix is "
                                     "scheduled with this week's release."),
    )),
    # Lakeshore: "we will cancel" (SEV-2, Tier 2). On track; a promise for this morning is due soon.
    "keyword_cancel": History((
        note(-1, "07:40", "sofia", "notified Priya Raman, CS Director"),
        note(-1, "07:45", "sofia", "notified Ben Okafor, Engineering Manager"),
        note(-1, "07:50", "sofia", "notified Aiko Tanaka, CS Manager"),
        note(-1, "07:55", "sofia", "sponsor Rachel Kim"),
        reply(-1, "09:45", "sofia", "Hi Marco, Rachel Kim, our VP of Customer Success, is sponsoring this fix "
                                    "personally, and engineering has made it their first priority."),
        note(-1, "09:00", "sofia", "step Ship the balance widget fix — Owner: Lee Park — Due: {+1}"),
        note(-1, "09:30", "sofia", "target {+1} 17:00"),
        note(-1, "09:35", "sofia", "cadence daily (Marco asked for one written update a day)"),
        reply(-1, "15:00", "sofia", "Hi Marco, engineering found the cause: the widget's balance call times out "
                                    "behind the new firewall rule. The fix is being tested now."),
        reply(-1, "20:30", "sofia", "Hi Marco, the widget fix passed testing this afternoon and goes live in the "
                                    "morning. I will update you tomorrow morning, once it is live."),
    )),
    # Tidewater: wrong tax, "our legal team" (SEV-3, Tier 4). The daily update is due soon.
    "keyword_legal": History((
        note(-2, "10:20", "aiko", "notified Morgan Hale, CEO"),
        note(-2, "10:25", "aiko", "notified Grace Liu, CTO"),
        note(-2, "11:00", "aiko", "sponsor Rachel Kim"),
        reply(-2, "12:00", "aiko", "Dear Oscar, Rachel Kim, our VP of Customer Success, asked me to confirm in "
                                   "writing that we are checking every invoice line against your contract."),
        note(-2, "14:10", "marcus", "notified Aiko Tanaka, CS Manager"),
        note(-2, "16:00", "marcus", "step Correct the tax rate and reissue the three invoices — Owner: Marcus Obi "
                                    "— Due: {+1}"),
        reply(-1, "15:00", "marcus", "Hi Oscar, our billing team confirmed the reduced rate in your contract. The "
                                     "three corrected invoices are being prepared, with a written explanation."),
    )),
    # Vertex: latency "in breach of our SLA" (SEV-3, Tier 2): fixed, confirmed, solved.
    "keyword_breach_sla": History((
        note(-3, "15:00", "dana", "notified Aiko Tanaka, CS Manager"),
        note(-3, "15:05", "dana", "notified Ben Okafor, Engineering Manager"),
        note(-3, "15:10", "dana", "sponsor Ivan Petrov"),
        reply(-3, "15:30", "dana", "Hi Priti, thank you for the measurements. Our platform team, with Ivan Petrov, "
                                   "our VP Engineering, as sponsor, is tracing the latency now."),
        note(-3, "18:00", "dana", "step Move Vertex's workspace to a quieter database cluster — Owner: Lee Park "
                                  "— Due: {-2}"),
        customer(-2, "15:00", "Confirmed: median latency has been around 300 ms since this morning. Thank you."),
        reply(-2, "16:00", "dana", "Thank you, Priti. We will keep watching your latency for the next week and "
                                   "share the root-cause report on Friday."),
    ), status="solved", solved_ago=clock(-2, "16:30")),
    # Bluebird: a public tweet (SEV-2, Tier 4), handled overnight.
    "social_named_account": History((
        note(0, "04:20", "marcus", "notified Morgan Hale, CEO"),
        note(0, "04:25", "marcus", "notified Grace Liu, CTO"),
        note(0, "04:40", "marcus", "sponsor Rachel Kim"),
        note(0, "05:00", "marcus", "notified Priya Raman, CS Director"),
        note(0, "05:05", "marcus", "notified Ben Okafor, Engineering Manager"),
        note(0, "06:30", "marcus", "step Restore the shipment tracking dashboard — Owner: Lee Park — Due: {+0}"),
        reply(0, "07:30", "marcus", "Hi Kai, the tracking dashboard is back for most drivers. Rachel Kim, our VP of "
                                    "Customer Success, is following this personally; we will confirm once every "
                                    "depot reports green."),
    )),
    # Silverline: the CFO wrote to the CEO (SEV-2, Tier 4). A 10:00 call was promised: due soon.
    "exec_to_ceo": History((
        note(-1, "12:05", "morgan", "notified Priya Raman, CS Director"),
        note(-1, "12:06", "morgan", "sponsor Morgan Hale"),
        note(-1, "12:10", "priya", "notified Morgan Hale, CEO"),
        note(-1, "12:12", "priya", "notified Grace Liu, CTO"),
        note(-1, "12:15", "priya", "notified Ben Okafor, Engineering Manager"),
        note(-1, "13:30", "priya", "step Refund the duplicate November charges — Owner: Priya Raman — Due: {+1}"),
        note(-1, "13:35", "priya", "step Correct the usage reports and send them again — Owner: Lee Park — Due: {+4}"),
        reply(-1, "15:30", "priya", "Dear Helen, on behalf of Morgan Hale and myself: the duplicate November "
                                    "charges are confirmed and the refund is approved. The usage reports are being "
                                    "corrected."),
        reply(-1, "21:30", "priya", "Dear Helen, the refund was issued this afternoon. We will go through the "
                                    "corrected usage reports on our call."),
    )),
    # Acme: the sync (SEV-2, Tier 4, the top account). Well run, but the reconciliation step
    # and the target resolution both passed yesterday: overdue in the demo.
    "escalated_sync": History((
        note(-6, "14:20", "dana", "notified Morgan Hale, CEO"),
        note(-6, "14:22", "dana", "notified Grace Liu, CTO"),
        note(-6, "14:30", "dana", "sponsor Rachel Kim"),
        reply(-6, "16:30", "dana", "Hi Jordan, Rachel Kim, our VP of Customer Success, is your executive sponsor "
                                   "for this issue; she and I will keep you updated every four hours."),
        note(-6, "14:45", "dana", "notified Priya Raman, CS Director"),
        note(-6, "14:50", "dana", "notified Ben Okafor, Engineering Manager"),
        note(-6, "16:00", "dana", "step Renew the expired OAuth token and restart the sync worker — Owner: Lee Park "
                                  "— Due: {-5}"),
        reply(-3, "15:00", "dana", "Hi Jordan, the reconciliation of the missing opportunity updates is running; "
                                   "about half of them are back in Salesforce."),
        reply(-3, "19:30", "dana", "Hi Jordan, two thirds of the missing updates are restored. The rest need a "
                                   "second pass, which runs tonight."),
        reply(-2, "15:00", "dana", "Hi Jordan, the second pass found 410 updates it cannot match automatically; "
                                   "Lee is going through them by hand."),
        reply(-2, "19:45", "dana", "Hi Jordan, 260 of the 410 are matched. The last ones need your admin's "
                                   "confirmation of the owner mapping; I sent the list by email."),
        reply(-1, "15:10", "dana", "Hi Jordan, thank you for the owner mapping. The last updates are being "
                                   "applied and checked now."),
        reply(-1, "20:15", "dana", "Hi Jordan, all but 35 updates are applied. I will send you the final "
                                   "reconciliation report when the last ones are in."),
    )),
    "acme_followup": History((
        note(-4, "20:30", "dana", "step Reconcile the missing opportunity updates from 20 November — Owner: Lee "
                                  "Park — Due: {-1}"),
        note(-4, "20:35", "dana", "target {-1} 17:00"),
    )),
    # Zephyr: the production outage (SEV-1, Tier 4), on the bridge since the call.
    "escalated_outage": History((
        note(0, "09:25", "lee", "notified Grace Liu, CTO"),
        note(0, "09:26", "lee", "notified Ivan Petrov, VP Engineering"),
        note(0, "09:27", "lee", "notified Rachel Kim, VP Customer Success"),
        note(0, "09:30", "priya", "notified Morgan Hale, CEO"),
        note(0, "09:35", "priya", "sponsor Grace Liu"),
        note(0, "09:50", "lee", "step Roll booking-api in eu-west back to the previous release — Owner: Ben Okafor "
                                "— Due: {+0}"),
    )),
    # Cobalt: the SSO loop (SEV-2, Tier 1), waiting on the customer.
    "escalated_pending": History((
        note(-2, "20:40", "aiko", "notified Priya Raman, CS Director"),
        note(-2, "20:45", "aiko", "notified Ben Okafor, Engineering Manager"),
        note(-2, "21:30", "aiko", "sponsor Rachel Kim"),
        reply(-2, "22:30", "aiko", "Hi Raj, Rachel Kim, our VP of Customer Success, is sponsoring this issue; "
                                   "Tomás will guide you through the certificate upload."),
        note(-2, "22:00", "aiko", "step Walk Raj through uploading the new signing certificate — Owner: Tomás "
                                  "Herrera — Due: {-1}"),
        customer(-1, "15:00", "Uploaded the new certificate. Most users get in now, some are still looping."),
        reply(-1, "16:00", "tomas", "Thanks Raj. The users still looping hold a session from before the rotation; "
                                    "we are clearing those sessions on our side now."),
        reply(-1, "20:30", "tomas", "Hi Raj, the old sessions are cleared and the users we tested with sign in "
                                    "normally. Could you confirm from your side?"),
        note(-1, "20:35", "tomas", "step Confirm with Raj that every user can sign in — Owner: Tomás Herrera — Due: "
                                   "{+1}"),
    )),
    # The four tickets with hostile text are real requests too; the team handles them.
    "hostile_markdown": History((
        reply(-2, "14:00", "tomas", "Hi Eve, thank you for the report. We see the 502 answers from the shipment "
                                    "sync and are tracing them now."),
    )),
    "hostile_front_matter": History((
        reply(-2, "05:40", "lee", "Hi Tom, uploads above 50 MB need the resumable uploader: turn it on under "
                                  "Settings > Media > Large files and the upload will go through."),
        customer(-2, "09:00", "That worked, thank you."),
    ), status="solved", solved_ago=clock(-2, "10:00")),
    "hostile_template": History((
        reply(-2, "17:00", "tomas", "Hi Alicia, we can see the placeholders where product names belong on your "
                                    "storefront, and we are finding which template changed."),
    )),
    "hostile_html": History((
        reply(-1, "00:40", "lee", "Hi Eve, we can see the blank tracking page and we are on it now."),
        note(-1, "01:00", "lee", "notified Priya Raman, CS Director"),
        note(-1, "01:05", "lee", "notified Ben Okafor, Engineering Manager"),
        note(-1, "01:30", "marcus", "sponsor Rachel Kim"),
        reply(-1, "02:00", "marcus", "Hi Eve, Rachel Kim, our VP of Customer Success, is the executive sponsor for "
                                     "this issue; Lee and I are on it with engineering."),
        note(-1, "03:00", "lee", "step Fix how the tracking page renders carrier names — Owner: Lee Park — Due: "
                                 "{+1}"),
        reply(-1, "15:00", "lee", "Hi Eve, the blank page comes from a carrier name the page could not render. "
                                  "A fix is in testing; the tracking API itself is unaffected."),
        reply(-1, "21:00", "lee", "Hi Eve, the fix passed testing and is scheduled for the next release."),
    )),
    "hostile_long_line": History((
        reply(-1, "03:30", "lee", "Hi Tom, thank you for the log. We see the upstream timeouts in the ingest "
                                  "worker and are working on them now."),
        note(-1, "03:40", "lee", "notified Priya Raman, CS Director"),
        note(-1, "03:45", "lee", "notified Ben Okafor, Engineering Manager"),
        note(-1, "04:00", "sofia", "sponsor Rachel Kim"),
        reply(-1, "05:00", "sofia", "Hi Tom, Rachel Kim, our VP of Customer Success, is sponsoring this issue, and "
                                    "Lee is working with the ingest team on the timeouts."),
        note(-1, "06:00", "lee", "step Raise the ingest worker's upstream timeout and retry — Owner: Lee Park — "
                                 "Due: {+1}"),
        reply(-1, "16:00", "lee", "Hi Tom, the retry change is deployed; jobs like ingest-7781 now finish on the "
                                  "second attempt. We are watching the error rate."),
        reply(-1, "20:00", "lee", "Hi Tom, no timeouts since the change. We keep watching through tomorrow."),
    )),
    "hostile_workflow_command": History((
        reply(-1, "08:10", "tomas", "Hi Alicia, we are looking at the slow checkout page now."),
        note(-1, "08:20", "tomas", "notified Rachel Kim, VP Customer Success"),
        note(-1, "08:21", "tomas", "notified Ivan Petrov, VP Engineering"),
        note(-1, "08:22", "tomas", "notified Grace Liu, CTO"),
        note(-1, "08:25", "marcus", "notified Morgan Hale, CEO"),
        note(-1, "08:30", "marcus", "sponsor Rachel Kim"),
        reply(-1, "09:30", "marcus", "Hi Alicia, Rachel Kim, our VP of Customer Success, is the executive sponsor "
                                     "for this issue; Tomás is profiling the checkout page now."),
        note(-1, "08:35", "marcus", "notified Aiko Tanaka, CS Manager"),
        note(-1, "09:00", "tomas", "step Profile the checkout page and remove the slow query — Owner: Tomás Herrera "
                                   "— Due: {+1}"),
        reply(-1, "16:00", "tomas", "Hi Alicia, the slow checkout comes from a product-options query without an "
                                    "index. The fix is in review."),
    )),
}
"""Scenario name → what the team did on that ticket before the demo's first sync."""


def with_team(scenario: ScenarioTicket, now: datetime) -> ScenarioTicket:
    """The scenario ticket as it stands after the team's week (itself when they left it alone)."""
    history = HISTORY.get(scenario.name)
    if history is None:
        return scenario
    added = []
    for act in history.acts:
        hours = (round(scenario.age_hours * 3600) - round(act.ago * 3600)) / 3600   # whole seconds
        if hours < 0 or act.ago < FIRST_SYNC_AGO:
            raise ValueError(f"{scenario.name}: an act at {act.ago} h ago falls outside the ticket's history")
        added.append(Msg(act.who, hours, dated(act.body, now), act.public))
    thread = (scenario.thread[0], *sorted((*scenario.thread[1:], *added), key=lambda m: m.hours))
    changes: dict = {"thread": thread}
    if history.status:
        changes["status"] = history.status
    if history.solved_ago is not None:
        changes["solved_after_hours"] = (round(scenario.age_hours * 3600) - round(history.solved_ago * 3600)) / 3600
    if history.assignee:
        changes["assignee"] = history.assignee
    return replace(scenario, **changes)
