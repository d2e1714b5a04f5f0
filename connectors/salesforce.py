"""Salesforce through simple-salesforce: account facts, in batched SOQL.

- :meth:`SalesforceSource.accounts` — one query per ``batch_size`` (≤ 200) Account Ids;
- :meth:`SalesforceSource.accounts_by_name` — the name fallback, batched the same way;
- :meth:`SalesforceSource.totals` — one aggregate (total ARR) and one ordered query for
  the top accounts.

Which fields hold ARR, renewal, health and owner comes from ``[salesforce]`` in the
configuration. An expired session is renewed once (by logging in again when the
username/password variables are set); every other failure becomes a SourceError.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from escalation_desk.connectors.salesforce_settings import SalesforceSettings

from .env import SalesforceCredentials, redacted_excerpt
from .errors import SourceError, not_json, raised_in
from .records import Account, AccountTotals, id15
from .salesforce_schema import FieldPlan, parse_describe, plan_fields, related_object
from .transport import CallStats, RetryingAdapter, RetryPolicy

SERVICE = "Salesforce"
API_VERSION = "59.0"
_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")




def _soql_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class _LoginRouting(RetryingAdapter):
    """Send simple-salesforce's fixed login host to the instance URL (a My Domain login).

    simple-salesforce logs in at ``https://{domain}.salesforce.com``; when SF_INSTANCE_URL
    names some other host (a proxy, or the local sandbox) the login goes there instead.
    Transport configuration only: the SDK is not modified.
    """

    def __init__(self, login_host: str, target: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.login_host = login_host
        self.target = urlsplit(target)

    def send(self, request, **kwargs):  # noqa: ANN001
        parts = urlsplit(request.url)
        if parts.hostname == self.login_host:
            request.url = parts._replace(scheme=self.target.scheme, netloc=self.target.netloc).geturl()
        return super().send(request, **kwargs)


def _session(creds: SalesforceCredentials, policy: RetryPolicy, stats: CallStats) -> requests.Session:
    session = requests.Session()
    instance_host = urlsplit(creds.instance_url).hostname if creds.instance_url else None
    if instance_host and not instance_host.endswith((".salesforce.com", ".force.com")):
        adapter = _LoginRouting(f"{creds.domain}.salesforce.com", creds.instance_url, SERVICE, policy, stats,
                                creds.ca_bundle)
    else:
        adapter = RetryingAdapter(SERVICE, policy, stats, creds.ca_bundle)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


class SalesforceSource:
    def __init__(self, creds: SalesforceCredentials, settings: SalesforceSettings, policy: RetryPolicy,
                 stats: CallStats) -> None:
        for name in self._field_names(settings):
            if not _FIELD.match(name):
                raise SourceError(SERVICE, f"configured field {name!r} is not a Salesforce field name",
                                  hint="check [salesforce] in escalations.toml")
        if not _FIELD.match(settings.object):
            raise SourceError(SERVICE, f"configured object {settings.object!r} is not a Salesforce object name")
        self.creds = creds
        self.settings = settings
        self.session = _session(creds, policy, stats)
        self._client: Salesforce | None = None
        self._renewed = False

        self._plan: FieldPlan | None = None

    @staticmethod
    def _field_names(settings: SalesforceSettings) -> list[str]:
        names = ["Id", "Name", settings.arr_field, settings.renewal_field, settings.health_field, settings.owner_field]
        if settings.health_prior_field:
            names.append(settings.health_prior_field)
        return list(dict.fromkeys(n for n in names if n))

    # ------------------------------------------------------------------ schema

    def fields(self) -> FieldPlan:
        """The configured fields the org has (one describe per run); SourceError without ARR."""
        if self._plan is None:
            body = self._call(lambda client: client.restful(f"sobjects/{self.settings.object}/describe/"))
            described = parse_describe(body if isinstance(body, dict) else {})
            target = related_object(described, self.settings.arr_field)
            related = None
            if target:   # ARR through a relationship (Parent.ARR__c): its type is the related object's
                other = self._call(lambda client: client.restful(f"sobjects/{target}/describe/"))
                related = parse_describe(other if isinstance(other, dict) else {})
            self._plan = plan_fields(self.settings, described, related)
        return self._plan

    @property
    def warnings(self) -> list[str]:
        return list(self._plan.warnings) if self._plan else []

    # ------------------------------------------------------------------ connection

    def _connect(self, *, log_in: bool = False) -> Salesforce:
        creds = self.creds
        try:
            if creds.access_token and creds.instance_url and not log_in:
                return Salesforce(instance_url=creds.instance_url, session_id=creds.access_token,
                                  session=self.session, version=API_VERSION)
            if not creds.can_log_in:
                raise SourceError(SERVICE, "the session expired and cannot be renewed",
                                  hint="renew SF_ACCESS_TOKEN, or set SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN")
            return Salesforce(username=creds.username, password=creds.password,
                              security_token=creds.security_token or "", domain=creds.domain,
                              session=self.session, version=API_VERSION)
        except SalesforceAuthenticationFailed:
            raise SourceError(SERVICE, "the login was refused",
                              hint="check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN") from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise SourceError(SERVICE, f"cannot reach the login server ({type(exc).__name__})") from None

    @property
    def client(self) -> Salesforce:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _query_all(self, soql: str) -> list[dict]:
        return self._call(lambda client: client.query_all(soql)["records"])

    def _call(self, request: Callable[[Salesforce], Any]) -> Any:
        try:
            try:
                return request(self.client)
            except SalesforceExpiredSession:
                if self._renewed:
                    raise
                self._renewed = True
                self._client = self._connect(log_in=True)
                return request(self._client)
        except SourceError:
            raise
        except SalesforceExpiredSession:
            raise SourceError(SERVICE, "the session expired again right after it was renewed") from None
        except SalesforceMalformedRequest as exc:
            raise SourceError(SERVICE, f"the query was refused: {self._message(exc)}",
                              hint="check the field names in [salesforce]") from None
        except SalesforceRefusedRequest as exc:
            raise SourceError(SERVICE, f"access refused: {self._message(exc)}") from None
        except SalesforceResourceNotFound:
            raise SourceError(SERVICE, f"the object {self.settings.object} does not exist",
                              hint="check salesforce.object in escalations.toml") from None
        except SalesforceError as exc:
            raise SourceError(SERVICE, f"unavailable (HTTP {exc.status})") from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise SourceError(SERVICE, f"unreachable ({type(exc).__name__} after retries)") from None
        except ValueError as exc:   # requests' JSONDecodeError: a 2xx whose body is not JSON
            if isinstance(exc, requests.exceptions.JSONDecodeError) or raised_in(exc, "simple_salesforce"):
                raise not_json(SERVICE) from None
            raise

    def _message(self, exc: SalesforceError) -> str:
        content = exc.content
        if isinstance(content, list) and content and isinstance(content[0], dict):
            text = str(content[0].get("errorCode") or content[0].get("message") or "")
        else:
            text = f"HTTP {exc.status}"
        return redacted_excerpt(text, self.creds.secrets())

    # ------------------------------------------------------------------ facts

    def _select(self) -> str:
        return f"SELECT {', '.join(self.fields().select)} FROM {self.settings.object}"

    def _batches(self, items: list[str]) -> Iterable[list[str]]:
        size = max(1, min(self.settings.batch_size, 200))
        for start in range(0, len(items), size):
            yield items[start:start + size]

    def accounts(self, account_ids: Iterable[str]) -> dict[str, Account]:
        """Facts by 15-character Account Id; ids that are not Salesforce Ids are skipped."""
        wanted = sorted({id15(i) for i in account_ids if i and _ID.match(i)})
        found: dict[str, Account] = {}
        for batch in self._batches(wanted):
            soql = f"{self._select()} WHERE Id IN ({', '.join(_soql_string(i) for i in batch)})"
            for record in self._query_all(soql):
                account = self._account(record)
                found[id15(account.id)] = account
        return found

    def accounts_by_name(self, names: Iterable[str]) -> dict[str, Account]:
        """Facts by exact Account name (the last-resort link)."""
        wanted = sorted({n for n in names if n})
        found: dict[str, Account] = {}
        for batch in self._batches(wanted):
            soql = f"{self._select()} WHERE Name IN ({', '.join(_soql_string(n) for n in batch)})"
            for record in self._query_all(soql):
                account = self._account(record)
                found.setdefault(account.name, account)
        return found

    def health_history(self, account_ids: Iterable[str], days: int = 8) -> dict[str, list[tuple[datetime, float | None, float | None]]]:
        """Changes of the health field in the last `days` days, per 15-character Account Id,
        oldest first, from field history (AccountHistory); empty when the field is not
        tracked (no rows) or the org has no such history."""
        health = self.fields().get("health_field")
        wanted = sorted({id15(i) for i in account_ids if i and _ID.match(i)})
        if not health or "." in health or self.settings.object != "Account" or not wanted:
            return {}
        found: dict[str, list[tuple[datetime, float | None, float | None]]] = {}
        for batch in self._batches(wanted):
            soql = ("SELECT AccountId, Field, OldValue, NewValue, CreatedDate FROM AccountHistory "
                    f"WHERE Field = {_soql_string(health)} AND AccountId IN ({', '.join(_soql_string(i) for i in batch)}) "
                    f"AND CreatedDate = LAST_N_DAYS:{int(days)} ORDER BY CreatedDate")
            try:
                rows = self._query_all(soql)
            except SourceError as exc:
                if "refused" in str(exc):   # no field history in this org (or no access to it)
                    return {}
                raise
            for row in rows:
                moment = _datetime(row.get("CreatedDate"))
                if moment is not None:
                    found.setdefault(id15(str(row.get("AccountId"))), []).append(
                        (moment, _number(row.get("OldValue")), _number(row.get("NewValue"))))
        return found

    def totals(self, top: int) -> AccountTotals:
        arr = self.fields().get("arr_field") or self.settings.arr_field
        rows = self._query_all(f"SELECT SUM({arr}) total FROM {self.settings.object}")
        total = _number(rows[0].get("total") if rows else None)
        leaders = self._query_all(f"SELECT Id FROM {self.settings.object} WHERE {arr} != null "
                                  f"ORDER BY {arr} DESC LIMIT {int(top)}") if top > 0 else []
        return AccountTotals(total, tuple(id15(r["Id"]) for r in leaders))

    def _account(self, record: dict) -> Account:
        plan = self.fields()
        owner = _path(record, plan.get("owner_field"))
        prior = plan.get("health_prior_field")
        return Account(
            id=str(record.get("Id")),
            name=str(record.get("Name") or ""),
            arr=_number(_path(record, plan.get("arr_field"))),
            renewal_date=_date(_path(record, plan.get("renewal_field"))),
            health_score=_number(_path(record, plan.get("health_field"))),
            health_score_prior_week=_number(_path(record, prior)) if prior else None,
            owner_name=(str(owner).strip() or None) if owner else None,
        )


def _path(record: dict, dotted: str | None) -> object:
    if not dotted:
        return None
    value: object = record
    for part in (dotted or "").split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _datetime(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00").replace("+0000", "+00:00"))
    except ValueError:
        return None


def _date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
