"""The Salesforce emulator driven by the unmodified simple-salesforce SDK over real HTTPS."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest
import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (SalesforceAuthenticationFailed, SalesforceExpiredSession,
                                          SalesforceGeneralError, SalesforceMalformedRequest,
                                          SalesforceRefusedRequest, SalesforceResourceNotFound)

from escalation_desk.sandbox.core import Controlled, Fault, FaultPlan, RequestLog, ServerThread, Slot
from escalation_desk.sandbox.salesforce import SalesforceEmulator, SalesforceState, login_routing_session, salesforce_error_body
from escalation_desk.sandbox.tls import make_server_tls

OWNERS = [("Dana Whitfield", "dana@example.com"), ("Lee Park", "lee@example.com"), ("Priya Raman", "priya@example.com")]


def make_accounts(count: int = 25) -> list[dict]:
    accounts = []
    for n in range(1, count + 1):
        owner_index = n % len(OWNERS)
        name, email = OWNERS[owner_index]
        accounts.append({
            "Id": f"001SB000000{n:04d}AAA", "Name": f"Customer {n:02d}", "ARR__c": 10000.0 * n,
            "Renewal_Date__c": f"2027-{(n % 12) + 1:02d}-15", "Health_Score__c": 40 + n,
            "Health_Score_Prior_Week__c": 80 if n % 5 == 0 else 40 + n,
            "Industry": ["Software", "Energy", "Retail"][n % 3],
            "OwnerId": f"005SB000000000{owner_index}AAA", "Owner": {"Name": name, "Email": email},
        })
    return accounts


class Env:
    def __init__(self, server: ServerThread, ca_path: Path, switch: Slot, faults: FaultPlan,
                 log: RequestLog) -> None:
        self.server, self.ca_path, self.switch, self.faults, self.log = server, ca_path, switch, faults, log
        self.state = SalesforceState([])

    @property
    def url(self) -> str:
        return self.server.url

    def reset(self, **state_options) -> SalesforceState:
        self.state = SalesforceState(make_accounts(state_options.pop("count", 25)), **state_options)
        self.switch.app = SalesforceEmulator(self.state, self.faults)
        self.faults.clear()
        self.log.clear()
        return self.state

    def direct(self, token: str | None = None) -> Salesforce:
        return Salesforce(instance_url=self.url, session_id=token or self.state.access_token)

    def password_login(self, **overrides) -> Salesforce:
        credentials = {"username": self.state.username, "password": self.state.password,
                       "security_token": self.state.security_token, **overrides}
        return Salesforce(session=login_routing_session(self.url, self.ca_path), **credentials)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    context, ca_path = make_server_tls(tmp_path_factory.mktemp("tls"))
    switch, faults, log = Slot(), FaultPlan(), RequestLog()
    app = Controlled("salesforce", switch, faults, log, error_body=salesforce_error_body)
    thread = ServerThread(app, ssl_context=context).start()
    yield Env(thread, ca_path, switch, faults, log)
    thread.stop()


@pytest.fixture
def env(server: Env, monkeypatch: pytest.MonkeyPatch) -> Env:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))
    server.reset()
    return server


# --------------------------------------------------------------------------- queries

def test_query_returns_salesforce_shaped_records(env: Env) -> None:
    sf = env.direct()
    result = sf.query("SELECT Id, Name, ARR__c, Renewal_Date__c, Owner.Name, Owner.Email FROM Account "
                      "WHERE Id IN ('001SB0000000001AAA', '001SB0000000002') ORDER BY Name")
    assert result["totalSize"] == 2 and result["done"] is True and "nextRecordsUrl" not in result
    first = result["records"][0]
    assert first["attributes"] == {"type": "Account",
                                   "url": "/services/data/v59.0/sobjects/Account/001SB0000000001AAA"}
    assert (first["Name"], first["ARR__c"], first["Renewal_Date__c"]) == ("Customer 01", 10000.0, "2027-02-15")
    assert first["Owner"]["attributes"]["type"] == "User"
    assert (first["Owner"]["Name"], first["Owner"]["Email"]) == ("Lee Park", "lee@example.com")
    assert sf.api_usage["api-usage"].total == 15000  # Sforce-Limit-Info is parsed by the SDK


def test_query_pages_through_next_records_url(env: Env) -> None:
    env.reset(batch_size=10)
    sf = env.direct()
    first = sf.query("SELECT Id, Name FROM Account ORDER BY Name")
    assert (first["totalSize"], first["done"], len(first["records"])) == (25, False, 10)
    assert re.fullmatch(r"/services/data/v59\.0/query/01g[A-Za-z0-9]{15}-10", first["nextRecordsUrl"])
    second = sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
    assert second["records"][0]["Name"] == "Customer 11" and second["done"] is False
    third = sf.query_more(second["nextRecordsUrl"], identifier_is_url=True)
    assert (len(third["records"]), third["done"]) == (5, True) and "nextRecordsUrl" not in third


def test_query_all_follows_every_page(env: Env) -> None:
    env.reset(batch_size=7)
    records = env.direct().query_all("SELECT Id FROM Account WHERE ARR__c >= 20000")["records"]
    assert len(records) == 24 and len({r["Id"] for r in records}) == 24
    assert env.log.count("salesforce", "GET", "/services/data/v59.0/query/01g") == 3


def test_query_all_endpoint_and_batch_size_header(env: Env) -> None:
    env.reset(count=450)
    sf = env.direct()
    result = sf.query("SELECT Id FROM Account", include_deleted=True, headers={"Sforce-Query-Options": "batchSize=200"})
    assert (len(result["records"]), result["done"]) == (200, False)
    assert env.log.entries()[-1].path == "/services/data/v59.0/queryAll/"
    assert len(sf.query_all("SELECT Id FROM Account")["records"]) == 450  # default batch 2000: one page


def test_unknown_query_locator_is_rejected(env: Env) -> None:
    with pytest.raises(SalesforceMalformedRequest) as caught:
        env.direct().query_more("/services/data/v59.0/query/01gXXXXXXXXXXXXXXX-2000", identifier_is_url=True)
    assert caught.value.content[0]["errorCode"] == "INVALID_QUERY_LOCATOR"


def test_aggregates(env: Env) -> None:
    sf = env.direct()
    total = sf.query("SELECT SUM(ARR__c) FROM Account")
    assert total["records"] == [{"attributes": {"type": "AggregateResult"}, "expr0": 3250000.0}]
    assert sf.query("SELECT COUNT() FROM Account WHERE Industry = 'Energy'") == {
        "totalSize": 9, "done": True, "records": []}
    by_owner = sf.query("SELECT Owner.Name, COUNT(Id) accounts, SUM(ARR__c) FROM Account "
                        "GROUP BY Owner.Name ORDER BY Owner.Name")["records"]
    assert [(r["Name"], r["accounts"]) for r in by_owner] == [("Dana Whitfield", 8), ("Lee Park", 9),
                                                            ("Priya Raman", 8)]


@pytest.mark.parametrize("soql, code", [
    ("SELECT Id FROM Account WHERE", "MALFORMED_QUERY"),
    ("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", "MALFORMED_QUERY"),
    ("SELECT Nope__c FROM Account", "INVALID_FIELD"),
    ("SELECT Id FROM Contract", "INVALID_TYPE"),
    ("SELECT Id FROM Account WHERE Id = 'abc'", "INVALID_QUERY_FILTER_OPERATOR"),
])
def test_bad_soql_is_a_malformed_request(env: Env, soql: str, code: str) -> None:
    with pytest.raises(SalesforceMalformedRequest) as caught:
        env.direct().query(soql)
    assert caught.value.status == 400
    assert caught.value.content[0]["errorCode"] == code
    assert "ERROR at Row:1:Column:" in caught.value.content[0]["message"]


def test_sobject_get_and_describe(env: Env) -> None:
    sf = env.direct()
    record = sf.Account.get("001SB0000000003AAA")
    assert record["attributes"]["type"] == "Account" and record["Name"] == "Customer 03"
    assert record["Health_Score__c"] == 43.0 and record["OwnerId"] == "005SB0000000000AAA"
    with pytest.raises(SalesforceResourceNotFound):
        sf.Account.get("001SB0000009999AAA")
    fields = {f["name"]: f["type"] for f in sf.Account.describe()["fields"]}
    assert fields["ARR__c"] == "currency" and fields["Renewal_Date__c"] == "date"


def test_versions_list_needs_no_session(env: Env) -> None:
    versions = requests.get(f"{env.url}/services/data/", timeout=5).json()
    assert {"label": "Winter '24", "url": "/services/data/v59.0", "version": "59.0"} in versions
    unknown = requests.get(f"{env.url}/services/data/v12.0/query/?q=SELECT+Id+FROM+Account", timeout=5)
    assert unknown.status_code == 404 and unknown.json()[0]["errorCode"] == "NOT_FOUND"


def test_daily_api_limit(env: Env) -> None:
    env.reset(daily_api_limit=2)
    sf = env.direct()
    assert sf.limits()["DailyApiRequests"] == {"Max": 2, "Remaining": 1}
    sf.query("SELECT COUNT() FROM Account")
    with pytest.raises(SalesforceRefusedRequest) as caught:
        sf.query("SELECT COUNT() FROM Account")
    assert caught.value.content[0]["errorCode"] == "REQUEST_LIMIT_EXCEEDED"


def test_owner_fields_resolve_through_user_records(env: Env) -> None:
    users = [{"Id": "005SB0000000000AAA", "Name": "Dana Whitfield", "Email": "dana@example.com",
              "Title": "Senior CSM"}]
    env.state = SalesforceState(make_accounts(3), users=users)
    env.switch.app = SalesforceEmulator(env.state, env.faults)
    sf = env.direct()
    record = sf.query("SELECT Name, Owner.Title FROM Account WHERE Id = '001SB0000000003AAA'")["records"][0]
    assert record["Owner"]["Title"] == "Senior CSM"
    titles = sf.query("SELECT Name, Title FROM User ORDER BY Name")["records"]
    assert [(u["Name"], u["Title"]) for u in titles] == [("Dana Whitfield", "Senior CSM"), ("Lee Park", None),
                                                         ("Priya Raman", None)]


# --------------------------------------------------------------------------- sessions

def test_bad_token_is_an_expired_session(env: Env) -> None:
    with pytest.raises(SalesforceExpiredSession) as caught:
        env.direct("00Dbogus!token").query("SELECT Id FROM Account")
    assert caught.value.content == [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]


def test_expire_fault_revokes_a_direct_session(env: Env) -> None:
    sf = env.direct()
    env.faults.add(Fault("expire", after=1))
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25
    for _ in range(2):  # the token stays revoked: a direct session cannot recover
        with pytest.raises(SalesforceExpiredSession):
            sf.query("SELECT COUNT() FROM Account")
    env.state.restore_access_token()
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25


def test_username_password_login_and_relogin_after_expiry(env: Env) -> None:
    sf = env.password_login()
    assert sf.sf_instance == f"127.0.0.1:{env.server.port}"
    assert sf.session_id != env.state.access_token and env.state.is_valid(sf.session_id)
    first_session = sf.session_id
    env.faults.add(Fault("expire", after=1))
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25  # 401 → SOAP login again → retried
    assert env.state.logins == 2 and sf.session_id != first_session
    assert not env.state.is_valid(first_session)
    calls = [(e.method, e.path.split("/")[2], e.status) for e in env.log.entries()]
    assert calls == [("POST", "Soap", 200), ("GET", "data", 200), ("GET", "data", 401), ("POST", "Soap", 200),
                     ("GET", "data", 200)]


def test_bad_login_fails_with_invalid_login(env: Env) -> None:
    with pytest.raises(SalesforceAuthenticationFailed) as caught:
        env.password_login(password="wrong")
    assert caught.value.code == "INVALID_LOGIN"
    assert "Invalid username, password, security token" in str(caught.value)


def test_oauth_password_flow(env: Env) -> None:
    state = env.state
    sf = Salesforce(username=state.username, password=state.password + state.security_token,
                    consumer_key=state.consumer_key, consumer_secret=state.consumer_secret,
                    session=login_routing_session(env.url, env.ca_path))
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25
    with pytest.raises(SalesforceAuthenticationFailed) as caught:
        Salesforce(username=state.username, password="nope", consumer_key=state.consumer_key,
                   consumer_secret=state.consumer_secret, session=login_routing_session(env.url, env.ca_path))
    assert caught.value.code == "invalid_grant"


# --------------------------------------------------------------------------- faults

@pytest.mark.parametrize("kind, code", [("500", "UNKNOWN_EXCEPTION"), ("503", "SERVER_UNAVAILABLE"),
                                        ("429", "REQUEST_LIMIT_EXCEEDED")])
def test_server_faults_reach_the_sdk(env: Env, kind: str, code: str) -> None:
    sf = env.direct()
    env.faults.add(Fault(kind, path_prefix="/services/data/"))
    with pytest.raises(SalesforceGeneralError) as caught:
        sf.query("SELECT Id FROM Account")
    assert caught.value.status == int(kind) and caught.value.content[0]["errorCode"] == code
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25  # one-shot fault


def test_slow_and_dropped_requests(env: Env) -> None:
    sf = env.direct()
    env.faults.add(Fault("slow", delay=0.3))
    started = time.monotonic()
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25
    assert time.monotonic() - started >= 0.3
    env.faults.add(Fault("slow", delay=0.5))
    with pytest.raises(requests.exceptions.Timeout):
        sf.query("SELECT COUNT() FROM Account", timeout=0.1)
    env.faults.add(Fault("drop"))
    with pytest.raises(requests.exceptions.ConnectionError):
        sf.query("SELECT COUNT() FROM Account")
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == 25



def test_a_vanilla_org_describes_standard_fields_and_only_the_documented_custom_ones(env: Env) -> None:
    env.state = SalesforceState([])
    env.switch.app = SalesforceEmulator(env.state, env.faults)
    fields = {f["name"]: f for f in env.direct().Account.describe()["fields"]}
    assert {n for n, f in fields.items() if f["custom"]} == {"ARR__c", "Renewal_Date__c", "Health_Score__c"}
    assert fields["AnnualRevenue"]["type"] == "currency" and fields["AnnualRevenue"]["label"] == "Annual Revenue"
    assert "Health_Score_Prior_Week__c" not in fields


def test_a_removed_field_is_gone_from_describe_and_an_invalid_field_in_soql(env: Env) -> None:
    env.state.remove_field("Renewal_Date__c")
    sf = env.direct()
    assert "Renewal_Date__c" not in {f["name"] for f in sf.Account.describe()["fields"]}
    with pytest.raises(SalesforceMalformedRequest) as caught:
        sf.query("SELECT Id, Renewal_Date__c FROM Account")
    assert caught.value.content[0]["errorCode"] == "INVALID_FIELD"


def test_field_history_of_a_tracked_field(env: Env) -> None:
    state = env.reset(now=datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc))
    first = state.accounts[0]["Id"]
    state.upsert_account({"Id": first, "Health_Score__c": 12.0, "Industry": "Retail"})
    rows = env.direct().query_all(
        "SELECT AccountId, Field, OldValue, NewValue, CreatedDate FROM AccountHistory "
        f"WHERE Field = 'Health_Score__c' AND AccountId IN ('{first}') AND CreatedDate = LAST_N_DAYS:8")["records"]
    assert [(r["Field"], r["OldValue"], r["NewValue"]) for r in rows] == [("Health_Score__c", 41, 12.0)]
    assert rows[0]["CreatedDate"].startswith("2026-11-26T12:00:00")
    state.tracked_fields.clear()
    state.upsert_account({"Id": first, "Health_Score__c": 30.0})
    assert len(state.history) == 1, "an untracked field leaves no history"
