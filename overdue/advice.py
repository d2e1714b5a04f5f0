"""The playbook's own advice for each kind of overdue item, and how to clear it.

Words from the seed playbook (lightly shortened); the overdue issue quotes them so the
owner reads what to do, not only that something is late.
"""

from __future__ import annotations

ADVICE: dict[str, str] = {
    "acknowledgement": (
        "Speed of acknowledgment matters more than speed of resolution. A customer who hears “we understand "
        "and we are on it” within 30 minutes can wait 48 hours for a fix. A customer who hears nothing for "
        "48 hours cannot wait another minute."
    ),
    "action_plan": (
        "Resolve with a plan: present a concrete action plan with names, dates, and accountability — “Here's "
        "what we are going to do: [Step 1] by [date], [Step 2] by [date]. I will personally own this and "
        "update you every [cadence].” Never say “We'll look into it and get back to you.”"
    ),
    "leaders_notified": (
        "Clear escalation paths prevent chaos: everyone should know exactly who to contact and when. Notify "
        "the leaders the severity names, on its clock."
    ),
    "customer_update": (
        "Over-communicate during the crisis: more updates than they expect. Send status updates even if there "
        "is no new information — “we're still working on this” is better than silence. Do not hide behind "
        "email during a live escalation: pick up the phone or get on a video call."
    ),
    "exec_followup": (
        "Brief your executive before the call with the 5-minute written brief: what happened, the impact, "
        "what we have done so far, what the executive should convey, and the recommended resolution path. "
        "Do it too late and you look negligent."
    ),
    "sponsor_followup": (
        "After the call, the executive sends a written follow-up within 4 hours: the commitments made on the "
        "call, in writing, with the plan and its timeline. The CSM coordinates all action items."
    ),
    "sponsor_check": (
        "The executive does one follow-up check at resolution: a personal word that the fix holds and the "
        "question “What else do you need from us?” — the relationship recovery is the other half of the fix."
    ),
    "recovery_week_1": (
        "Week 1, immediate stabilization: confirm the issue is fully resolved (not just patched), send a "
        "written resolution summary to all customer stakeholders, make a personal call (“How are things "
        "feeling now?”) and monitor related metrics closely for recurrence."
    ),
    "recovery_weeks_2_4": (
        "Weeks 2–4, increased attention: double the normal check-in cadence, proactively share improvements "
        "made because of this issue, address secondary issues, and send a handwritten note or personal gesture "
        "(not a gift card)."
    ),
    "recovery_month_2": (
        "Month 2, trust rebuilding: hold a mini-QBR focused on recovery, present the “what we changed because "
        "of your experience” summary, re-establish the success plan, and ask directly: “Do you feel we've "
        "fully recovered from this? What else do we need to do?”"
    ),
    "recovery_month_3": (
        "Month 3, validation: the health score should be stable or improving; resume the regular cadence if "
        "the customer confirms satisfaction; document the escalation and its lessons in the account history."
    ),
    "recovery_month_6": (
        "Month 6, full recovery check: is the relationship stronger than before? Has the account expanded or "
        "stayed flat? Is the customer willing to be a reference about how you handled the issue?"
    ),
    "tier_leaders": (
        "Clear escalation paths prevent chaos: everyone should know exactly who to contact and when. The tier "
        "says who is engaged; tell them now."
    ),
    "plan_step": (
        "Resolve with a plan: names, dates and accountability. A step that slips silently breaks the plan's "
        "promise; if the date cannot hold, tell the customer the new date before it passes."
    ),
    "target_resolution": (
        "Do not promise a timeline you cannot keep. Tell the customer before a deadline slips — moving the "
        "target after it has passed, without a word, is how trust is lost."
    ),
    "promised_update": (
        "Do not promise a timeline you cannot keep. We told the customer when they would hear from us: send "
        "that update on time, even if it only says “we're still working on this”."
    ),
}

RECOVERY_DEFAULT = (
    "Over-deliver during the recovery: more attention than they expect after the escalation. The technical fix "
    "is half of the resolution; the relationship recovery is the other half."
)

# How to record that it was done (so the clock, and the issue, catch up); Markdown.
FIX: dict[str, str] = {
    "acknowledgement": '`esc log {id} comm --channel phone "Acknowledged: we understand and we are on it"`',
    "action_plan": '`esc log {id} step "What we will do" --owner "Name" --due YYYY-MM-DD`',
    "leaders_notified": '`esc log {id} stakeholder --name "Name" --role "Role"`',
    "customer_update": '`esc log {id} comm --channel phone "What we told them"`',
    "exec_followup": '`esc brief {id}` for the brief, then `esc sponsor {id} "Name"` (sets exec_sponsor and sponsor_engaged_at)',
    "sponsor_followup": '`esc sponsor {id} --followup "What the sponsor wrote"`',
    "sponsor_check": '`esc sponsor {id} --check "What the sponsor heard at resolution"`',
    "recovery": "tick the milestone (`- [x]`) in the document's Recovery Plan",
    "tier_leaders": '`esc log {id} stakeholder --name "Name" --role "Role"`',
    "plan_step": "tick the step (`- [x] Step N: …`) in the Resolution Plan, or move its Due date after telling the customer",
    "target_resolution": '`esc resolve {id}` when it is resolved, or tell the customer (`esc log {id} comm …`) and move `target_resolution`',
    "promised_update": '`esc log {id} comm --channel email "The update we promised"`',
}


def advice_for(kind: str) -> str:
    if kind in ADVICE:
        return ADVICE[kind]
    return RECOVERY_DEFAULT if kind.startswith("recovery_") else ""


def fix_for(kind: str, ident: str) -> str:
    template = FIX["recovery"] if kind.startswith("recovery_") else FIX.get(kind, "")
    return template.format(id=ident)
