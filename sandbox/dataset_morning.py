"""The demo's morning: what the sandbox company's people do between the first sync and now.

After the week of :mod:`sandbox.dataset_team`, the demo's repository gets its first sync
:data:`~sandbox.dataset_team.FIRST_SYNC_AGO` hours before now. Then, as a team would:

- in Zendesk (:data:`ZENDESK`), agents reply to customers and leave ``#esc`` notes on the
  tickets, through the agent interface (``via: web``): :func:`perform` applies them to the
  emulator's state at their own times (the emulator's clock is set to each one);
- in git (:data:`DESK`), CSMs confirm severities, tick plan steps and recovery milestones,
  log a call, resolve and close — each one commit with the person as its author. These are
  plain data here; ``esc demo`` (``escalation_desk.demo``) makes the edits.

Times as in :mod:`sandbox.dataset_team` (``clock(0, "10:10")`` = 10:10 on now's day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation_desk.sandbox import dataset_text as text
from escalation_desk.sandbox.dataset_scenarios import SCENARIOS
from escalation_desk.sandbox.dataset_team import FIRST_SYNC_AGO, clock, dated, moment

__all__ = ["DESK", "HISTORY", "ZENDESK", "DeskAct", "ZendeskAct", "dated_args", "perform"]

WEB_VIA = {"channel": "web", "source": {"from": {}, "to": {}, "rel": None}}


@dataclass(frozen=True)
class ZendeskAct:
    ago: float
    ticket: str          # scenario name
    who: str             # staff key
    body: str
    public: bool = True
    changes: tuple[tuple[str, object], ...] = ()   # ticket fields the agent set at the same time


@dataclass(frozen=True)
class DeskAct:
    """A person's edit of a tracking document in git. ``verb``: confirm (args: severity or
    nothing), tick (section "plan" or "recovery", item number), log (kind, text, options),
    resolve, close."""

    ago: float
    who: str             # staff key
    escalation: str      # ESC-… (or several, comma-separated: one commit)
    verb: str
    args: tuple = ()
    message: str = ""    # the commit message's subject


def _reply(hhmm: str, ticket: str, who: str, body: str, **changes: object) -> ZendeskAct:
    return ZendeskAct(clock(0, hhmm), ticket, who, body, True, tuple(changes.items()))


def _note(hhmm: str, ticket: str, who: str, command: str) -> ZendeskAct:
    return ZendeskAct(clock(0, hhmm), ticket, who, "#esc " + command, False)


ZENDESK: tuple[ZendeskAct, ...] = (
    # The first sync flagged Pinecrest's calm report as a possible data exposure: Aiko takes it.
    _reply("10:10", "calm_breach", "aiko",
           "Dear Ruth, thank you for telling us, and for keeping the file secure. We are treating this as a "
           "security incident: our security team is investigating now, and I will update you every hour.",
           status="open", assignee="aiko"),
    _note("10:12", "calm_breach", "aiko", "notified Rachel Kim, VP Customer Success"),
    _note("10:13", "calm_breach", "aiko", "notified Ivan Petrov, VP Engineering"),
    _note("10:14", "calm_breach", "aiko", "notified Grace Liu, CTO"),
    _note("10:15", "calm_breach", "aiko", "notified Morgan Hale, CEO"),
    _note("10:16", "calm_breach", "aiko", "sponsor Grace Liu"),
    _note("10:30", "calm_breach", "aiko",
          "step Stop the referral export and find whose records it included — Owner: Ben Okafor — Due: {+0}"),
    _reply("10:45", "calm_breach", "aiko",
           "Dear Ruth, the referral export is paused for every customer while we investigate, and Grace Liu, "
           "our CTO, is leading the investigation personally. Please keep the file where it is."),
    # Zephyr's outage: hourly updates from the bridge.
    _reply("10:35", "escalated_outage", "lee",
           "Update: Grace Liu, our CTO, is on the bridge. We rolled the booking API in eu-west back to the "
           "previous release and the error rate is down to 20% and falling. Next update within the hour."),
    _reply("11:10", "escalated_outage", "lee",
           "Update: the booking API's error rate is below 1% and the kiosks at all three airports are checking "
           "passengers in again. We keep monitoring and will update you within the hour."),
    # Harborview's slow checkout: the fix is out.
    _reply("10:50", "hostile_workflow_command", "tomas",
           "Hi Alicia, the index fix is deployed and checkout loads in under two seconds in our tests. Could you "
           "confirm from your side?"),
)
"""What agents do in Zendesk this morning, in time order."""

OLD = "ESC-{-190:%y%m%d}4417"      # an escalation the team tracked by hand, long before the sync (`esc new`)


def _old(day: int, hhmm: str, verb: str, args: tuple = (), message: str = "") -> DeskAct:
    return DeskAct(clock(day, hhmm), "aiko", OLD, verb, args, message)


HISTORY: tuple[DeskAct, ...] = (
    _old(-190, "14:30", "new", (("customer", "Pinecrest Health"), ("severity", "SEV-2"), ("owner", "Aiko Tanaka"),
                                ("category", "notifications"), ("arr", 910000), ("title", "Appointment reminders sent twice"),
                                ("summary", "Every patient received each appointment reminder twice since this morning's "
                                            "release; the clinics' phones are busy with confused patients.")),
         "New escalation: Pinecrest Health's reminders sent twice"),
    _old(-190, "14:50", "log", ("comm", "Called Ruth: the duplicate reminders are confirmed and engineering is on it; "
                                        "updates every four hours.", (("channel", "phone"),)), "Acknowledged"),
    _old(-190, "15:10", "log", ("stakeholder", "", (("name", "Priya Raman"), ("role", "CS Director"))), "Priya told"),
    _old(-190, "15:12", "log", ("stakeholder", "", (("name", "Ben Okafor"), ("role", "Engineering Manager"))), "Ben told"),
    _old(-190, "15:30", "log", ("step", "Stop the duplicate reminder job", (("owner", "Lee Park"), ("due", "{-190}"))),
         "Plan step 1"),
    _old(-190, "17:30", "log", ("comm", "Email to Ruth: the duplicate job is stopped; no double reminders from now on.",
                                ()), "Update sent"),
    _old(-190, "21:00", "log", ("comm", "Email to Ruth: no duplicates since the job was stopped; the fix ships tomorrow.",
                                ()), "Update sent"),
    _old(-189, "10:00", "tick", ("plan", 1), "Step 1 done"),
    _old(-189, "10:05", "resolve", (), "Resolved: the fix is live"),
    _old(-189, "11:00", "write", (
        ("Root Cause", "A retry of the reminder job after a worker restart ran without its idempotency key."),
        ("Resolution Summary", "Lee Park stopped the duplicate job the same afternoon; the idempotency fix shipped "
                               "the next morning and Ruth confirmed single reminders."),
        ("Post-Escalation Actions", "- [x] Thanked the team (Lee Park, Ben Okafor) in the CS channel\n"
                                    "- [x] Give the reminder job an idempotency key — Owner: Ben Okafor")),
         "Root cause, resolution and actions"),
    _old(-183, "15:00", "tick", ("recovery", 1), "Recovery week 1 done: daily check-ins, no duplicates"),
    _old(-163, "15:00", "tick", ("recovery", 2), "Recovery weeks 2–4 done"),
    _old(-131, "15:00", "tick", ("recovery", 3), "Recovery month 2 done: quarterly review with Ruth"),
    _old(-101, "15:00", "tick", ("recovery", 4), "Recovery month 3 done"),
    _old(-10, "15:00", "tick", ("recovery", 5), "Recovery month 6: full recovery check done"),
    _old(-9, "10:00", "close", (), "Closed: recovery complete"),
)
"""Before the sync: one escalation a CSM ran by hand from start to close, over six months."""

DESK: tuple[DeskAct, ...] = (
    DeskAct(clock(0, "10:05"), "priya", "ESC-48214", "confirm", (), "ESC-48214: SEV-1 confirmed"),
    DeskAct(clock(0, "10:08"), "aiko", "ESC-48211", "confirm", (), "ESC-48211: SEV-1 confirmed (possible data exposure)"),
    DeskAct(clock(0, "10:20"), "dana", "ESC-48213", "confirm", (), "ESC-48213: SEV-2 confirmed"),
    DeskAct(clock(0, "10:22"), "dana", "ESC-48213", "tick", ("plan", 1), "ESC-48213: token renewed, step 1 done"),
    DeskAct(clock(0, "10:25"), "dana", "ESC-48207", "tick", ("plan", 1), "ESC-48207: workspace moved, step 1 done"),
    DeskAct(clock(0, "10:26"), "dana", "ESC-48207", "confirm", ("SEV-3",),
            "ESC-48207: SEV-3 (slow for five days, nothing blocked: not the text model's SEV-2 proposal)"),
    DeskAct(clock(0, "10:28"), "dana", "ESC-48207", "log",
            ("comm", "Ivan Petrov (executive sponsor) and I called Priti: latency steady around 300 ms since the "
                     "move; she is satisfied.", (("channel", "phone"),)), "ESC-48207: the sponsor's check"),
    DeskAct(clock(0, "10:30"), "marcus", "ESC-48226", "confirm", ("SEV-3",),
            "ESC-48226: SEV-3 (a slow checkout page, not an outage)"),
    DeskAct(clock(0, "10:40"), "sofia", "ESC-48222", "confirm", ("SEV-4",), "ESC-48222: SEV-4 (a how-to question)"),
    DeskAct(clock(0, "10:27"), "dana", "ESC-48207", "write", (
        ("Root Cause", "A noisy neighbour on Vertex's shared database cluster saturated its I/O."),
        ("Resolution Summary", "Lee Park moved the workspace to a quieter cluster; Priti confirmed median latency "
                               "around 300 ms."),
        ("Post-Escalation Actions", "- [x] Thanked the team (Lee Park) in the CS channel\n"
                                    "- [ ] Alert on per-tenant I/O saturation — Owner: Ben Okafor")),
            "ESC-48207: root cause and resolution"),
    DeskAct(clock(0, "10:44"), "sofia", "ESC-48222", "write", (
        ("Root Cause", "Not a defect: uploads above 50 MB need the resumable uploader, which is off by default "
                       "for new workspaces."),
        ("Resolution Summary", "Lee Park explained how to turn the resumable uploader on; Tom Becker confirmed "
                               "that large uploads work. Ticket #48222 solved on {-2}."),
        ("Post-Escalation Actions", "- [x] Thanked the team (Lee Park) for the same-hour answer\n"
                                    "- [ ] Name the resumable uploader in the 413 error message — Owner: Sofia "
                                    "Lindqvist")), "ESC-48222: root cause and resolution"),
    DeskAct(clock(0, "11:00"), "sofia", "ESC-48215", "log",
            ("comm", "Called Hannah: the imports have run cleanly all week and the teachers are entering grades.",
             (("channel", "phone"),)), "ESC-48215: week-1 check-in call"),
    DeskAct(clock(0, "11:02"), "sofia", "ESC-48215", "tick", ("recovery", 1), "ESC-48215: week 1 of recovery done"),
    DeskAct(clock(0, "11:03"), "sofia", "ESC-48215", "write", (
        ("Root Cause", "An import retry ran without an idempotency key and inserted every student again."),
        ("Resolution Summary", "Duplicates removed, imports re-enabled; Hannah confirmed the gradebook is right."),
        ("Post-Escalation Actions", "- [x] Thanked the team (Lee Park, Tomás Herrera)\n"
                                    "- [ ] Idempotency keys on every import retry — Owner: Ben Okafor")),
            "ESC-48215: root cause and resolution"),
    DeskAct(clock(0, "11:05"), "sofia", "ESC-48205, ESC-48215", "confirm", (),
            "Confirm the severities of my escalations"),
    DeskAct(clock(0, "11:06"), "sofia", "ESC-48225", "confirm", ("SEV-2",),
            "ESC-48225: SEV-2 (one failing sync job, not an outage: not the text model's SEV-1 proposal)"),
    DeskAct(clock(0, "11:10"), "marcus", "ESC-48201, ESC-48224", "confirm", (),
            "Confirm SEV-3 for Meridian and SEV-2 for Orbital"),
    DeskAct(clock(0, "11:11"), "marcus", "ESC-48208", "confirm", ("SEV-2",),
            "ESC-48208: SEV-2 (the tracking dashboard, dispatch still runs: not the text model's SEV-1 proposal)"),
    DeskAct(clock(0, "11:12"), "marcus", "ESC-48221, ESC-48223", "confirm", ("SEV-4",), "Two SEV-4s confirmed"),
    DeskAct(clock(0, "11:14"), "aiko", "ESC-48206, ESC-48216", "confirm", (), "Confirm Tidewater and Cobalt"),
    DeskAct(clock(0, "11:15"), "aiko", "ESC-48216", "tick", ("plan", 1), "ESC-48216: certificate uploaded, step 1 done"),
    DeskAct(clock(0, "11:20"), "priya", "ESC-48210", "confirm", (), "ESC-48210: SEV-2 confirmed"),
    DeskAct(clock(0, "11:30"), "marcus", "ESC-48201", "tick", ("plan", 1), "ESC-48201: cause found, step 1 done"),
    DeskAct(clock(0, "11:31"), "marcus", "ESC-48201", "log",
            ("step", "Deploy the export query fix", (("owner", "Lee Park"), ("due", "{+1}"))),
            "ESC-48201: plan step 2"),
)
"""What people change in the documents this morning, in time order (each one commit)."""


def _check() -> None:
    for act in HISTORY:
        if act.ago <= FIRST_SYNC_AGO:
            raise ValueError(f"{act}: the hand-kept history is before the first sync")
    for act in (*ZENDESK, *DESK):
        if not 0 <= act.ago < FIRST_SYNC_AGO:
            raise ValueError(f"{act}: the morning is between the first sync and now")


_check()


def dated_args(args: tuple, now: datetime) -> tuple:
    """A desk act's arguments with their ``{+N}`` dates written out (see ``dataset_team.dated``)."""
    return tuple(dated(a, now) if isinstance(a, str) else dated_args(a, now) if isinstance(a, tuple) else a
                 for a in args)


def perform(state, now: datetime, since: datetime, until: datetime) -> list[ZendeskAct]:
    """Apply the Zendesk acts due in (since, until] to the emulator's `state`, each at its own
    time (the state's clock is set to it), as the agent's own update through the agent
    interface; leave the clock at `until`. Returns what was done."""
    staff_ids = {p.key: state.user_by_email(p.email)["id"] for p in text.STAFF}
    done = []
    for act in ZENDESK:
        at = moment(now, act.ago)
        if not since < at <= until:
            continue
        state.now = at
        author = state.users[staff_ids[act.who]]
        changes: dict = {"comment": {"body": dated(act.body, now), "public": act.public}}
        for field, value in act.changes:
            changes["assignee_id" if field == "assignee" else field] = (
                staff_ids[value] if field == "assignee" else value)
        state.update_ticket(SCENARIOS[act.ticket], changes, author, via=WEB_VIA)
        done.append(act)
    state.now = until
    return done
