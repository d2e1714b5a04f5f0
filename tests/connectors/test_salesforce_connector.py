"""The Salesforce adapter against the sandbox, through simple-salesforce unmodified."""

from __future__ import annotations

from datetime import date

import pytest

from escalation_desk.connectors.env import SalesforceCredentials
from escalation_desk.connectors.errors import SourceError
from escalation_desk.connectors.records import Account
from escalation_desk.connectors.salesforce import SalesforceSource
from escalation_desk.connectors.transport import CallStats, RetryPolicy
from escalation_desk.config import Config
from escalation_desk.connectors.salesforce_settings import SalesforceSettings
from escalation_desk.errors import DeskError
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Fault
from escalation_desk.sandbox.dataset import ACCOUNT_IDS, salesforce_id


def queries(sandbox: Sandbox) -> list[str]:
    return [e.query for e in sandbox.log.entries("salesforce") if "/query" in e.path]


def test_accounts_by_id_with_the_configured_fields(salesforce: SalesforceSource, sandbox: Sandbox) -> None:
    found = salesforce.accounts([ACCOUNT_IDS["acme"], ACCOUNT_IDS["lakeshore"][:15], "not-an-id'--"])
    acme = found[ACCOUNT_IDS["acme"][:15]]
    assert isinstance(acme, Account) and acme.name == "Acme Corp" and acme.arr == 2_400_000
    assert acme.owner_name == "Dana Whitfield" and isinstance(acme.renewal_date, date)
    lakeshore = found[ACCOUNT_IDS["lakeshore"][:15]]
    assert (lakeshore.health_score, lakeshore.health_score_prior_week) == (41, None)   # no invented field
    assert len(queries(sandbox)) == 1 and "not-an-id" not in queries(sandbox)[0]
    assert "Health_Score_Prior_Week__c" not in queries(sandbox)[0]


def describes(sandbox: Sandbox) -> int:
    return sum(1 for e in sandbox.log.entries("salesforce") if e.path.endswith("/describe/"))


def test_the_object_is_described_once_and_only_existing_fields_are_queried(salesforce: SalesforceSource,
                                                                          sandbox: Sandbox) -> None:
    sandbox.salesforce.remove_field("Renewal_Date__c")
    sandbox.salesforce.remove_field("Health_Score__c")
    found = salesforce.accounts([ACCOUNT_IDS["acme"]])
    salesforce.accounts_by_name(["Pinecrest Health"])
    salesforce.totals(10)
    acme = found[ACCOUNT_IDS["acme"][:15]]
    assert acme.arr == 2_400_000 and acme.renewal_date is None and acme.health_score is None
    assert describes(sandbox) == 1
    assert all("Renewal_Date__c" not in q and "Health_Score__c" not in q for q in queries(sandbox))
    warnings = salesforce.warnings
    assert len(warnings) == 2
    assert "Renewal_Date__c" in warnings[0] and "salesforce.renewal_field" in warnings[0]
    assert "Health_Score__c" in warnings[1] and "health-drop" in warnings[1]


def test_a_missing_arr_field_is_one_error_naming_it_and_the_candidates(salesforce: SalesforceSource,
                                                                     sandbox: Sandbox) -> None:
    sandbox.salesforce.remove_field("ARR__c")
    with pytest.raises(SourceError) as caught:
        salesforce.accounts([ACCOUNT_IDS["acme"]])
    text = str(caught.value)
    assert "ARR__c" in text and "salesforce.arr_field" in text and "AnnualRevenue (Annual Revenue)" in text
    assert "\n" not in text and queries(sandbox) == []


def test_health_history_from_account_history(salesforce: SalesforceSource, sandbox: Sandbox) -> None:
    lakeshore = ACCOUNT_IDS["lakeshore"][:15]
    history = salesforce.health_history([lakeshore, ACCOUNT_IDS["acme"]])
    assert [(old, new) for _, old, new in history[lakeshore]] == [(78, 41)]
    sandbox.salesforce.history.clear()    # tracking off: no rows
    assert salesforce.health_history([lakeshore]) == {}


def test_batches_of_200_ids(salesforce: SalesforceSource, sandbox: Sandbox) -> None:
    ids = [salesforce_id(f"001Dn{n:010d}") for n in range(250)] + [ACCOUNT_IDS["acme"]]
    found = salesforce.accounts(ids)
    assert list(found) == [ACCOUNT_IDS["acme"][:15]]
    assert len(queries(sandbox)) == 2


def test_totals_and_name_fallback(salesforce: SalesforceSource, sandbox: Sandbox) -> None:
    totals = salesforce.totals(10)
    assert totals.total_arr == sum(a["ARR__c"] for a in sandbox.dataset.salesforce_accounts)
    assert totals.top_account_ids[0] == ACCOUNT_IDS["acme"][:15] and len(totals.top_account_ids) == 10
    by_name = salesforce.accounts_by_name(["Pinecrest Health", "O'Brien & Sons"])
    assert list(by_name) == ["Pinecrest Health"]
    assert len(queries(sandbox)) == 3


def test_an_expired_session_is_renewed_once_by_logging_in(salesforce: SalesforceSource, sandbox: Sandbox) -> None:
    sandbox.faults["salesforce"].add(Fault("expire", times=1))
    assert salesforce.accounts([ACCOUNT_IDS["acme"]])
    assert sandbox.salesforce.logins == 1
    sandbox.faults["salesforce"].add(Fault("expire", times=None))
    with pytest.raises(SourceError, match="expired again right after it was renewed"):
        salesforce.accounts([ACCOUNT_IDS["zephyr"]])


def test_a_token_without_login_details_cannot_be_renewed(sandbox: Sandbox, sandbox_env: dict,
                                                         policy: RetryPolicy, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SF_USERNAME", "SF_PASSWORD", "SF_SECURITY_TOKEN"):
        monkeypatch.delenv(name)
    source = SalesforceSource(SalesforceCredentials.from_env(), Config().salesforce, policy, CallStats())
    sandbox.faults["salesforce"].add(Fault("expire", times=1))
    with pytest.raises(SourceError, match="cannot be renewed; renew SF_ACCESS_TOKEN"):
        source.accounts([ACCOUNT_IDS["acme"]])


def test_username_password_login_goes_to_the_instance(sandbox: Sandbox, sandbox_env: dict, policy: RetryPolicy,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SF_ACCESS_TOKEN")
    source = SalesforceSource(SalesforceCredentials.from_env(), Config().salesforce, policy, CallStats())
    assert source.accounts([ACCOUNT_IDS["acme"]])
    monkeypatch.setenv("SF_PASSWORD", "wrong-password")
    source = SalesforceSource(SalesforceCredentials.from_env(), Config().salesforce, policy, CallStats())
    with pytest.raises(SourceError, match="the login was refused"):
        source.accounts([ACCOUNT_IDS["acme"]])


def test_bad_field_names_are_refused_before_any_request(sandbox_env: dict, policy: RetryPolicy) -> None:
    settings = SalesforceSettings(arr_field="ARR__c FROM User --")
    with pytest.raises(SourceError, match="is not a Salesforce field name"):
        SalesforceSource(SalesforceCredentials.from_env(), settings, policy, CallStats())


def test_unknown_field_is_one_line(sandbox_env: dict, policy: RetryPolicy) -> None:
    source = SalesforceSource(SalesforceCredentials.from_env(), SalesforceSettings(arr_field="Nope__c"), policy,
                              CallStats())
    with pytest.raises(SourceError, match="Account has no field Nope__c") as caught:
        source.accounts([ACCOUNT_IDS["acme"]])
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("field,kind", [("Name", "string"), ("Industry", "picklist"), ("Renewal_Date__c", "date"),
                                        ("Owner.Name", "string"), ("Owner.Email", "email")])   # review3 M6
def test_an_arr_field_that_holds_no_amount_is_one_line_naming_its_type(sandbox_env: dict, policy: RetryPolicy,
                                                                       field: str, kind: str) -> None:
    """Review F25: `arr_field = "Name"` exists, so the query itself was the first to complain."""
    source = SalesforceSource(SalesforceCredentials.from_env(), SalesforceSettings(arr_field=field), policy,
                              CallStats())
    with pytest.raises(SourceError) as caught:
        source.accounts([ACCOUNT_IDS["acme"]])
    message = str(caught.value)
    assert f"Account.{field} is a {kind} field" in message and "needs a currency or number field" in message, message
    assert "ARR__c" in message and "\n" not in message and "INVALID_FIELD" not in message


def test_a_related_arr_field_the_related_object_lacks_is_one_line(sandbox_env: dict, policy: RetryPolicy) -> None:
    source = SalesforceSource(SalesforceCredentials.from_env(), SalesforceSettings(arr_field="Owner.ARR__c"), policy,
                              CallStats())
    with pytest.raises(SourceError) as caught:
        source.accounts([ACCOUNT_IDS["acme"]])
    assert "Account.Owner.ARR__c: the related object has no field ARR__c" in str(caught.value)
    assert "INVALID_FIELD" not in str(caught.value)


def test_credentials_from_the_environment() -> None:
    with pytest.raises(DeskError, match="SF_INSTANCE_URL is not"):
        SalesforceCredentials.from_env({"SF_ACCESS_TOKEN": "x"})
    with pytest.raises(DeskError, match="Salesforce credentials are not set"):
        SalesforceCredentials.from_env({})
    creds = SalesforceCredentials.from_env({"SF_USERNAME": "u", "SF_PASSWORD": "p4ssw0rd", "SF_SECURITY_TOKEN": ""})
    assert creds.can_log_in and "p4ssw0rd" not in repr(creds) and creds.domain == "login"
