"""Salesforce logins for the emulator: the SOAP ``login()`` call and the OAuth 2.0
username-password flow, in the wire formats simple-salesforce parses, plus the
transport adapter that lets simple-salesforce's fixed login host reach the emulator.

simple-salesforce posts username/password logins to ``https://{domain}.salesforce.com``
(``SalesforceLogin`` in simple_salesforce/login.py), reads the *unprefixed* ``<sessionId>``
and ``<serverUrl>`` elements of the answer (via minidom ``getElementsByTagName``) and keeps
the host[:port] of serverUrl as the instance. Errors come back as a SOAP fault whose
``sf:exceptionCode`` it reports in ``SalesforceAuthenticationFailed``.
"""

from __future__ import annotations

import secrets
import time
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape

import requests
from requests.adapters import HTTPAdapter
from werkzeug.wrappers import Request, Response

from .core import json_response

if TYPE_CHECKING:
    from .salesforce import SalesforceState

_SOAP_OK = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<soapenv:Body><loginResponse><result>\
<metadataServerUrl>{base}/services/Soap/m/{version}/{org_id}</metadataServerUrl>\
<passwordExpired>false</passwordExpired>\
<sandbox>false</sandbox>\
<serverUrl>{base}/services/Soap/u/{version}/{org_id}</serverUrl>\
<sessionId>{session_id}</sessionId>\
<userId>{user_id}</userId>\
<userInfo><accessibilityMode>false</accessibilityMode><currencySymbol>$</currencySymbol>\
<orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><organizationId>{org_id}</organizationId>\
<organizationMultiCurrency>false</organizationMultiCurrency>\
<organizationName>Escalation Desk Sandbox</organizationName>\
<userEmail>{username}</userEmail><userFullName>Integration User</userFullName>\
<userId>{user_id}</userId><userLanguage>en_US</userLanguage><userLocale>en_US</userLocale>\
<userName>{username}</userName><userTimeZone>America/Los_Angeles</userTimeZone>\
<userType>Standard</userType></userInfo>\
</result></loginResponse></soapenv:Body></soapenv:Envelope>"""

_SOAP_FAULT = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<soapenv:Body><soapenv:Fault><faultcode>{faultcode}</faultcode>\
<faultstring>{code}: {message}</faultstring><detail>\
<sf:{fault_type} xsi:type="sf:{fault_type}"><sf:exceptionCode>{code}</sf:exceptionCode>\
<sf:exceptionMessage>{message}</sf:exceptionMessage></sf:{fault_type}>\
</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"""

INVALID_LOGIN_MESSAGE = "Invalid username, password, security token; or user locked out."


def soap_fault(code: str, message: str, fault_type: str = "LoginFault",
               faultcode: str | None = None) -> Response:
    body = _SOAP_FAULT.format(faultcode=faultcode or f"sf:{code}", code=code,
                              message=escape(message), fault_type=fault_type)
    return Response(body, status=500, content_type="text/xml; charset=utf-8")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def soap_login(state: "SalesforceState", request: Request, version: str, base_url: str) -> Response:
    """``POST /services/Soap/u/{version}``: partner ``login(username, password+token)``."""
    try:
        root = ET.fromstring(request.get_data())
    except ET.ParseError:
        return soap_fault("INVALID_REQUEST", "Unable to parse the SOAP request body",
                          "UnexpectedErrorFault", "soapenv:Client")
    login = next((el for el in root.iter() if _local(el.tag) == "login"), None)
    if login is None:
        return soap_fault("INVALID_OPERATION", "No operation available for request",
                          "UnexpectedErrorFault", "soapenv:Client")
    fields = {_local(child.tag): child.text or "" for child in login}
    username, password = fields.get("username", ""), fields.get("password", "")
    if not state.check_login(username, password):
        return soap_fault("INVALID_LOGIN", INVALID_LOGIN_MESSAGE)
    body = _SOAP_OK.format(base=escape(base_url), version=escape(version), org_id=state.org_id,
                           session_id=escape(state.issue_token()), user_id=state.user_id,
                           username=escape(state.username))
    return Response(body, status=200, content_type="text/xml; charset=utf-8")


def oauth_token(state: "SalesforceState", request: Request, base_url: str) -> Response:
    """``POST /services/oauth2/token``: the OAuth 2.0 username-password flow."""
    form = request.form
    grant = form.get("grant_type", "")
    if grant != "password":
        return json_response({"error": "unsupported_grant_type",
                              "error_description": "grant type not supported"}, 400)
    if form.get("client_id") != state.consumer_key or form.get("client_secret") != state.consumer_secret:
        return json_response({"error": "invalid_client_id",
                              "error_description": "client identifier invalid"}, 400)
    if not state.check_login(form.get("username", ""), form.get("password", "")):
        return json_response({"error": "invalid_grant", "error_description": "authentication failure"}, 400)
    return json_response({
        "access_token": state.issue_token(),
        "instance_url": base_url,
        "id": f"{base_url}/id/{state.org_id}/{state.user_id}",
        "token_type": "Bearer",
        "issued_at": str(int(time.time() * 1000)),
        "signature": secrets.token_urlsafe(32),
    })


# --------------------------------------------------------------------------- client side

class LoginRoutingAdapter(HTTPAdapter):
    """A requests transport adapter that sends ``*.salesforce.com`` requests to the
    emulator (keeping path and query) and verifies the emulator with the sandbox CA.

    Transport configuration only: simple-salesforce itself is untouched.
    """

    def __init__(self, emulator_url: str, ca_path: str | None, domain: str = "salesforce.com") -> None:
        super().__init__()
        target = urlsplit(emulator_url)
        self._scheme, self._netloc = target.scheme, target.netloc
        self._domain = domain
        self._ca_path = ca_path

    def _routed(self, host: str | None) -> bool:
        return bool(host) and (host == self._domain or host.endswith("." + self._domain))  # type: ignore[union-attr]

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def]  # requests' signature
        parts = urlsplit(request.url)
        if self._routed(parts.hostname):
            request.url = urlunsplit((self._scheme, self._netloc, parts.path, parts.query, parts.fragment))
            parts = urlsplit(request.url)
        if self._ca_path and parts.netloc == self._netloc:
            kwargs["verify"] = self._ca_path
        return super().send(request, **kwargs)


def login_routing_session(emulator_url: str, ca_path: "str | None" = None) -> requests.Session:
    """A ``requests.Session`` for simple-salesforce's ``session=`` argument that routes its
    fixed login host (``https://login.salesforce.com``, or any ``*.salesforce.com``) to the
    emulator at ``emulator_url`` and trusts the sandbox CA at ``ca_path`` for it.

    Use it to exercise the username/password flow against the sandbox::

        session = login_routing_session(server.url, ca_path)
        sf = Salesforce(username=..., password=..., security_token=..., session=session)

    The login answer names the emulator as the instance, so every later request goes
    straight to it; nothing in the SDK is patched.
    """
    session = requests.Session()
    adapter = LoginRoutingAdapter(emulator_url, str(ca_path) if ca_path else None)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
