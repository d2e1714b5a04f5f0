"""A local Salesforce emulator (SOAP/OAuth login + REST query API) for simple-salesforce.

Serve it over TLS (simple-salesforce always speaks https; see :mod:`sandbox.tls`)::

    state = SalesforceState(accounts)
    app = Controlled("salesforce", SalesforceEmulator(state, faults), faults, log,
                     error_body=salesforce_error_body)
    server = ServerThread(app, ssl_context=context).start()
    sf = Salesforce(instance_url=server.url, session_id=state.access_token)

or log in with username/password through :func:`login_routing_session`.

Paths: ``POST /services/Soap/u/{v}`` (SOAP login), ``POST /services/oauth2/token``
(password grant), ``GET /services/data/`` (versions), ``GET /services/data/v{v}/``,
``…/limits/``, ``…/query/?q=``, ``…/queryAll/?q=``, ``…/query/{locator}-{offset}``
(``nextRecordsUrl`` paging by ``batch_size`` or ``Sforce-Query-Options: batchSize=N``),
``…/sobjects/``, ``…/sobjects/{Object}/describe/``, ``…/sobjects/{Object}/{Id}``.
Errors are JSON lists ``[{"message","errorCode"}]``; a missing, unknown, revoked or
expired token gets 401 ``INVALID_SESSION_ID``; past ``daily_api_limit`` calls, 403
``REQUEST_LIMIT_EXCEEDED`` (every answer carries ``Sforce-Limit-Info: api-usage=N/limit``).

The "expire" fault: when ``faults.take(request, kinds=("expire",))`` fires on an
authenticated call, the token used is revoked and that call gets the 401; every later
call with it gets 401 too, until the client logs in again (a client that logged in
itself re-logs in automatically; one given a session id gets SalesforceExpiredSession).
"""

from __future__ import annotations

import copy
import re
import secrets
import string
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable, Mapping

from werkzeug.wrappers import Request, Response

from .core import FaultPlan, json_response
from .salesforce_login import login_routing_session, oauth_token, soap_login
from .salesforce_soql import QueryResult, SObjectSchema, execute
from .soql import SoqlError

__all__ = ["SalesforceState", "SalesforceEmulator", "login_routing_session", "salesforce_error_body",
           "ACCOUNT_FIELD_TYPES", "API_VERSIONS"]

# A standard Account (a subset of its standard fields, with their labels) plus the three custom
# fields SPEC §6 documents; nothing else (no field the product might wish it had).
STANDARD_ACCOUNT_FIELDS: dict[str, tuple[str, str]] = {
    "Id": ("id", "Account ID"), "Name": ("string", "Account Name"), "Type": ("picklist", "Account Type"),
    "Industry": ("picklist", "Industry"), "AnnualRevenue": ("currency", "Annual Revenue"),
    "NumberOfEmployees": ("int", "Employees"), "OwnerId": ("reference", "Owner ID"),
    "CreatedDate": ("datetime", "Created Date"), "LastModifiedDate": ("datetime", "Last Modified Date"),
}
DOCUMENTED_CUSTOM_FIELDS: dict[str, tuple[str, str]] = {
    "ARR__c": ("currency", "ARR"), "Renewal_Date__c": ("date", "Renewal Date"),
    "Health_Score__c": ("double", "Health Score"),
}
ACCOUNT_FIELD_TYPES: dict[str, str] = {name: kind for name, (kind, _) in
                                       {**STANDARD_ACCOUNT_FIELDS, **DOCUMENTED_CUSTOM_FIELDS}.items()}
ACCOUNT_HISTORY_FIELD_TYPES: dict[str, str] = {
    "Id": "id", "AccountId": "reference", "Field": "picklist", "OldValue": "anyType", "NewValue": "anyType",
    "CreatedDate": "datetime", "CreatedById": "reference",
}
USER_FIELD_TYPES: dict[str, str] = {"Id": "id", "Name": "string", "Email": "email"}
API_VERSIONS = [f"{v}.0" for v in range(31, 63)]
_RELEASES = {59: "Winter '24", 60: "Spring '24", 61: "Summer '24", 62: "Winter '25"}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_ALNUM = string.ascii_letters + string.digits


def salesforce_error_body(status: int) -> list[dict[str, str]]:
    """Salesforce-shaped bodies for injected faults (for ``Controlled(error_body=…)``)."""
    if status == 429:
        return [{"message": "Too many requests: the request was throttled.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]
    if status == 503:
        return [{"message": "Server Unavailable", "errorCode": "SERVER_UNAVAILABLE"}]
    return [{"message": "An unexpected error occurred. Please include this ErrorId if you contact "
                        "support: 1234567890-12345 (-1234567890)", "errorCode": "UNKNOWN_EXCEPTION"}]


def _error(status: int, code: str, message: str) -> Response:
    return json_response([{"message": message, "errorCode": code}], status)


def _infer_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date) or (isinstance(value, str) and _DATE_RE.match(value)):
        return "date"
    return "string"


@dataclass
class _Cursor:
    records: list[dict[str, Any]]
    batch: int


class SalesforceState:
    """The org: Account records (plain dicts; ``Owner`` a nested ``{Name, Email}``), optional
    User records (``users``; account owners are Users too), the integration user's
    credentials, the access tokens issued, and open query cursors.

    ``access_token`` is a pre-issued token for clients configured with
    ``SF_INSTANCE_URL`` + ``SF_ACCESS_TOKEN``. ``now`` (a datetime, a callable returning
    one, or None for the real clock) drives TODAY and the other relative date literals.
    """

    def __init__(self, accounts: Iterable[Mapping[str, Any]], batch_size: int = 2000, *,
                 users: Iterable[Mapping[str, Any]] = (),
                 username: str = "integration@escalation-desk.sandbox",
                 password: str = "sandbox-password", security_token: str = "SANDBOXSECURITYTOKEN",
                 consumer_key: str = "sandbox-consumer-key", consumer_secret: str = "sandbox-consumer-secret",
                 access_token: str | None = "00DSB0000000001!AQsandbox.static.access.token",
                 org_id: str = "00DSB0000000001AAA", user_id: str = "005SB0000000001AAA",
                 now: "datetime | Callable[[], datetime] | None" = None, daily_api_limit: int = 15000,
                 history: Iterable[Mapping[str, Any]] = (), tracked_fields: Iterable[str] = ("Health_Score__c",)) -> None:
        self._lock = threading.RLock()
        self.accounts: list[dict[str, Any]] = [copy.deepcopy(dict(a)) for a in accounts]
        # The org's Account schema (name → (type, label)): a field can be taken away
        # (remove_field) to model an org without it. Field history tracking: changes to a
        # tracked field append AccountHistory rows.
        self.account_fields: dict[str, tuple[str, str]] = {**STANDARD_ACCOUNT_FIELDS, **DOCUMENTED_CUSTOM_FIELDS}
        self.tracked_fields: set[str] = set(tracked_fields)
        self.history: list[dict[str, Any]] = [copy.deepcopy(dict(h)) for h in history]
        self.users: list[dict[str, Any]] = [copy.deepcopy(dict(u)) for u in users]
        self.batch_size = batch_size
        self.username, self.password, self.security_token = username, password, security_token
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.org_id, self.user_id = org_id, user_id
        self.access_token = access_token
        self.now = now
        self.daily_api_limit = daily_api_limit
        self.api_calls = 0
        self.logins = 0
        self._tokens: set[str] = {access_token} if access_token else set()
        self._cursors: OrderedDict[str, _Cursor] = OrderedDict()

    # ---- clock
    def current_time(self) -> datetime:
        now = self.now() if callable(self.now) else self.now
        return now or datetime.now(timezone.utc)

    def today(self) -> date:
        return self.current_time().date()

    # ---- credentials and tokens
    def check_login(self, username: str, password_and_token: str) -> bool:
        return secrets.compare_digest(username.encode(), self.username.encode()) and secrets.compare_digest(
            password_and_token.encode(), (self.password + self.security_token).encode())

    def issue_token(self) -> str:
        token = f"{self.org_id[:15]}!AQ" + "".join(secrets.choice(_ALNUM) for _ in range(96))
        with self._lock:
            self._tokens.add(token)
            self.logins += 1
        return token

    def is_valid(self, token: str) -> bool:
        with self._lock:
            return token in self._tokens

    def revoke(self, token: str) -> None:
        with self._lock:
            self._tokens.discard(token)

    def revoke_all(self) -> None:
        with self._lock:
            self._tokens.clear()

    def restore_access_token(self) -> None:
        """Make the pre-issued ``access_token`` valid again (after an expire fault)."""
        if self.access_token:
            with self._lock:
                self._tokens.add(self.access_token)

    # ---- data
    def account(self, account_id: str) -> dict[str, Any] | None:
        key = account_id[:15]
        with self._lock:
            return next((a for a in self.accounts if str(a.get("Id", ""))[:15] == key), None)

    def upsert_account(self, record: Mapping[str, Any]) -> None:
        with self._lock:
            existing = self.account(str(record["Id"]))
            if existing is None:
                self.accounts.append(copy.deepcopy(dict(record)))
                return
            for name in sorted(self.tracked_fields & set(record)):
                if existing.get(name) != record[name]:
                    self.history.append({"Id": f"017SB{len(self.history) + 1:010d}", "AccountId": existing["Id"],
                                         "Field": name, "OldValue": existing.get(name), "NewValue": record[name],
                                         "CreatedDate": self.current_time(), "CreatedById": self.user_id})
            existing.update(copy.deepcopy(dict(record)))

    def remove_field(self, name: str) -> None:
        """The org has no such Account field (describe omits it; a query naming it is INVALID_FIELD)."""
        with self._lock:
            self.account_fields.pop(name, None)
            self.tracked_fields.discard(name)
            for record in self.accounts:
                record.pop(name, None)

    def describe_fields(self) -> dict[str, tuple[str, str]]:
        with self._lock:
            fields = dict(self.account_fields)
            for record in self.accounts:
                for key, value in record.items():
                    if key != "Owner" and key not in fields and value is not None:
                        fields[key] = (_infer_type(value), key.replace("__c", "").replace("_", " "))
        return fields

    def catalog(self) -> dict[str, SObjectSchema]:
        with self._lock:
            account_fields = {name: kind for name, (kind, _) in self.describe_fields().items()}
            user_fields = dict(USER_FIELD_TYPES)
            for record in self.users:
                for key, value in record.items():
                    if key not in user_fields and value is not None:
                        user_fields[key] = _infer_type(value)
        return {"Account": SObjectSchema("Account", account_fields, {"Owner": ("User", "OwnerId")}),
                "AccountHistory": SObjectSchema("AccountHistory", dict(ACCOUNT_HISTORY_FIELD_TYPES),
                                                {"Account": ("Account", "AccountId")}),
                "User": SObjectSchema("User", user_fields)}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        with self._lock:
            accounts = copy.deepcopy(self.accounts)
            users: dict[str, dict[str, Any]] = {str(u["Id"]): copy.deepcopy(u) for u in self.users}
        for record in accounts:  # Owner.X resolves through the User record when there is one
            owner = record.get("Owner")
            owner_id = record.get("OwnerId") or (owner or {}).get("Id")
            if not owner_id or (owner is None and owner_id not in users):
                continue
            user = users.setdefault(owner_id, {"Id": owner_id, "Name": (owner or {}).get("Name"),
                                               "Email": (owner or {}).get("Email")})
            record["Owner"] = {**user, **(owner or {}), "Id": owner_id}
        with self._lock:
            history = copy.deepcopy(self.history)
        return {"Account": accounts, "AccountHistory": history, "User": list(users.values())}

    def query(self, soql: str, api_version: str = "59.0") -> QueryResult:
        return execute(soql, self.catalog(), self.tables(), today=self.today(), api_version=api_version)

    # ---- cursors
    def open_cursor(self, records: list[dict[str, Any]], batch: int) -> str:
        locator = "01g" + "".join(secrets.choice(_ALNUM) for _ in range(15))
        with self._lock:
            self._cursors[locator] = _Cursor(records, batch)
            while len(self._cursors) > 500:
                self._cursors.popitem(last=False)
        return locator

    def cursor(self, locator: str) -> _Cursor | None:
        with self._lock:
            return self._cursors.get(locator)

    def count_call(self) -> int:
        with self._lock:
            self.api_calls += 1
            return self.api_calls


_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"/services/Soap/u/(?P<version>\d+\.\d)/?"), "soap_login"),
    ("POST", re.compile(r"/services/oauth2/token/?"), "oauth_token"),
    ("GET", re.compile(r"/services/data/?"), "versions"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/?"), "resources"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/limits/?"), "limits"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/(?P<kind>query|queryAll)/?"), "query"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/(?:query|queryAll)/"
                       r"(?P<locator>01g[A-Za-z0-9]+)-(?P<offset>\d+)/?"), "query_more"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/sobjects/?"), "describe_global"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/sobjects/(?P<sobject>\w+)/describe/?"), "describe"),
    ("GET", re.compile(r"/services/data/v(?P<version>\d+\.\d)/sobjects/(?P<sobject>\w+)/(?P<id>\w+)/?"), "record"),
]
_PUBLIC = {"soap_login", "oauth_token", "versions"}


class SalesforceEmulator:
    """The WSGI app. ``instance_url`` overrides the base URL announced at login (by
    default the scheme and Host the login request came to)."""

    def __init__(self, state: SalesforceState, faults: FaultPlan | None = None,
                 instance_url: str | None = None) -> None:
        self.state = state
        self.faults = faults or FaultPlan()
        self.instance_url = instance_url.rstrip("/") if instance_url else None

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        request = Request(environ)
        return self.dispatch(request)(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        path = request.path
        allowed = []
        for method, pattern, name in _ROUTES:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if request.method != method and not (method == "GET" and request.method == "HEAD"):
                allowed.append(method)
                continue
            params = match.groupdict()
            version = params.get("version")
            if version is not None and version not in API_VERSIONS:
                return _error(404, "NOT_FOUND", "The requested resource does not exist")
            if name in _PUBLIC:
                return getattr(self, "_" + name)(request, **params)
            denied = self._authenticate(request)
            if denied is not None:
                return denied
            used = self.state.count_call()
            if used > self.state.daily_api_limit:
                response = _error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
            else:
                response = getattr(self, "_" + name)(request, **params)
            response.headers["Sforce-Limit-Info"] = f"api-usage={used}/{self.state.daily_api_limit}"
            return response
        if allowed:
            return _error(405, "METHOD_NOT_ALLOWED",
                          f"HTTP Method '{request.method}' not allowed. Allowed are {','.join(allowed)}")
        return _error(404, "NOT_FOUND", "The requested resource does not exist")

    def _authenticate(self, request: Request) -> Response | None:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "oauth") or not token or not self.state.is_valid(token):
            return _error(401, "INVALID_SESSION_ID", "Session expired or invalid")
        if self.faults.take(request, kinds=("expire",)) is not None:
            self.state.revoke(token)
            return _error(401, "INVALID_SESSION_ID", "Session expired or invalid")
        return None

    def _base_url(self, request: Request) -> str:
        return self.instance_url or request.host_url.rstrip("/")

    # ---- login
    def _soap_login(self, request: Request, version: str) -> Response:
        return soap_login(self.state, request, version, self._base_url(request))

    def _oauth_token(self, request: Request) -> Response:
        return oauth_token(self.state, request, self._base_url(request))

    # ---- discovery
    def _versions(self, request: Request) -> Response:
        return json_response([{"label": _RELEASES.get(int(float(v)), f"API {v}"),
                               "url": f"/services/data/v{v}", "version": v} for v in API_VERSIONS])

    def _resources(self, request: Request, version: str) -> Response:
        base = f"/services/data/v{version}"
        return json_response({name: f"{base}/{name}" for name in
                              ("limits", "query", "queryAll", "sobjects", "search", "recent", "tooling")})

    def _limits(self, request: Request, version: str) -> Response:
        limit = self.state.daily_api_limit
        return json_response({"DailyApiRequests": {"Max": limit, "Remaining": max(limit - self.state.api_calls, 0)}})

    def _describe_global(self, request: Request, version: str) -> Response:
        sobjects = [{"name": name, "label": name, "queryable": True, "custom": False,
                     "urls": {"sobject": f"/services/data/v{version}/sobjects/{name}",
                              "describe": f"/services/data/v{version}/sobjects/{name}/describe"}}
                    for name in self.state.catalog()]
        return json_response({"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": sobjects})

    def _schema(self, sobject: str) -> SObjectSchema | None:
        return next((s for n, s in self.state.catalog().items() if n.lower() == sobject.lower()), None)

    def _describe(self, request: Request, version: str, sobject: str) -> Response:
        schema = self._schema(sobject)
        if schema is None:
            return _error(404, "NOT_FOUND", "The requested resource does not exist")
        labels = {name: label for name, (_, label) in self.state.describe_fields().items()} \
            if schema.name == "Account" else {}
        fields = [{"name": name, "label": labels.get(name) or name.replace("__c", "").replace("_", " "), "type": ftype,
                   "custom": name.endswith("__c"), "nillable": name != "Id",
                   "relationshipName": next((r for r, (_, fk) in schema.relationships.items() if fk == name), None),
                   "referenceTo": [t for r, (t, fk) in schema.relationships.items() if fk == name]}
                  for name, ftype in schema.fields.items()]
        return json_response({"name": schema.name, "label": schema.name, "queryable": True,
                              "custom": False, "fields": fields})

    # ---- data
    def _record(self, request: Request, version: str, sobject: str, id: str) -> Response:  # noqa: A002
        schema = self._schema(sobject)
        if schema is None:
            return _error(404, "NOT_FOUND", "The requested resource does not exist")
        requested = request.args.get("fields")
        names = [f.strip() for f in requested.split(",")] if requested else list(schema.fields)
        soql = f"SELECT {', '.join(names)} FROM {schema.name} WHERE Id = '{id}'"
        try:
            result = self.state.query(soql, version)
        except SoqlError as exc:
            if exc.error_code == "INVALID_QUERY_FILTER_OPERATOR":
                return _error(404, "NOT_FOUND", f"Provided external ID field does not exist or is not "
                                                f"accessible: {id}")
            return _error(400, exc.error_code, exc.message.rsplit("\n", 1)[-1])
        if not result.records:
            return _error(404, "NOT_FOUND", "The requested resource does not exist")
        return json_response(result.records[0])

    def _batch_size(self, request: Request) -> int:
        options = request.headers.get("Sforce-Query-Options", "")
        match = re.search(r"batchSize\s*=\s*(\d+)", options)
        batch = self.state.batch_size
        if match:
            batch = min(batch, max(200, min(2000, int(match.group(1)))))
        return max(1, batch)

    def _query(self, request: Request, version: str, kind: str) -> Response:
        soql = request.args.get("q")
        if soql is None:
            return _error(400, "MALFORMED_QUERY", "A query string has to be specified")
        try:
            result = self.state.query(soql, version)
        except SoqlError as exc:
            return json_response(exc.as_body(), 400)
        batch = self._batch_size(request)
        if len(result.records) <= batch:
            return json_response({"totalSize": result.total_size, "done": True, "records": result.records})
        locator = self.state.open_cursor(result.records, batch)
        return self._page(version, locator, result.records, 0, batch)

    def _query_more(self, request: Request, version: str, locator: str, offset: str) -> Response:
        cursor = self.state.cursor(locator)
        start = int(offset)
        if cursor is None or start > len(cursor.records):
            return _error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
        return self._page(version, locator, cursor.records, start, cursor.batch)

    @staticmethod
    def _page(version: str, locator: str, records: list[dict[str, Any]], start: int, batch: int) -> Response:
        end = start + batch
        body: dict[str, Any] = {"totalSize": len(records), "done": end >= len(records)}
        if end < len(records):
            body["nextRecordsUrl"] = f"/services/data/v{version}/query/{locator}-{end}"
        body["records"] = records[start:end]
        return json_response(body)
