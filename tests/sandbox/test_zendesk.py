"""The Zendesk emulator, driven by zenpy unmodified (and by plain HTTP where zenpy hides
the wire). Every test gets a freshly reset sandbox."""

from __future__ import annotations

import base64
import json
import time
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
import requests
from hypothesis import given, settings, strategies as st
from zenpy import Zenpy
from zenpy.lib.api_objects import Comment, Ticket
from zenpy.lib.exception import APIException, RatelimitBudgetExceeded, RecordNotFoundException

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Controlled, Fault, FaultPlan, RequestLog, ServerThread
from escalation_desk.sandbox.dataset import ACCOUNT_IDS, ESCALATED_VIEW_ID, SCENARIO_GROUPS, SCENARIOS, build_dataset
from escalation_desk.sandbox.zendesk import ZendeskEmulator, ZendeskState
from escalation_desk.sandbox.zendesk_search import QueryError, search

LATER = datetime(2026, 11, 26, 18, 30, tzinfo=timezone.utc)


def client(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, **kwargs) -> Zenpy:
    monkeypatch.setenv("ZENPY_FORCE_SCHEME", "http")
    monkeypatch.setenv("ZENPY_FORCE_NETLOC", sandbox.url("zendesk").split("//", 1)[1])
    kwargs.setdefault("email", sandbox.zendesk.api_user_email)
    kwargs.setdefault("token", sandbox.zendesk.api_token)
    return Zenpy(subdomain="x", disable_cache=True, **kwargs)


@pytest.fixture
def zd(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Zenpy:
    return client(sandbox, monkeypatch)


def raw(sandbox: Sandbox, path: str, method: str = "GET", auth: bool = True, **kwargs) -> requests.Response:
    credentials = (f"{sandbox.zendesk.api_user_email}/token", sandbox.zendesk.api_token) if auth else None
    return requests.request(method, sandbox.url("zendesk") + path, auth=credentials, timeout=5, **kwargs)


def requests_to(sandbox: Sandbox, path: str) -> list:
    return [e for e in sandbox.log.entries("zendesk") if e.path.startswith(path)]


# -- reading tickets ----------------------------------------------------------------------
def test_ticket_show_and_related_objects(zd: Zenpy) -> None:
    ticket = zd.tickets(id=SCENARIOS["escalated_sync"])
    assert ticket.subject == "Salesforce sync stopped"
    assert ticket.created_at == "2026-11-20T14:05:00Z"
    assert ticket.requester.name == "Jordan Ellis"  # GET /users/7001.json
    assert ticket.organization.external_id == ACCOUNT_IDS["acme"]
    assert ticket.via.channel == "email" and "escalation" in ticket.tags


def test_show_many_with_side_loads(zd: Zenpy, sandbox: Sandbox) -> None:
    ids = list(SCENARIO_GROUPS["three_related"]) + [SCENARIOS["social_anonymous"]]
    tickets = list(zd.tickets(ids=ids, include=["users", "organizations"]))
    assert sorted(t.id for t in tickets) == sorted(ids)
    body = raw(sandbox, "/api/v2/tickets/show_many.json",
               params={"include": "users,organizations", "ids": ",".join(map(str, ids))}).json()
    assert {u["id"] for u in body["users"]} >= {t["requester_id"] for t in body["tickets"]}
    assert [o["name"] for o in body["organizations"]] == ["Meridian Insurance"]
    assert body["tickets"][0]["url"].startswith(sandbox.url("zendesk") + "/api/v2/tickets/")


def test_too_many_ids_is_refused(sandbox: Sandbox) -> None:
    answer = raw(sandbox, "/api/v2/tickets/show_many.json", params={"ids": ",".join(map(str, range(1, 102)))})
    assert answer.status_code == 400 and answer.json()["error"] == "TooManyValues"


def test_not_found_and_unknown_endpoint(zd: Zenpy, sandbox: Sandbox) -> None:
    with pytest.raises(RecordNotFoundException):
        zd.tickets(id=1)
    assert raw(sandbox, "/api/v2/tickets/1.json").json() == {"error": "RecordNotFound", "description": "Not found"}
    unknown = raw(sandbox, "/api/v2/macros/frobnicate.json")
    assert unknown.status_code == 404 and unknown.json()["error"] == "InvalidEndpoint"


def test_plain_http_clients_get_zendesk_json(sandbox: Sandbox) -> None:
    token = base64.b64encode(f"{sandbox.zendesk.api_user_email}/token:{sandbox.zendesk.api_token}".encode())
    request = urllib.request.Request(sandbox.url("zendesk") + "/api/v2/tickets/48211.json",
                                     headers={"Authorization": "Basic " + token.decode()})
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.headers["Content-Type"].startswith("application/json")
        assert answer.headers["X-Rate-Limit"] == "700"
        ticket = json.load(answer)["ticket"]
    assert ticket["id"] == 48211 and ticket["priority"] == "low" and ticket["status"] == "new"
    assert ticket["fields"] == ticket["custom_fields"]
    assert ticket["via"] == {"channel": "web", "source": {"from": {}, "to": {}, "rel": None}}


def test_query_parameters_are_parsed_not_matched(sandbox: Sandbox) -> None:
    base = "/api/v2/search.json?"
    one = raw(sandbox, base + "query=type%3Aticket%20tags%3Aescalation&sort_by=created_at&sort_order=asc").json()
    two = raw(sandbox, base + "sort_order=asc&sort_by=created_at&query=tags:escalation+type:ticket").json()
    assert [r["id"] for r in one["results"]] == [r["id"] for r in two["results"]]
    assert one["count"] == len(SCENARIO_GROUPS["tagged_escalation"])


# -- search -------------------------------------------------------------------------------
def test_search_pages_by_offset_until_the_end(zd: Zenpy, sandbox: Sandbox) -> None:
    found = [t.id for t in zd.search(type="ticket")]
    assert sorted(found) == sorted(sandbox.zendesk.tickets) and len(found) == 240
    pages = requests_to(sandbox, "/api/v2/search.json")
    assert len(pages) == 3 and "page=3" in pages[-1].query


def test_search_stops_at_zendesks_1000_result_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    state = ZendeskState(build_dataset(tickets=1050).zendesk)
    log = RequestLog()
    server = ServerThread(Controlled("zendesk", ZendeskEmulator(state), FaultPlan(), log)).start()
    try:
        monkeypatch.setenv("ZENPY_FORCE_SCHEME", "http")
        monkeypatch.setenv("ZENPY_FORCE_NETLOC", f"127.0.0.1:{server.port}")
        zd = Zenpy(subdomain="x", email=state.api_user_email, token=state.api_token, disable_cache=True)
        results = zd.search(type="ticket")
        assert len(results) == 1050  # count is the real total ...
        assert len(list(results)) == 1000  # ... but page 11 answers 422 and zenpy stops
        assert [e.status for e in log.entries()][-1] == 422
    finally:
        server.stop()


def test_search_query_language(zd: Zenpy, sandbox: Sandbox) -> None:
    def ids(query: str, **kwargs) -> set[int]:
        return {r.id for r in zd.search(query, **kwargs)}

    assert ids("type:ticket tags:export_timeout status<solved") == set(SCENARIO_GROUPS["three_related"])
    assert ids("cancel") == {SCENARIOS["keyword_cancel"]}
    assert ids('"data breach"') == {SCENARIOS["calm_breach"]}
    assert ids("breach", type="ticket") == {SCENARIOS["calm_breach"], SCENARIOS["keyword_breach_sla"]}
    assert ids("legal -tags:escalation type:ticket") == {SCENARIOS["keyword_legal"]}
    meridian = sandbox.dataset.zendesk.organizations[4]["id"]
    assert SCENARIOS["three_related_1"] in ids(f"type:ticket organization:{meridian} created>2026-11-19")
    assert SCENARIOS["three_related_1"] not in ids(f"type:ticket organization:{meridian} created>2026-11-20")
    recent = ids("type:ticket updated>2026-11-26T06:00:00Z")
    assert recent and all(sandbox.zendesk.tickets[i]["updated_at"] > "2026-11-26T06:00:00Z" for i in recent)
    assert ids("type:ticket updated>=2026-11-26T06:00:00Z") >= recent
    either = ids("type:ticket tags:escalation status:pending status:solved")
    assert either == {SCENARIOS["escalated_pending"], SCENARIOS["escalated_solved"]}
    assert ids("type:ticket", updated_after=datetime(2026, 11, 26, 6, tzinfo=timezone.utc)) == recent
    assert {r.name for r in zd.search("acme", type="organization")} == {"Acme Corp"}
    with pytest.raises(APIException) as refused:
        list(zd.search("type:ticket status<done"))
    assert refused.value.response.status_code == 400


_SEARCH_STATE = ZendeskState(build_dataset(tickets=60).zendesk)
_PIECES = st.sampled_from(["type:ticket", "type:user", "tags:escalation", "-tags:social", "status<solved",
                           "status:open", "priority>=high", "created>2026-11-20", "updated<3days", "via:email",
                           "organization:1001", "requester:none", 'subject:"sync stopped"', "export*",
                           "order_by:updated_at", "sort:asc", "cancel", "-", '"', "tags:", "a:b:c"])


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=6))
def test_any_query_is_answered_or_refused_cleanly(pieces: list[str]) -> None:
    query = " ".join(pieces)
    try:
        results = search(_SEARCH_STATE, query)
    except QueryError:
        return
    assert all(kind in ("ticket", "user", "organization") for kind, _record in results)
    ids = [(kind, record["id"]) for kind, record in results]
    assert len(ids) == len(set(ids))


def test_search_export_pages_by_cursor(zd: Zenpy, sandbox: Sandbox) -> None:
    found = [t.id for t in zd.search_export(type="ticket")]
    assert found == sorted(sandbox.zendesk.tickets)
    assert len(requests_to(sandbox, "/api/v2/search/export.json")) == 3
    assert raw(sandbox, "/api/v2/search/export.json", params={"query": "x"}).status_code == 400


# -- writing ------------------------------------------------------------------------------
def test_update_with_tags_custom_fields_and_internal_note(zd: Zenpy, sandbox: Sandbox) -> None:
    sandbox.zendesk.now = LATER
    ticket = zd.tickets(id=SCENARIOS["escalated_sync"])
    ticket.tags.extend(["esc_sev2", "esc_in_progress"])
    ticket.custom_fields = [{"id": 360002, "value": 150}]
    ticket.comment = Comment(body="Escalation document: https://example.test/ESC-48213", public=False)
    result = zd.tickets.update(ticket)
    assert "esc_sev2" in result.ticket.tags and result.ticket.updated_at == "2026-11-26T18:30:00Z"
    stored = sandbox.zendesk.tickets[48213]
    assert {"id": 360002, "value": 150} in stored["custom_fields"]
    assert {"id": 360001, "value": "integration"} in stored["custom_fields"]  # merged by id
    note = sandbox.zendesk.comments[48213][-1]
    assert note["public"] is False and note["author_id"] == 5000 and note["created_at"] == "2026-11-26T18:30:00Z"
    kinds = [(e["type"], e.get("field_name")) for e in result.audit.events]
    assert kinds == [("Comment", None), ("Change", "tags"), ("Change", "custom_fields")]
    listed = list(zd.tickets.comments(ticket=48213))
    assert listed[-1].body.startswith("Escalation document") and listed[-1].public is False


def test_tags_endpoints(zd: Zenpy, sandbox: Sandbox) -> None:
    ticket_id = SCENARIOS["calm_breach"]
    assert "esc_sev1" in [t for t in zd.tickets.add_tags(ticket_id, ["ESC_SEV1"])]
    assert sorted(zd.tickets.set_tags(ticket_id, ["a", "b"])) == ["a", "b"]
    assert list(zd.tickets.delete_tags(ticket_id, ["a"])) == ["b"]
    assert sandbox.zendesk.tickets[ticket_id]["tags"] == ["b"]
    changes = [e for a in sandbox.zendesk.audits_by_ticket[ticket_id] for e in a["events"] if e["type"] == "Change"]
    assert len(changes) == 3


def test_invalid_updates_are_refused(sandbox: Sandbox) -> None:
    bad = raw(sandbox, "/api/v2/tickets/48213.json", "PUT", json={"ticket": {"status": "done"}})
    assert bad.status_code == 422 and bad.json()["error"] == "RecordInvalid"
    closed = next(t for t in sandbox.zendesk.tickets.values() if t["status"] == "closed")
    refused = raw(sandbox, f"/api/v2/tickets/{closed['id']}.json", "PUT", json={"ticket": {"tags": ["x"]}})
    assert refused.status_code == 422
    stale = raw(sandbox, "/api/v2/tickets/48213.json", "PUT",
                json={"ticket": {"safe_update": True, "updated_stamp": "2020-01-01T00:00:00Z", "priority": "low"}})
    assert stale.status_code == 409 and sandbox.zendesk.tickets[48213]["priority"] == "high"
    assert raw(sandbox, "/api/v2/tickets/48213.json", "PUT", json={"nope": 1}).status_code == 400


def test_create_ticket(zd: Zenpy, sandbox: Sandbox) -> None:
    created = zd.tickets.create(Ticket(subject="Escalate me", comment=Comment(body="Please help"), requester_id=7001))
    assert created.ticket.id == 48227 and created.ticket.organization_id == 1001
    assert sandbox.zendesk.comments[48227][0]["body"] == "Please help"


# -- cursor lists and incremental exports ----------------------------------------------------
def test_comments_page_by_cursor(zd: Zenpy, sandbox: Sandbox) -> None:
    for n in range(120):
        sandbox.zendesk.add_comment(48212, f"STILL WAITING ({n})", author_id=7008)
    comments = list(zd.tickets.comments(ticket=48212))
    assert len(comments) == 122 and comments[-1].body == "STILL WAITING (119)"
    pages = requests_to(sandbox, "/api/v2/tickets/48212/comments.json")
    assert len(pages) == 2 and "after" in pages[1].query
    first = raw(sandbox, "/api/v2/tickets/48212/comments.json", params={"page[size]": 100}).json()
    assert first["meta"]["has_more"] is True and first["links"]["next"].startswith(sandbox.url("zendesk"))
    assert first["comments"][0]["html_body"].startswith('<div class="zd-comment"')
    too_big = raw(sandbox, "/api/v2/tickets/48212/comments.json", params={"page[size]": 101})
    assert too_big.status_code == 400


def test_incremental_ticket_export_continues_from_a_stored_cursor(zd: Zenpy, sandbox: Sandbox) -> None:
    start = int(datetime(2026, 11, 20, tzinfo=timezone.utc).timestamp())
    export = zd.tickets.incremental(start_time=start, per_page=40)
    seen = [(t.updated_at, t.id) for t in export]
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert {i for _u, i in seen} == {t["id"] for t in sandbox.zendesk.tickets.values()
                                      if t["updated_at"] >= "2026-11-20T00:00:00Z"}
    assert len(requests_to(sandbox, "/api/v2/incremental/tickets/cursor.json")) > 2
    assert export.end_of_stream is True
    stored = export.after_cursor

    assert list(zd.tickets.incremental(cursor=stored)) == []  # nothing changed since
    sandbox.zendesk.now = LATER
    sandbox.zendesk.add_comment(48209, "Any news on dark mode?", author_id=7018)
    changed = list(zd.tickets.incremental(cursor=stored))
    assert [t.id for t in changed] == [48209] and changed[0].updated_at == "2026-11-26T18:30:00Z"


def test_incremental_ticket_events_with_comment_events(zd: Zenpy, sandbox: Sandbox) -> None:
    start = int(datetime(2026, 11, 25, 12, tzinfo=timezone.utc).timestamp())
    events = list(zd.tickets.events(start_time=start, include="comment_events", per_page=10))
    audits = [a for a in sandbox.zendesk.audits if a["created_at"] >= "2026-11-25T12:00:00Z"]
    assert sorted(e.id for e in events) == sorted(a["id"] for a in audits)
    assert len(requests_to(sandbox, "/api/v2/incremental/ticket_events.json")) > 2
    opened = int(datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc).timestamp())
    first_of_48213 = next(e for e in zd.tickets.events(start_time=opened, include="comment_events", per_page=5)
                          if e.ticket_id == 48213)
    comment = first_of_48213.child_events[0]
    assert comment["event_type"] == "Comment" and comment["body"].startswith("Since this morning")
    assert first_of_48213.event_type == "Audit" and first_of_48213.updater_id == 7001
    without = raw(sandbox, "/api/v2/incremental/ticket_events.json", params={"start_time": start}).json()
    assert all(c["event_type"] != "Comment" for e in without["ticket_events"] for c in e["child_events"])


def test_writes_appear_as_audits_and_events(zd: Zenpy, sandbox: Sandbox) -> None:
    sandbox.zendesk.now = LATER
    zd.tickets.add_tags(48214, ["esc_sev1"])
    audits = list(zd.tickets.audits(ticket=48214))
    assert audits[-1].events[0]["field_name"] == "tags" and audits[-1].author_id == 5000
    events = raw(sandbox, "/api/v2/incremental/ticket_events.json",
                 params={"start_time": int(LATER.timestamp())}).json()
    assert events["end_of_stream"] is True
    assert events["ticket_events"][0]["child_events"][0]["added_tags"] == ["esc_sev1"]


def test_ticket_metrics(zd: Zenpy) -> None:
    metric = zd.tickets.metrics(SCENARIOS["escalated_sync"])
    assert metric.reply_time_in_minutes == {"calendar": 35, "business": 35}
    assert metric.replies == 3 and metric.solved_at is None
    solved = zd.tickets.metrics(SCENARIOS["escalated_solved"])
    assert solved.full_resolution_time_in_minutes["calendar"] == 50 * 60


def test_views(zd: Zenpy, sandbox: Sandbox) -> None:
    assert [v.title for v in zd.views()] == ["Escalated tickets", "Unsolved urgent and high"]
    escalated = {t.id for t in zd.views.tickets(view=ESCALATED_VIEW_ID)}
    unsolved_escalations = {t["id"] for t in sandbox.zendesk.tickets.values()
                            if "escalation" in t["tags"] and t["status"] not in ("solved", "closed")}
    assert escalated == unsolved_escalations and SCENARIOS["escalated_solved"] not in escalated
    assert zd.views.count(view=ESCALATED_VIEW_ID).value == len(escalated)
    zd.tickets.add_tags(SCENARIOS["calm_breach"], ["escalation"])
    assert SCENARIOS["calm_breach"] in {t.id for t in zd.views.tickets(view=ESCALATED_VIEW_ID)}


# -- people and organizations -----------------------------------------------------------------
def test_users_and_organizations(zd: Zenpy, sandbox: Sandbox) -> None:
    assert [u.name for u in zd.users(ids=[5001, 7011])] == ["Dana Whitfield", "Helen Marsh"]
    assert zd.users(id=7011).user_fields["title"] == "CFO"
    assert zd.users.me().email == sandbox.zendesk.api_user_email
    assert [o.name for o in zd.organizations(ids=[1001, 1002])] == ["Acme Corp", "Bluebird Logistics"]
    by_external = list(zd.organizations(external_id=ACCOUNT_IDS["pinecrest"]))  # show_many?external_ids=
    assert [o.name for o in by_external] == ["Pinecrest Health"]
    found = raw(sandbox, "/api/v2/organizations/search.json", params={"external_id": ACCOUNT_IDS["acme"]}).json()
    assert [o["name"] for o in found["organizations"]] == ["Acme Corp"]


def test_zenpy_organizations_external_sends_a_broken_query(zd: Zenpy, sandbox: Sandbox) -> None:
    # zenpy 2.0.57 appends "?page[size]=100&include=None" to a path that already has
    # "?external_id=X", so the server reads external_id "X?include=None": nothing found.
    assert list(zd.organizations.external(ACCOUNT_IDS["acme"])) == []
    assert "external_id=" + ACCOUNT_IDS["acme"] + "?" in sandbox.log.entries("zendesk")[-1].query


# -- authentication -----------------------------------------------------------------------------
def test_authentication_failures(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(APIException) as wrong_token:
        client(sandbox, monkeypatch, token="nope").tickets(id=48213)
    assert wrong_token.value.response.status_code == 401
    assert wrong_token.value.response.json() == {"error": "Couldn't authenticate you"}
    with pytest.raises(APIException):
        client(sandbox, monkeypatch, email="jordan.ellis@acme-corp.example").tickets(id=48213)  # an end-user
    anonymous = raw(sandbox, "/api/v2/tickets/48213.json", auth=False)
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Basic")
    password = requests.get(sandbox.url("zendesk") + "/api/v2/tickets/48213.json", timeout=5,
                            auth=(sandbox.zendesk.api_user_email, sandbox.zendesk.api_token))
    assert password.status_code == 401
    oauth = client(sandbox, monkeypatch, email=None, token=None, oauth_token=sandbox.zendesk.oauth_token)
    assert oauth.tickets(id=48213).id == 48213
    agent = client(sandbox, monkeypatch, email="dana.whitfield@northbeam.example")
    assert agent.users.me().name == "Dana Whitfield"


# -- faults ---------------------------------------------------------------------------------------
def test_429_retry_after_is_honoured(zd: Zenpy, sandbox: Sandbox) -> None:
    sandbox.faults["zendesk"].add(Fault("429", times=1, retry_after=1))
    started = time.monotonic()
    assert zd.tickets(id=48213).id == 48213
    assert time.monotonic() - started >= 1
    assert [e.status for e in sandbox.log.entries("zendesk")] == [429, 200]


def test_rate_limit_budget_gives_up(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    zd = client(sandbox, monkeypatch, ratelimit_budget=1)
    sandbox.faults["zendesk"].add(Fault("429", times=None, retry_after=30))
    with pytest.raises(RatelimitBudgetExceeded):
        zd.tickets(id=48213)
    # the budget is checked before sleeping: one request, no retry after the 30 s Retry-After
    assert [e.status for e in sandbox.log.entries("zendesk")] == [429]
    answer = raw(sandbox, "/api/v2/tickets/48213.json")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "30"
    assert answer.json()["error"] == "APIRateLimitExceeded"


@pytest.mark.parametrize("kind", ["500", "503"])
def test_server_errors(zd: Zenpy, sandbox: Sandbox, kind: str) -> None:
    sandbox.faults["zendesk"].add(Fault(kind, path_prefix="/api/v2/search"))
    with pytest.raises(APIException) as failed:
        list(zd.search("cancel"))
    assert failed.value.response.status_code == int(kind)
    assert [t.id for t in zd.search("cancel")] == [SCENARIOS["keyword_cancel"]]  # once only


def test_slow_answer_times_out(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    zd = client(sandbox, monkeypatch, timeout=0.2)
    sandbox.faults["zendesk"].add(Fault("slow", delay=0.5))
    with pytest.raises(requests.exceptions.Timeout):
        zd.tickets(id=48213)
    assert zd.tickets(id=48213).id == 48213


def test_dropped_connection(zd: Zenpy, sandbox: Sandbox) -> None:
    sandbox.faults["zendesk"].add(Fault("drop", method="PUT"))
    ticket = zd.tickets(id=48213)
    ticket.tags.append("esc_sev2")
    with pytest.raises(requests.exceptions.ConnectionError):
        zd.tickets.update(ticket)
    assert "esc_sev2" not in sandbox.zendesk.tickets[48213]["tags"]


def test_expired_token(zd: Zenpy, sandbox: Sandbox) -> None:
    # Scoped to this test's own requests, so nothing else that reaches the shared sandbox can use up `after`.
    sandbox.faults["zendesk"].add(Fault("expire", after=2, path_prefix="/api/v2/tickets/48213.json", method="GET"))
    assert zd.tickets(id=48213) and zd.tickets(id=48213)
    for _ in range(2):
        with pytest.raises(APIException) as expired:
            zd.tickets(id=48213)
        assert expired.value.response.status_code == 401
    sandbox.zendesk.rotate_tokens("fresh-token")
    assert raw(sandbox, "/api/v2/tickets/48213.json").status_code == 200


def test_clock_defaults_to_real_time() -> None:
    state = ZendeskState()
    assert abs(state.clock() - datetime.now(timezone.utc)) < timedelta(seconds=2)
    state.now = LATER
    assert state.clock() == LATER
