"""The sidebar app in headless Chromium against a stub ZAF client.

Each test opens ``sidebar/app/assets/iframe.html`` from a local server on one ticket,
with the page clock standing still at a chosen time, and checks what an agent sees
and what the app asked Zendesk to do. The escalations come from the index of the
repository's example documents (see ``index_from_examples``); the tests pick them by
what they are (an open SEV-1, a resolved one...) and derive the expected text from
the data, so they hold for any realistic set of examples.
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import timedelta
from typing import Any, Callable

import pytest

from sidebar_support import (
    DOCS_SCREENSHOT, INDEX_NOW, SECRET_TOKEN, SETTINGS, TOKEN_PLACEHOLDER, ok, parse_time,
)

pytestmark = pytest.mark.browser

OPEN_STATUSES = ("Open", "In Progress")
DONE_STATUSES = ("Resolved", "Closed")
NOT_ESCALATED_TICKET = 990001
RED = "rgb(204, 51, 64)"


def pick(index: dict[str, Any], what: str, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    for escalation in index["escalations"]:
        if predicate(escalation):
            return escalation
    pytest.fail(f"the example escalations have no {what}: add one to escalations/")


def ticket_of(index: dict[str, Any], escalation: dict[str, Any]) -> int:
    tickets = sorted(int(t) for t, esc_id in index["tickets"].items() if esc_id == escalation["id"])
    assert tickets, f"no ticket maps to {escalation['id']} in the index"
    return tickets[0]


def human(minutes: int) -> str:
    """The page's duration format: '2 d 3 h', '2 h 15 min', '45 min'."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def open_sev1(index: dict[str, Any]) -> dict[str, Any]:
    return pick(index, "open SEV-1 escalation with a next customer update",
                lambda e: e["severity"] == "SEV-1" and e["status"] in OPEN_STATUSES and e["next_update_due"])


def resolved(index: dict[str, Any]) -> dict[str, Any]:
    return pick(index, "resolved escalation with a recovery plan",
                lambda e: e["status"] in DONE_STATUSES and e["recovery"])


# ---- escalated -------------------------------------------------------------------------


def test_open_sev1_with_overdue_customer_update_shows_overdue_in_red(sidebar, index_data):
    esc = open_sev1(index_data)
    now = parse_time(esc["next_update_due"]) + timedelta(hours=2, minutes=15)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=now)
    page = sidebar.page

    status = page.locator("#next-update")
    assert status.inner_text() == "OVERDUE by 2 h 15 min"
    assert status.evaluate("node => getComputedStyle(node).color") == RED
    badge = page.locator(".badge")
    assert badge.inner_text() == "SEV-1 · Critical"  # words as well as colour
    assert badge.get_attribute("data-severity") == "SEV-1"
    text = sidebar.text()
    assert f"Tier {esc['tier']}" in text
    assert f"{esc['id']} — {esc['customer']}" in text
    assert esc["owner"] in text and esc["status"] in text
    assert f"${esc['arr']:,}" == page.inner_text("#arr")
    assert (esc["exec_sponsor"] or "Not engaged") in text
    for trigger in esc["triggers"]:
        assert trigger in page.locator(".chips").inner_text()
    # Every other deadline already past is flagged too, counted from the page's clock.
    for deadline in esc["deadlines"]:
        due = parse_time(deadline["due"])
        if deadline["kind"] != "customer_update" and due <= now:
            late = int((now - due).total_seconds() // 60)
            item = page.locator(f".deadlines li[data-kind='{deadline['kind']}']")
            assert f"OVERDUE by {human(late)}" in item.inner_text()
    assert page.locator("[data-state='stale']").is_hidden()

    repo, branch = SETTINGS["repository"], SETTINGS["branch"]
    assert page.get_attribute("#document-link", "href") == f"https://github.com/{repo}/blob/{branch}/{esc['path']}"
    assert page.get_attribute("#pulls-link", "href") == f"https://github.com/{repo}/pulls?q=is:pr+is:open+{esc['id']}"
    assert page.get_attribute("#document-link", "rel") == "noopener noreferrer"

    resizes = [c["args"] for c in sidebar.calls("invoke") if c["args"][0] == "resize"]
    assert resizes and resizes[-1][1]["width"] == "100%"
    assert int(resizes[-1][1]["height"].removesuffix("px")) > 200

    shot = sidebar.screenshot("sev1-overdue")
    DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, DOCS_SCREENSHOT)

    # The countdown is live: half an hour later the page says so without a reload.
    page.clock.run_for(30 * 60 * 1000)
    assert status.inner_text() == "OVERDUE by 2 h 45 min"


def test_customer_update_on_time_counts_down_then_turns_overdue(sidebar, index_data):
    esc = pick(index_data, "open escalation with a next customer update",
               lambda e: e["status"] in OPEN_STATUSES and e["next_update_due"])
    due = parse_time(esc["next_update_due"])
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=due - timedelta(hours=1, minutes=30))
    page = sidebar.page
    status = page.locator("#next-update")

    assert status.inner_text() == "Due in 1 h 30 min"
    assert status.get_attribute("data-overdue") == "false"
    assert status.evaluate("node => getComputedStyle(node).color") != RED
    sidebar.screenshot("on-time")

    page.clock.run_for(30 * 60 * 1000)
    assert status.inner_text() == "Due in 1 h 0 min"
    page.clock.run_for(61 * 60 * 1000)
    assert status.inner_text() == "OVERDUE by 1 min"
    assert status.get_attribute("data-overdue") == "true"
    assert page.inner_text("#announcer") == "The next customer update is now overdue"


def test_other_deadlines_are_listed_and_judged_by_the_pages_clock(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    update_due = parse_time(esc["next_update_due"])
    now = update_due - timedelta(minutes=30)
    # Two more obligations around the update: one already missed, one still ahead.
    esc["deadlines"] = [d for d in esc["deadlines"] if d["kind"] == "customer_update"] + [
        {"kind": "action_plan", "label": "Action plan", "due": (now - timedelta(minutes=95)).strftime("%Y-%m-%dT%H:%M:%SZ")},
        {"kind": "leaders_notified", "label": "Leaders notified", "due": (now + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")},
    ]
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=now)
    page = sidebar.page

    items = page.locator(".deadlines li")
    assert [items.nth(i).get_attribute("data-kind") for i in range(items.count())] == ["action_plan", "leaders_notified"]
    missed = page.locator(".deadlines li[data-kind='action_plan'] .countdown")
    assert missed.inner_text() == "OVERDUE by 1 h 35 min"
    assert missed.evaluate("node => getComputedStyle(node).color") == RED
    assert page.inner_text(".deadlines li[data-kind='leaders_notified'] .countdown") == "due in 3 h 0 min"
    assert page.inner_text("#next-update") == "Due in 30 min"
    sidebar.screenshot("other-deadlines")


def test_resolved_escalation_shows_the_recovery_checklist(sidebar, index_data):
    esc = resolved(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    page = sidebar.page

    assert page.get_attribute("article", "data-state") == "resolved"
    assert page.locator("#next-update").count() == 0
    items = page.locator("#recovery li")
    assert items.count() == len(esc["recovery"])
    for position, milestone in enumerate(esc["recovery"]):
        line = items.nth(position).inner_text()
        assert milestone["milestone"] in line
        assert ("Done" if milestone["done"] else ("Open" if "Overdue" not in line else "Overdue")) in line
        assert ("☑" if milestone["done"] else "☐") in line
    sidebar.screenshot("resolved-recovery")


def test_index_older_than_a_day_shows_a_data_as_of_warning(sidebar, index_data):
    esc = open_sev1(index_data)
    now = parse_time(index_data["as_of"]) + timedelta(hours=30)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=now)

    warning = sidebar.page.locator("[data-state='stale']")
    assert warning.is_visible()
    assert warning.inner_text().startswith("Data as of ")
    assert "(1 d 6 h ago)" in warning.inner_text()
    sidebar.screenshot("stale-index")


# ---- not escalated ------------------------------------------------------------------------

DONE_EVERY_30 = "Escalated — the next sync (every 30 minutes) will create the tracking document"


def tags_request(method: str, tags: list[str]) -> dict[str, Any]:
    """The exact options the app passes to client.request() for the tags endpoint."""
    return {
        "url": f"/api/v2/tickets/{NOT_ESCALATED_TICKET}/tags.json",
        "type": method,
        "contentType": "application/json",
        "data": json.dumps({"tags": tags}, separators=(",", ":")),
    }


def escalate(sidebar: Any, severity: str, *, wait_for: str = "[data-state='escalated-now']") -> None:
    sidebar.page.select_option("#severity", severity)
    sidebar.page.click("#escalate")
    if wait_for:
        sidebar.page.wait_for_selector(wait_for)


def wait_for_message(sidebar: Any) -> str:
    sidebar.page.wait_for_function("document.getElementById('escalate-message').textContent !== ''")
    return sidebar.page.inner_text("#escalate-message")


def test_not_escalated_ticket_is_escalated_as_sev2_and_saved_at_once(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["vip", "billing"], answers=[ok(index_data)],
                 now=parse_time(INDEX_NOW))
    page = sidebar.page
    assert "Not escalated" in sidebar.text()
    assert page.locator("[data-state='not-escalated'] label[for='severity']").count() == 1

    # Escalate without a severity: told to choose, nothing written.
    page.click("#escalate")
    assert page.inner_text("#escalate-message") == "Choose a severity first"
    assert sidebar.calls("set") == [] and sidebar.zendesk.seen == []
    sidebar.screenshot("not-escalated")

    escalate(sidebar, "SEV-2")

    # Saved on the ticket through Zendesk's API, on the agent's own account: the exact
    # request, with no secure setting and no token placeholder.
    assert sidebar.zendesk.seen == [tags_request("PUT", ["escalation", "esc_sev2"])]
    assert sidebar.zendesk.tags == ["vip", "billing", "escalation", "esc_sev2"]
    # Then the open form shows the same tags, the agent's other ones kept.
    assert [c["args"] for c in sidebar.calls("set")] == [["ticket.tags", ["vip", "billing", "escalation", "esc_sev2"]]]
    assert page.evaluate("window.__zaf.tags") == ["vip", "billing", "escalation", "esc_sev2"]
    methods = [c["method"] for c in sidebar.calls() if c["method"] in ("request", "set")]
    assert methods.index("set") > 1, "the form is updated after the save (and after the index request)"
    reads = [c for c in sidebar.calls("get") if c["args"] == ["ticket.tags"]]
    assert reads, "the tags are read again right before writing"

    assert page.inner_text("#escalated") == DONE_EVERY_30
    assert "Tags added: escalation, esc_sev2" in sidebar.text()
    assert page.inner_text("#escalated-hint") == "Saved on the ticket: no need to submit it for this."
    assert "Tag removed" not in sidebar.text()
    assert page.evaluate("document.activeElement.id") == "escalated"
    page.clock.run_for(1000)
    assert page.inner_text("#announcer") == DONE_EVERY_30
    sidebar.screenshot("escalated-now")
    # The form change fired ticket.tags.changed; the refresh it caused (the index has no
    # document yet) leaves the confirmation on screen.
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 3")
    page.clock.run_for(1000)
    assert page.inner_text("#escalated") == DONE_EVERY_30


def test_keyboard_alone_can_escalate_replacing_the_old_severity(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["esc_sev4"], answers=[ok(index_data)],
                 now=parse_time(INDEX_NOW))
    page = sidebar.page

    # Each question is a radio group: Tab reaches it, an arrow key answers it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q-down_for_everyone-yes"
    page.keyboard.press("ArrowRight")               # No
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")               # data lost or exposed: No
    page.keyboard.press("Tab")
    page.keyboard.press("Space")                    # a key workflow blocked: Yes
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")               # a workaround: No
    assert page.inner_text("#impact-proposal").startswith("The answers give SEV-2 — High")
    assert page.input_value("#severity") == "SEV-2"
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "escalate":
            break
    assert page.evaluate("document.activeElement.id") == "escalate"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "the focused button shows a focus ring"
    sidebar.screenshot("keyboard-focus")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-state='escalated-now']")

    # The conflicting severity tag is replaced, not doubled: on the ticket and in the form.
    assert sidebar.zendesk.seen == [
        tags_request("PUT", ["escalation", "esc_sev2"]),
        tags_request("DELETE", ["esc_sev4"]),
    ]
    assert sidebar.zendesk.tags == ["escalation", "esc_sev2"]
    assert [c["args"] for c in sidebar.calls("set")] == [["ticket.tags", ["escalation", "esc_sev2"]]]
    assert "Tag removed: esc_sev4" in sidebar.text()


def test_a_severity_saved_on_the_ticket_but_not_in_the_form_is_removed_too(sidebar, index_data):
    # Someone else set esc_sev1 on the ticket after this agent opened it.
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["vip"], saved_tags=["vip", "esc_sev1"],
                 answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    escalate(sidebar, "SEV-3")
    assert sidebar.zendesk.requests() == [
        ("PUT", f"/api/v2/tickets/{NOT_ESCALATED_TICKET}/tags.json", {"tags": ["escalation", "esc_sev3"]}),
        ("DELETE", f"/api/v2/tickets/{NOT_ESCALATED_TICKET}/tags.json", {"tags": ["esc_sev1"]}),
    ]
    assert sidebar.zendesk.tags == ["vip", "escalation", "esc_sev3"]
    assert [c["args"] for c in sidebar.calls("set")] == [["ticket.tags", ["vip", "escalation", "esc_sev3"]]]


def test_the_button_says_it_is_saving_until_zendesk_answers(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 zendesk_answers=[{"hold": True}])
    page = sidebar.page
    escalate(sidebar, "SEV-1", wait_for="")
    page.wait_for_function("window.__zaf.held.length === 1")
    button = page.locator("#escalate")
    assert button.is_disabled()
    assert button.get_attribute("aria-busy") == "true"
    assert button.inner_text() == "Saving…"
    assert page.locator("#severity").is_disabled()
    assert sidebar.calls("set") == [], "the form changes only once the ticket is saved"
    sidebar.screenshot("escalate-saving")

    assert page.evaluate("window.__zaf.releaseHeld()") == 1
    page.wait_for_selector("[data-state='escalated-now']")
    assert sidebar.zendesk.tags == ["escalation", "esc_sev1"]


def test_without_a_sync_interval_the_message_leaves_it_out(sidebar, index_data):
    settings = {k: v for k, v in SETTINGS.items() if k != "sync_interval_minutes"}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 settings=settings)
    escalate(sidebar, "SEV-4")
    assert sidebar.page.inner_text("#escalated") == "Escalated — the next sync will create the tracking document"


def test_ticket_tagged_but_not_yet_synced_is_shown_as_requested(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["escalation", "esc_sev3"], answers=[ok(index_data)],
                 now=parse_time(INDEX_NOW))
    assert sidebar.page.get_attribute("[data-state='pending']", "data-state") == "pending"
    assert "Escalation requested" in sidebar.text()
    assert sidebar.page.locator("#escalate").count() == 0


def test_agent_without_permission_is_told_so_and_nothing_changes(sidebar, index_data):
    forbidden = {"status": 403, "body": {"error": {"title": "Forbidden", "message": "You do not have access to this page."}}}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["vip"], answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 zendesk_answers=[forbidden])
    page = sidebar.page
    escalate(sidebar, "SEV-2", wait_for="")
    assert wait_for_message(sidebar) == "You don't have permission to edit this ticket's tags"
    assert page.get_attribute("#escalate-message", "role") == "alert"
    assert sidebar.zendesk.seen == [tags_request("PUT", ["escalation", "esc_sev2"])]
    assert sidebar.zendesk.tags == ["vip"] and page.evaluate("window.__zaf.tags") == ["vip"]
    assert sidebar.calls("set") == []
    # Retrying would not help: no Retry, and the form is usable again.
    assert page.locator("#escalate-retry").is_hidden()
    assert page.is_enabled("#escalate") and page.get_attribute("#escalate", "aria-busy") == "false"
    assert page.inner_text("#escalate") == "Escalate"
    assert page.evaluate("document.activeElement.id") == "escalate"
    sidebar.screenshot("escalate-forbidden")


@pytest.mark.parametrize("failure, detail", [
    ({"network": True}, "no response from Zendesk"),
    ({"status": 422, "body": {"error": "RecordInvalid", "description": "Record validation errors",
                              "details": {"status": [{"description": "Status: closed prevents ticket update"}]}}},
     "Zendesk answered HTTP 422: Status: closed prevents ticket update"),
], ids=["network", "http-422"])
def test_failed_save_says_why_and_retry_saves(sidebar, index_data, failure, detail):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 zendesk_answers=[failure])
    page = sidebar.page
    escalate(sidebar, "SEV-3", wait_for="")
    assert wait_for_message(sidebar) == f"Could not save the tags on the ticket ({detail}); try again"
    assert sidebar.calls("set") == []
    assert page.is_enabled("#escalate")
    retry = page.locator("#escalate-retry")
    assert retry.is_visible() and retry.inner_text() == "Retry"
    assert page.evaluate("document.activeElement.id") == "escalate-retry"
    if "network" in failure:
        sidebar.screenshot("escalate-failed")

    page.keyboard.press("Enter")
    page.wait_for_selector("[data-state='escalated-now']")
    assert sidebar.zendesk.seen == [tags_request("PUT", ["escalation", "esc_sev3"])] * 2
    assert sidebar.zendesk.tags == ["escalation", "esc_sev3"]


def test_old_severity_that_could_not_be_removed_is_retried(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["esc_sev2"], answers=[ok(index_data)],
                 now=parse_time(INDEX_NOW), zendesk_answers=[None, {"status": 503}])
    page = sidebar.page
    escalate(sidebar, "SEV-1", wait_for="")
    assert wait_for_message(sidebar) == (
        "The ticket is escalated, but its old tag esc_sev2 could not be removed (Zendesk answered HTTP 503); try again"
    )
    assert sidebar.zendesk.tags == ["esc_sev2", "escalation", "esc_sev1"]
    page.click("#escalate-retry")
    page.wait_for_selector("[data-state='escalated-now']")
    assert sidebar.zendesk.seen == [
        tags_request("PUT", ["escalation", "esc_sev1"]), tags_request("DELETE", ["esc_sev2"]),
        tags_request("PUT", ["escalation", "esc_sev1"]), tags_request("DELETE", ["esc_sev2"]),
    ]
    assert sidebar.zendesk.tags == ["escalation", "esc_sev1"]
    assert [c["args"] for c in sidebar.calls("set")] == [["ticket.tags", ["escalation", "esc_sev1"]]]


def test_saved_but_form_not_updated_warns_before_submitting(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 fail_set="ticket form is gone")
    escalate(sidebar, "SEV-3")
    assert sidebar.zendesk.tags == ["escalation", "esc_sev3"]
    assert sidebar.page.inner_text("#escalated") == DONE_EVERY_30
    assert sidebar.page.inner_text("#escalated-hint") == (
        "Saved on the ticket, but this ticket form still shows the old tags: reload the ticket before you submit it."
    )


# ---- coming back to the ticket ----------------------------------------------------------------


def request_count(sidebar: Any) -> int:
    return len(sidebar.calls("request"))


def test_coming_back_fetches_the_index_again_keeping_the_view_until_it_arrives(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    ticket = ticket_of(index, esc)
    later = copy.deepcopy(index)
    open_sev1(later)["owner"] = "Someone Else"
    later["as_of"] = (parse_time(index["as_of"]) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sidebar.open(ticket_id=ticket, answers=[ok(index), {"hold": True}, ok(later)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    assert [c["args"][0] for c in sidebar.calls("on")] == ["app.activated", "ticket.tags.changed"]
    assert esc["owner"] in sidebar.text()
    page.evaluate("document.body.setAttribute('data-marker', 'x')")
    article = page.locator("article[data-state='escalated']").element_handle()

    assert sidebar.fire("app.activated", {"firstLoad": False}) == 1
    page.wait_for_function("window.__zaf.held.length === 1")
    # While the new index is on its way the agent keeps reading the old one: no
    # loading state, no blank, the very same elements.
    assert page.get_attribute("#app", "aria-busy") == "false"
    assert page.locator("[data-state='loading']").count() == 0
    assert article.evaluate("node => node.isConnected")
    assert esc["owner"] in sidebar.text()

    page.evaluate("window.__zaf.releaseHeld()")
    page.wait_for_function("document.getElementById('app').innerText.includes('Someone Else')")
    assert not article.evaluate("node => node.isConnected")
    page.clock.run_for(1000)
    assert page.inner_text("#announcer") == "Escalation status updated"
    assert request_count(sidebar) == 2

    # Nothing new: the view is left alone (same elements), though the index was fetched.
    current = page.locator("article").element_handle()
    sidebar.fire("app.activated")
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 3")
    page.wait_for_timeout(50)
    assert current.evaluate("node => node.isConnected")


def test_tags_changed_elsewhere_refresh_the_sidebar(sidebar, index_data):
    index = copy.deepcopy(index_data)
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["vip"], answers=[ok(index)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    # The agent has chosen a severity but not pressed Escalate yet.
    page.select_option("#severity", "SEV-2")
    page.focus("#severity")

    # A refresh that changes nothing keeps the choice and the focus.
    page.evaluate("window.__zaf.tags = ['vip', 'billing']")
    sidebar.fire("ticket.tags.changed", ["vip", "billing"])
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 2")
    page.wait_for_timeout(50)
    assert page.input_value("#severity") == "SEV-2"
    assert page.evaluate("document.activeElement.id") == "severity"

    # Another agent (or a trigger) added the escalation tag: the sidebar says so.
    page.evaluate("window.__zaf.tags = ['vip', 'billing', 'escalation', 'esc_sev2']")
    sidebar.fire("ticket.tags.changed", ["vip", "billing", "escalation", "esc_sev2"])
    page.wait_for_selector("[data-state='pending']")

    # Then the sync ran: the ticket is in the index, and coming back shows the escalation.
    later = copy.deepcopy(index)
    esc = open_sev1(later)
    later["tickets"][str(NOT_ESCALATED_TICKET)] = esc["id"]
    sidebar.proxy.answers[:] = [ok(later)]
    sidebar.fire("app.activated")
    page.wait_for_selector(f"article[data-escalation='{esc['id']}']")


def test_events_arriving_together_fetch_once_more_not_once_each(sidebar, index_data):
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index_data), {"hold": True}, ok(index_data)],
                 now=parse_time(INDEX_NOW))
    page = sidebar.page
    sidebar.fire("app.activated")
    page.wait_for_function("window.__zaf.held.length === 1")
    for _ in range(3):
        sidebar.fire("ticket.tags.changed", [])
        sidebar.fire("app.activated")
    assert request_count(sidebar) == 2
    page.evaluate("window.__zaf.releaseHeld()")
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 3")
    page.wait_for_timeout(100)
    assert request_count(sidebar) == 3


def test_refresh_that_fails_keeps_the_data_on_screen(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data), {"network": True}],
                 now=parse_time(INDEX_NOW))
    page = sidebar.page
    sidebar.fire("app.activated")
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 2")
    page.wait_for_timeout(100)
    assert page.locator("[role='alert']:not(:empty)").count() == 0
    assert page.get_attribute("article", "data-escalation") == esc["id"]


def test_coming_back_after_an_error_shows_the_data(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[{"network": True}, ok(index_data)],
                 now=parse_time(INDEX_NOW))
    assert "Could not reach GitHub" in sidebar.text("[role='alert']")
    sidebar.fire("app.activated")
    sidebar.page.wait_for_selector(f"article[data-escalation='{esc['id']}']")


def test_app_activated_during_the_first_load_does_not_fetch_twice(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[{"hold": True}, ok(index_data)],
                 now=parse_time(INDEX_NOW), wait=False)
    page = sidebar.page
    page.wait_for_function("window.__zaf.held.length === 1")
    sidebar.fire("app.activated", {"firstLoad": True})
    page.evaluate("window.__zaf.releaseHeld()")
    page.wait_for_selector("article[data-state='escalated']")
    page.wait_for_timeout(100)
    assert request_count(sidebar) == 1


# ---- loading and errors ---------------------------------------------------------------------


def test_loading_state_until_github_answers(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[{"hold": True}, ok(index_data)],
                 now=parse_time(INDEX_NOW), wait=False)
    page = sidebar.page
    page.wait_for_selector("[data-state='loading']")
    assert page.get_attribute("#app", "aria-busy") == "true"
    assert page.inner_text("[data-state='loading']") == "Loading escalation status…"
    sidebar.screenshot("loading")
    assert page.evaluate("window.__zaf.releaseHeld()") == 1
    page.wait_for_selector("article[data-state='escalated']")
    assert page.get_attribute("#app", "aria-busy") == "false"


@pytest.mark.parametrize("status", [401, 403])
def test_rejected_token_asks_for_an_admin(sidebar, index_data, status):
    sidebar.open(ticket_id=48213, answers=[{"status": status, "body": {"message": "Bad credentials"}}],
                 now=parse_time(INDEX_NOW))
    alert = sidebar.page.locator("[role='alert']")
    assert alert.get_attribute("data-error") == "token"
    assert "GitHub token rejected: ask an admin to update the app's token setting" in alert.inner_text()
    assert sidebar.page.locator("#retry").count() == 0
    if status == 401:
        sidebar.screenshot("error-401")


def test_missing_repository_or_index_names_the_settings(sidebar, index_data):
    sidebar.open(ticket_id=48213, answers=[{"status": 404, "body": {"message": "Not Found"}}],
                 now=parse_time(INDEX_NOW))
    assert (
        "Repository or index not found: check the repository, branch and index path settings, "
        "and that `esc index` has run"
    ) in sidebar.text("[role='alert']")
    sidebar.screenshot("error-404")


@pytest.mark.parametrize("failure", [{"network": True}, {"status": 502}], ids=["network", "http-502"])
def test_unreachable_github_offers_retry(sidebar, index_data, failure):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[failure, ok(index_data)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    assert "Could not reach GitHub; try again" in sidebar.text("[role='alert']")
    assert ("HTTP 502" in sidebar.text()) == ("status" in failure)
    if "network" in failure:
        sidebar.screenshot("error-network")
    page.click("#retry")
    page.wait_for_selector("article[data-state='escalated']")
    assert len(sidebar.proxy.seen) == 2


def test_retry_that_fails_again_keeps_the_focus_on_retry(sidebar, index_data):
    sidebar.open(ticket_id=48213, answers=[{"network": True}], now=parse_time(INDEX_NOW))
    page = sidebar.page
    page.focus("#retry")
    page.keyboard.press("Enter")
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 2")
    page.wait_for_selector("#retry")
    assert page.evaluate("document.activeElement.id") == "retry"


def test_rate_limit_is_not_mistaken_for_a_bad_token(sidebar, index_data):
    limited = {"status": 403, "body": {"message": "API rate limit exceeded for installation ID 1."}}
    sidebar.open(ticket_id=48213, answers=[limited, ok(index_data)], now=parse_time(INDEX_NOW))
    assert "GitHub's rate limit was reached; try again in a few minutes" in sidebar.text("[role='alert']")
    sidebar.page.click("#retry")
    sidebar.page.wait_for_selector("article[data-escalation]")


def test_bad_repository_setting_is_reported_without_a_request(sidebar, index_data):
    sidebar.open(ticket_id=48213, answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 settings={**SETTINGS, "repository": "just-a-name"})
    assert "The repository setting must look like owner/name" in sidebar.text("[role='alert']")
    assert sidebar.calls("request") == []


def test_index_in_an_unknown_format_is_reported(sidebar, index_data):
    sidebar.open(ticket_id=48213, answers=[ok({"schema": "something-else@9"})], now=parse_time(INDEX_NOW))
    assert 'unexpected schema "something-else@9"' in sidebar.text("[role='alert']")


# ---- security --------------------------------------------------------------------------------


def test_token_stays_in_zendesks_proxy(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    page = sidebar.page

    [request] = sidebar.proxy.seen
    assert request["url"] == (
        "https://api.github.com/repos/acme-cs/escalations/contents/escalations/index.json?ref=main"
    )
    assert request["type"] == "GET"
    assert request["headers"] == {
        "Authorization": f"Bearer {TOKEN_PLACEHOLDER}",
        "Accept": "application/vnd.github.raw",
    }
    assert request["secure"] is True and request["cors"] is False and request["dataType"] == "json"
    # The proxy inserted the token on its side...
    assert sidebar.proxy.upstream[0]["headers"]["Authorization"] == f"Bearer {SECRET_TOKEN}"
    # ...and nothing in the browser ever held it or talked to GitHub directly.
    page_state = page.evaluate(
        "JSON.stringify([document.documentElement.outerHTML, window.__zaf.calls, window.__zafConfig,"
        " Object.assign({}, localStorage), Object.assign({}, sessionStorage), document.cookie])"
    )
    assert SECRET_TOKEN not in page_state
    assert SECRET_TOKEN not in page.content()
    assert sidebar.outside_requests == []
    assert "github_token" not in json.dumps(page.evaluate("window.__zafConfig.settings"))


def test_strings_from_the_index_are_never_parsed_as_html(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    esc["customer"] = '<img src=x onerror="window.__pwned = 1">'
    esc["title"] = "<b>bold</b> & <i>bad</i>"
    esc["owner"] = "<script>window.__pwned = 2</script>"
    esc["triggers"] = ['"><svg onload="window.__pwned = 3">']
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=parse_time(INDEX_NOW))
    page = sidebar.page

    text = sidebar.text()
    for value in (esc["customer"], esc["title"], esc["owner"], esc["triggers"][0]):
        assert value in text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#app img, #app b, #app i, #app script, #app svg").count() == 0


def test_github_enterprise_addresses(sidebar, index_data):
    esc = open_sev1(index_data)
    settings = {**SETTINGS, "github_api_url": "https://ghe.example.com/api/v3/", "branch": "release/2026"}
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 settings=settings)
    page = sidebar.page
    assert sidebar.proxy.seen[0]["url"] == (
        "https://ghe.example.com/api/v3/repos/acme-cs/escalations/contents/escalations/index.json?ref=release%2F2026"
    )
    assert page.get_attribute("#document-link", "href") == (
        f"https://ghe.example.com/acme-cs/escalations/blob/release/2026/{esc['path']}"
    )
    assert page.get_attribute("#pulls-link", "href").startswith("https://ghe.example.com/acme-cs/escalations/pulls?q=")


def test_settings_left_empty_fall_back_to_the_defaults(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 settings={"repository": "acme-cs/escalations", "branch": "", "index_path": None})
    assert sidebar.proxy.seen[0]["url"] == (
        "https://api.github.com/repos/acme-cs/escalations/contents/escalations/index.json?ref=main"
    )


def test_index_as_base64_contents_is_understood(sidebar, index_data):
    import base64

    esc = open_sev1(index_data)
    raw = json.dumps(index_data).encode("utf-8")
    contents = {"type": "file", "encoding": "base64", "content": base64.encodebytes(raw).decode("ascii")}
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(contents)], now=parse_time(INDEX_NOW))
    assert sidebar.page.get_attribute("article", "data-escalation") == esc["id"]


# ---- what the index decides --------------------------------------------------------------


def iso(moment: Any) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_each_deadline_shows_its_state_from_the_index_and_moves_on_with_the_clock(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    update_due = parse_time(esc["next_update_due"])
    now = update_due - timedelta(minutes=20)
    for item in esc["deadlines"]:
        if item["kind"] == "customer_update":
            item.update(state="due_soon", warn_at=iso(update_due - timedelta(minutes=30)))
    esc["deadlines"] += [
        {"kind": "plan_step", "label": "Plan step: Restore the sync", "due": iso(now + timedelta(hours=5)),
         "warn_at": iso(now + timedelta(hours=1)), "state": "on_track"},
        {"kind": "leaders_notified", "label": "Leaders notified", "due": iso(now - timedelta(minutes=10)),
         "state": "overdue"},
    ]
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=now)
    page = sidebar.page

    assert page.inner_text("#next-update-state") == "Due soon"
    assert page.inner_text("#next-update") == "Due in 20 min"
    step = page.locator(".deadlines li[data-kind='plan_step']", has_text="Plan step: Restore the sync")
    assert "Plan step: Restore the sync" in step.inner_text()  # the index's label, word for word
    assert step.locator(".deadline-state").inner_text() == "On track"
    assert step.locator(".countdown").inner_text() == "due in 5 h 0 min"
    late = page.locator(".deadlines li[data-kind='leaders_notified'] .deadline-state")
    assert late.inner_text() == "Overdue" and late.get_attribute("data-deadline-state") == "overdue"
    sidebar.screenshot("deadline-states")

    # The page's clock passes warn_at and due: the states move on without a sync.
    page.clock.run_for(61 * 60 * 1000)
    assert page.inner_text("#next-update-state") == "Overdue"
    assert step.locator(".deadline-state").inner_text() == "Due soon"


def test_escalate_uses_the_tags_the_index_names(sidebar, index_data):
    index = copy.deepcopy(index_data)
    index["escalation_tag"] = "needs_escalation"
    index["severity_tags"] = {f"SEV-{n}": f"cs_sev{n}" for n in range(1, 5)}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, tags=["cs_sev4", "esc_sev1"], answers=[ok(index)],
                 now=parse_time(INDEX_NOW))
    escalate(sidebar, "SEV-2")
    assert sidebar.zendesk.requests() == [
        ("PUT", f"/api/v2/tickets/{NOT_ESCALATED_TICKET}/tags.json", {"tags": ["needs_escalation", "cs_sev2"]}),
        ("DELETE", f"/api/v2/tickets/{NOT_ESCALATED_TICKET}/tags.json", {"tags": ["cs_sev4"]}),
    ]


def test_no_escalate_form_when_the_sync_watches_no_tag(sidebar, index_data):
    index = {**index_data, "escalation_tag": None}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index)], now=parse_time(INDEX_NOW))
    assert sidebar.page.locator("#escalate").count() == 0
    assert "the sync watches no escalation tag" in sidebar.text("#no-escalation-tag")


# ---- the impact questions --------------------------------------------------------------------

PLAYBOOK_SEV2 = "Major functionality degraded, significant workflow blocked, or customer executive has personally escalated a concern."


def answer(sidebar: Any, **answers: bool) -> None:
    for question, yes in answers.items():
        sidebar.page.check(f"#q-{question}-{'yes' if yes else 'no'}")


def test_the_answers_propose_the_playbooks_severity_with_its_definition(sidebar, index_data):
    # An index without the matrix yet: the sidebar's fallback (the playbook's matrix).
    index = {k: v for k, v in index_data.items() if k not in ("impact_questions", "impact_matrix", "severity_definitions")}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    questions = page.locator(".question legend")
    assert questions.count() == 6
    assert questions.nth(0).inner_text().startswith("Is production down for everyone")
    assert page.inner_text("#impact-proposal") == "Answer the questions to see the playbook's severity"
    assert page.input_value("#severity") == ""

    answer(sidebar, down_for_everyone=False, data_lost_or_exposed=False, workflow_blocked=True)
    assert page.inner_text("#impact-proposal") == "Answer the questions to see the playbook's severity"
    answer(sidebar, workaround=False)
    assert page.inner_text("#impact-proposal") == "The answers give SEV-2 — High"
    assert page.input_value("#severity") == "SEV-2"
    assert page.inner_text("#severity-definition") == PLAYBOOK_SEV2
    shutil.copyfile(sidebar.screenshot("impact-questions"), DOCS_SCREENSHOT.with_name("sidebar-escalate.png"))

    # A workaround after all: no proposal until the questions that now matter are answered.
    answer(sidebar, workaround=True)
    assert page.input_value("#severity") == ""
    answer(sidebar, customer_executive=False)
    assert page.inner_text("#impact-proposal") == "The answers give SEV-3 — Medium"
    assert page.input_value("#severity") == "SEV-3"

    # The agent may choose another level; the answers no longer move it.
    page.select_option("#severity", "SEV-2")
    assert page.inner_text("#severity-override") == "You chose SEV-2 over the answers' SEV-3"
    answer(sidebar, down_for_everyone=True)
    assert page.input_value("#severity") == "SEV-2"
    assert page.inner_text("#severity-override") == "You chose SEV-2 over the answers' SEV-1"
    page.click("#escalate")
    page.wait_for_selector("[data-state='escalated-now']")
    assert sidebar.zendesk.requests()[0][2] == {"tags": ["escalation", "esc_sev2"]}


def test_the_index_carries_the_questions_matrix_and_definitions(sidebar, index_data):
    index = copy.deepcopy(index_data)
    index["impact_questions"] = [
        {"id": "whole_company", "text": "<b>Is the whole company stopped?</b>"},
        {"id": "money", "text": "Is money lost?"},
    ]
    index["impact_matrix"] = [
        {"when": {"whole_company": True}, "severity": "SEV-1", "rule": "business stopped"},
        {"when": {"money": True}, "severity": "SEV-2", "rule": "revenue"},
        {"when": {}, "severity": "SEV-4", "rule": "minor"},
    ]
    index["severity_definitions"] = {"SEV-1": "Stopped.", "SEV-2": "Money.", "SEV-3": "Some.", "SEV-4": "Minor."}
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    assert page.locator(".question legend").all_inner_texts() == ["<b>Is the whole company stopped?</b>", "Is money lost?"]
    assert page.locator("#app b").count() == 0
    answer(sidebar, whole_company=False, money=True)
    assert page.inner_text("#impact-proposal") == "The answers give SEV-2 — High (revenue)"
    assert page.inner_text("#severity-definition") == "Money."

    # A background refresh that changes nothing keeps the answers and the choice.
    sidebar.fire("app.activated")
    page.wait_for_function("window.__zaf.calls.filter(c => c.method === 'request').length === 2")
    page.wait_for_timeout(50)
    assert page.is_checked("#q-money-yes") and page.input_value("#severity") == "SEV-2"


# ---- recording from the sidebar -----------------------------------------------------------------


def post_note(sidebar: Any, kind: str, **fields: str) -> None:
    page = sidebar.page
    if not page.locator(f"#record-{kind}").evaluate("node => node.open"):
        page.click(f"#record-{kind} summary")
    for name, value in fields.items():
        page.fill(f"#note-{kind}-{name}", value)
    page.click(f"#note-{kind}-post")


def note_request(ticket: int, body: str) -> dict[str, Any]:
    return {
        "url": f"/api/v2/tickets/{ticket}.json",
        "type": "PUT",
        "contentType": "application/json",
        "data": json.dumps({"ticket": {"comment": {"body": body, "public": False}}}, separators=(",", ":"), ensure_ascii=False),
    }


NOTES = [
    ("notified", {"name": "Priya Raman", "role": "CS Director"}, "#esc notified Priya Raman, CS Director"),
    ("step", {"action": "Restore the sync", "owner": "Lee Park", "due": "2026-11-28"},
     "#esc step Restore the sync — Owner: Lee Park — Due: 2026-11-28"),
    ("target", {"date": "2026-11-29", "time": "17:00"}, "#esc target 2026-11-29 17:00"),
    ("sponsor", {"name": "Rachel Kim"}, "#esc sponsor Rachel Kim"),
    ("cadence", {"every": "daily", "reason": "agreed with the customer"}, "#esc cadence daily (agreed with the customer)"),
]


def test_the_forms_post_structured_internal_notes_as_the_agent(sidebar, index_data):
    esc = open_sev1(index_data)
    ticket = ticket_of(index_data, esc)
    sidebar.open(ticket_id=ticket, answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    assert page.text_content("#record-title") == "Record in the document"
    # The sync reads a target time in the team's business-hours zone: the form says which.
    assert page.text_content("label[for='note-target-time']") == f"Time ({index_data['business_timezone']})"
    for position, (kind, fields, body) in enumerate(NOTES):
        post_note(sidebar, kind, **fields)
        page.wait_for_function(f"document.getElementById('note-{kind}-done').textContent !== ''")
        assert page.inner_text(f"#note-{kind}-done") == f"Posted as an internal note: {body}"
        assert page.input_value(f"#note-{kind}-{next(iter(fields))}") == "", "the form is emptied for the next one"
        # Zendesk's own API with the agent's session: an internal note, no token anywhere.
        assert sidebar.zendesk.seen[position] == note_request(ticket, body)
        if kind == "step":
            sidebar.screenshot("record-step")
    assert [c["body"] for c in sidebar.zendesk.comments] == [body for _, _, body in NOTES]
    assert all(c["public"] is False for c in sidebar.zendesk.comments)
    assert TOKEN_PLACEHOLDER not in json.dumps(sidebar.zendesk.seen)
    assert sidebar.calls("set") == [], "recording does not touch the ticket form"
    # The picture in the docs: the plan-step form filled in, the others closed.
    for kind in ("notified", "target", "sponsor", "cadence"):
        page.click(f"#record-{kind} summary")
    for name, value in NOTES[1][1].items():
        page.fill(f"#note-step-{name}", value)
    page.evaluate("document.getElementById('note-step-done').textContent = ''")
    shutil.copyfile(sidebar.screenshot("record"), DOCS_SCREENSHOT.with_name("sidebar-record.png"))


def test_a_note_that_would_be_misread_is_refused_before_posting(sidebar, index_data):
    esc = open_sev1(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    post_note(sidebar, "step", action="Restore the sync", owner="")
    assert page.inner_text("#note-step-message") == "Owner: required"
    assert page.get_attribute("#note-step-owner", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "note-step-owner"
    post_note(sidebar, "notified", name="Raman, Priya", role="CS Director")
    assert page.inner_text("#note-notified-message").startswith("Who was notified cannot contain a comma")
    # Typed over two lines: still one command.
    post_note(sidebar, "sponsor", name="Rachel\nKim")
    page.wait_for_function("document.getElementById('note-sponsor-done').textContent !== ''")
    assert [c["body"] for c in sidebar.zendesk.comments] == ["#esc sponsor Rachel Kim"]


def test_a_note_the_agent_may_not_post_says_so(sidebar, index_data):
    esc = open_sev1(index_data)
    forbidden = {"status": 403, "body": {"error": {"title": "Forbidden", "message": "You do not have access"}}}
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW),
                 zendesk_answers=[forbidden, {"status": 503}])
    page = sidebar.page
    post_note(sidebar, "sponsor", name="Rachel Kim")
    page.wait_for_function("document.getElementById('note-sponsor-message').textContent !== ''")
    assert page.inner_text("#note-sponsor-message") == "You don't have permission to add a note to this ticket"
    assert page.input_value("#note-sponsor-name") == "Rachel Kim", "nothing typed is lost"
    page.click("#note-sponsor-post")
    page.wait_for_function("document.getElementById('note-sponsor-message').textContent.includes('503')")
    assert page.inner_text("#note-sponsor-message") == "Could not post the note (Zendesk answered HTTP 503); try again"
    assert sidebar.zendesk.comments == []


def test_typed_notes_survive_a_refresh_that_changes_the_view(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    later = copy.deepcopy(index)
    open_sev1(later)["owner"] = "Someone Else"
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index), ok(later)], now=parse_time(INDEX_NOW))
    page = sidebar.page
    page.click("#record-step summary")
    page.fill("#note-step-action", "Restore the sync")
    sidebar.fire("app.activated")
    page.wait_for_function("document.getElementById('app').innerText.includes('Someone Else')")
    assert page.locator("#record-step").evaluate("node => node.open")
    assert page.input_value("#note-step-action") == "Restore the sync"


def test_no_forms_on_a_resolved_escalation(sidebar, index_data):
    esc = resolved(index_data)
    sidebar.open(ticket_id=ticket_of(index_data, esc), answers=[ok(index_data)], now=parse_time(INDEX_NOW))
    assert sidebar.page.locator("#record-title").count() == 0


# ---- the organization's open escalations -----------------------------------------------------------


def with_organization(index: dict[str, Any], org_id: int, name: str) -> dict[str, Any]:
    """The index with every example escalation in organization *org_id*."""
    index = copy.deepcopy(index)
    for esc in index["escalations"]:
        esc["organization_id"], esc["organization"] = org_id, name
    return index


def test_a_ticket_of_an_organization_with_an_open_escalation_says_so(sidebar, index_data):
    index = with_organization(index_data, 4242, "Acme Corp")
    open_ones = [e for e in index["escalations"] if e["status"] in OPEN_STATUSES]
    assert open_ones and len(open_ones) < len(index["escalations"]), "the examples need open and resolved escalations"
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index)], now=parse_time(INDEX_NOW),
                 organization={"id": 4242, "name": "Acme Corporation (Zendesk)"})
    page = sidebar.page
    lines = page.locator("#organization-banner li")
    assert lines.count() == len(open_ones), "resolved and closed escalations are not announced"
    first = open_ones[0]
    assert lines.nth(0).locator("p").inner_text() == (
        f"Acme Corp has an open {first['severity']} escalation, {first['id']}, owner {first['owner']}"
    )
    link = lines.nth(0).locator("a")
    assert link.get_attribute("href") == f"https://github.com/{SETTINGS['repository']}/blob/main/{first['path']}"
    assert link.inner_text().startswith(f"Open {first['id']}")
    assert page.locator("#escalate").count() == 1, "the ticket can still be escalated on its own"
    sidebar.screenshot("organization-banner")


def test_an_escalated_ticket_shows_only_the_organizations_other_escalations(sidebar, index_data):
    index = with_organization(index_data, 4242, '<img src=x onerror="window.__pwned = 1">')
    esc = open_sev1(index)
    others = [e for e in index["escalations"] if e["status"] in OPEN_STATUSES and e["id"] != esc["id"]]
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=parse_time(INDEX_NOW),
                 organization={"id": 4242, "name": "Acme"})
    page = sidebar.page
    shown = page.locator("#organization-banner li").evaluate_all("nodes => nodes.map(n => n.dataset.escalation)")
    assert shown == [e["id"] for e in others]
    if others:
        assert page.locator("#organization-banner p").first.inner_text().startswith('<img src=x onerror="window.__pwned = 1">')
    assert page.evaluate("window.__pwned") is None and page.locator("#app img").count() == 0


def test_no_banner_for_another_organization_or_none(sidebar, index_data):
    index = with_organization(index_data, 4242, "Acme Corp")
    sidebar.open(ticket_id=NOT_ESCALATED_TICKET, answers=[ok(index)], now=parse_time(INDEX_NOW),
                 organization={"id": 7, "name": "Other"})
    assert sidebar.page.locator("#organization-banner").count() == 0


def test_a_severity_nobody_confirmed_is_shown_as_a_proposal(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    esc.update(severity_state="proposed", severity_set_by=None, severity_set_at=None)
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=parse_time(INDEX_NOW))
    assert sidebar.page.inner_text("#severity-state") == "proposed — confirm"
    assert sidebar.page.inner_text(".badge") == "SEV-1 · Critical"
    sidebar.screenshot("severity-proposed")

    esc.update(severity_state="confirmed", severity_set_by="Dana Whitfield", severity_set_at=INDEX_NOW)
    sidebar.proxy.answers[:] = [ok(index)]
    sidebar.fire("app.activated")
    sidebar.page.wait_for_function("!document.getElementById('severity-state')")


def test_an_agreed_cadence_is_shown_with_the_next_update(sidebar, index_data):
    index = copy.deepcopy(index_data)
    esc = open_sev1(index)
    esc["cadence"] = {"every": "every 2h", "agreed_by": "Dana Whitfield", "reason": "the customer's CIO asked"}
    sidebar.open(ticket_id=ticket_of(index, esc), answers=[ok(index)], now=parse_time(INDEX_NOW))
    assert sidebar.page.inner_text("#agreed-cadence") == (
        "Agreed cadence: every 2h, agreed by Dana Whitfield (the customer's CIO asked)"
    )
    index2 = copy.deepcopy(index_data)
    open_sev1(index2)["cadence"] = None
    sidebar.proxy.answers[:] = [ok(index2)]
    sidebar.fire("app.activated")
    sidebar.page.wait_for_function("!document.getElementById('agreed-cadence')")
