/* Generated from translations/*.json by `python3 -m sidebar.i18n`: do not edit. */
export default {
 "en": {
  "ui": {
   "badge": "{severity} \u00b7 {label}",
   "banner": {
    "link": "Open {id}",
    "open": "{organization} has an open {severity} escalation, {id}, owner {owner}"
   },
   "deadline_state": {
    "due_soon": "Due soon",
    "on_track": "On track",
    "overdue": "Overdue"
   },
   "deadlines": {
    "due_in": "due in {duration}",
    "overdue": "OVERDUE by {duration}",
    "title": "Other deadlines"
   },
   "due_at": "due {time}",
   "duration": {
    "days": "{d} d {h} h",
    "hours": "{h} h {m} min",
    "minutes": "{m} min",
    "under_minute": "less than a minute"
   },
   "error": {
    "bad_index": "The escalation index could not be read ({detail}): run `esc index` again",
    "bad_index_json": "not valid JSON",
    "bad_index_schema": "unexpected schema {schema}",
    "bad_index_shape": "missing escalations or tickets",
    "http_status": "GitHub answered HTTP {status}",
    "network": "Could not reach GitHub; try again",
    "no_response": "No response",
    "not_found": "Repository or index not found: check the repository, branch and index path settings, and that `esc index` has run",
    "rate_limited": "GitHub's rate limit was reached; try again in a few minutes",
    "settings": "The repository setting must look like owner/name: ask an admin to fix the app's settings",
    "title": "Escalation status unavailable",
    "token": "GitHub token rejected: ask an admin to update the app's token setting",
    "unexpected": "Something went wrong showing this escalation ({detail}); reload the app",
    "zendesk": "Could not read the ticket from Zendesk; reload the app"
   },
   "escalate": {
    "busy": "Saving\u2026",
    "button": "Escalate",
    "choose": "Choose a severity\u2026",
    "done": "Escalated \u2014 the next sync will create the tracking document",
    "done_every": "Escalated \u2014 the next sync (every {minutes} minutes) will create the tracking document",
    "failed": "Could not save the tags on the ticket ({detail}); try again",
    "failed_remove": "The ticket is escalated, but its old tag {tags} could not be removed ({detail}); try again",
    "forbidden": "You don't have permission to edit this ticket's tags",
    "form_stale": "Saved on the ticket, but this ticket form still shows the old tags: reload the ticket before you submit it.",
    "legend": "Escalate this ticket",
    "need_severity": "Choose a severity first",
    "no_tag": "Escalating from here is off: the sync watches no escalation tag ([zendesk] escalation_tag in escalations.toml).",
    "no_ticket": "Save the ticket first: only a saved ticket can be escalated",
    "option": "{severity} \u2014 {label}",
    "saved_hint": "Saved on the ticket: no need to submit it for this.",
    "severity_label": "Severity",
    "tags_added": "Tags added: {tags}",
    "tags_removed": "Tag removed: {tags}"
   },
   "field": {
    "arr": "ARR",
    "exec_sponsor": "Exec sponsor",
    "opened": "Opened",
    "owner": "Owner",
    "status": "Status",
    "target_resolution": "Target resolution",
    "triggers": "Triggers"
   },
   "impact": {
    "fallback": {
     "definitions": {
      "SEV-1": "Complete service outage, data loss/breach, or business-stopping issue for the customer. Revenue or compliance impact is immediate.",
      "SEV-2": "Major functionality degraded, significant workflow blocked, or customer executive has personally escalated a concern.",
      "SEV-3": "Functionality partially impacted, workaround available but painful, customer frustration is building.",
      "SEV-4": "Minor issue, cosmetic problem, or feature gap causing inconvenience. No significant business impact."
     },
     "questions": {
      "customer_executive": "Has a customer executive escalated personally?",
      "data_lost_or_exposed": "Was data lost, or exposed to someone who should not see it?",
      "down_for_everyone": "Is production down for everyone (the service, or sign-in, payments, checkout, payroll, dispatch failing for the whole customer)?",
      "partially_impacted": "Is functionality partly impacted (intermittent, slow, failing for some users)?",
      "workaround": "Is there a workaround, even a painful one?",
      "workflow_blocked": "Is a key workflow blocked (an integration broken, a sync 12+ hours late, one region or department down)?"
     }
    },
    "hint": "Answer what you know: the playbook's matrix proposes the severity, and you can choose another.",
    "no": "No",
    "override": "You chose {chosen} over the answers' {proposed}",
    "proposed": "The answers give {severity} \u2014 {label}",
    "undecided": "Answer the questions to see the playbook's severity",
    "yes": "Yes"
   },
   "link": {
    "document": "Open tracking document",
    "nav": "Tracking document links",
    "new_tab": "(opens in a new tab)",
    "pulls": "Open pull requests"
   },
   "loaded": "Escalation status loaded",
   "loading": "Loading escalation status\u2026",
   "next_update": {
    "became_overdue": "The next customer update is now overdue",
    "cadence": "Agreed cadence: {every}",
    "cadence_by": "Agreed cadence: {every}, agreed by {by}",
    "cadence_by_why": "Agreed cadence: {every}, agreed by {by} ({reason})",
    "cadence_why": "Agreed cadence: {every} ({reason})",
    "due_in": "Due in {duration}",
    "none": "No customer update scheduled",
    "overdue": "OVERDUE by {duration}",
    "title": "Next customer update"
   },
   "no_exec_sponsor": "Not engaged",
   "no_tier": "No tier",
   "no_triggers": "None",
   "not_escalated": {
    "body": "This ticket has no escalation document.",
    "title": "Not escalated"
   },
   "pending": {
    "body": "This ticket carries the {tag} tag: the next sync will create the document.",
    "title": "Escalation requested"
   },
   "record": {
    "busy": "Posting\u2026",
    "cadence": {
     "every": "Every (e.g. daily, every 4 business hours)",
     "reason": "Why (who agreed)",
     "title": "Agreed update cadence"
    },
    "done": "Posted as an internal note: {note}",
    "error": {
     "comma": "{field} cannot contain a comma (the note puts one between name and role)",
     "dash": "{field} cannot contain \u2014 (the note separates its parts with it)",
     "date": "{field}: a date like 2026-11-28",
     "parenthesis": "{field} cannot contain parentheses (the note puts the reason in one pair)",
     "required": "{field}: required",
     "time": "{field}: a time like 17:00"
    },
    "failed": "Could not post the note ({detail}); try again",
    "forbidden": "You don't have permission to add a note to this ticket",
    "hint": "Each form posts an internal note on this ticket as you; the next sync writes it into the tracking document.",
    "no_ticket": "Save the ticket first: only a saved ticket takes notes",
    "notified": {
     "name": "Who was notified",
     "role": "Their role",
     "title": "Leaders notified"
    },
    "post": "Post note",
    "sponsor": {
     "name": "Sponsor",
     "title": "Executive sponsor"
    },
    "step": {
     "action": "Action",
     "due": "Due date",
     "owner": "Owner",
     "title": "Plan step"
    },
    "target": {
     "date": "Date",
     "time": "Time (the team's business-hours time zone)",
     "time_in": "Time ({zone})",
     "title": "Target resolution"
    },
    "title": "Record in the document"
   },
   "recovery": {
    "done": "Done",
    "empty": "No recovery plan yet",
    "open": "Open",
    "overdue": "Overdue",
    "title": "Recovery plan"
   },
   "refreshed": "Escalation status updated",
   "retry": "Retry",
   "severity": {
    "SEV-1": "Critical",
    "SEV-2": "High",
    "SEV-3": "Medium",
    "SEV-4": "Low",
    "unknown": "Unknown severity"
   },
   "severity_state": {
    "proposed": "proposed \u2014 confirm"
   },
   "stale": "Data as of {time} ({age} ago): the sync may not be running",
   "target_passed": "passed {duration} ago",
   "tier": "Tier {tier}",
   "title": "{id} \u2014 {customer}",
   "unknown": "Unknown",
   "zendesk": {
    "http_status": "Zendesk answered HTTP {status}",
    "no_response": "no response from Zendesk"
   }
  }
 }
};
