"""Connection settings from the environment (SPEC §6), and nothing else.

Secrets live only in these objects for the life of the process: their ``repr`` hides
them, error messages name the variable and never its value, and :func:`redact` scrubs
any text (an SDK's exception message, say) before it reaches a user.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import SplitResult, urlsplit

from escalation_desk.errors import DeskError

_HIDDEN = "***"
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "")
    return value.strip() or None


def token_value(env: Mapping[str, str], name: str) -> str | None:
    """A token variable, stripped; one with a space or line break inside (a token pasted in
    two pieces) is refused by name, before it reaches an HTTP header, where requests would
    crash on it with the secret in its message."""
    value = _get(env, name)
    if value and any(c.isspace() or not c.isprintable() for c in value):
        raise DeskError(f"{name} contains a space, tab or line break", hint="set it to the token alone, on one line")
    return value


def _split_url(text: str) -> SplitResult | None:
    """The URL's parts (https:// assumed when no scheme is given), or None when it cannot be parsed."""
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        parts.port   # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return None
    return parts


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """The text with every secret (and its Basic-auth forms) replaced by ***."""
    for secret in sorted((s for s in secrets if s and len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, _HIDDEN)
    return text


def redacted_excerpt(text: object, secrets: tuple[str, ...], limit: int = 200) -> str:
    """Outside text (an error body) for a message: redacted first, then one line and cut,
    so a cut can never leave part of a secret behind."""
    return " ".join(redact(str(text), secrets).split())[:limit]


@dataclass(frozen=True)
class ZendeskCredentials:
    scheme: str
    netloc: str
    email: str | None = None
    api_token: str | None = field(default=None, repr=False)
    oauth_token: str | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def subdomain(self) -> str:
        # zenpy insists on a subdomain even when ZENPY_FORCE_NETLOC decides the host.
        return self.netloc.split(".", 1)[0].split(":", 1)[0] or "zendesk"

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.api_token, self.oauth_token) if s)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ZendeskCredentials":
        env = os.environ if env is None else env
        url = _get(env, "ZENDESK_URL")
        if not url:
            raise DeskError("ZENDESK_URL is not set", hint="e.g. export ZENDESK_URL=https://acme.zendesk.com")
        parts = _split_url(url)
        if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
                or any(c.isspace() for c in url)):
            raise DeskError("ZENDESK_URL is not an http(s) URL", hint="e.g. https://acme.zendesk.com")
        if parts.path.strip("/"):
            raise DeskError("ZENDESK_URL must be the account's base URL without a path",
                            hint="e.g. https://acme.zendesk.com")
        if "@" in parts.netloc:
            raise DeskError("ZENDESK_URL must not contain credentials",
                            hint="use ZENDESK_EMAIL and ZENDESK_API_TOKEN")
        oauth = token_value(env, "ZENDESK_OAUTH_TOKEN")
        email, api_token = _get(env, "ZENDESK_EMAIL"), token_value(env, "ZENDESK_API_TOKEN")
        if not oauth and not (email and api_token):
            raise DeskError("Zendesk credentials are not set",
                            hint="set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN")
        return cls(parts.scheme, parts.netloc, email, api_token if not oauth else None, oauth)


@dataclass(frozen=True)
class SalesforceCredentials:
    instance_url: str | None = None
    access_token: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    security_token: str | None = field(default=None, repr=False)
    domain: str = "login"
    ca_bundle: str | None = None       # REQUESTS_CA_BUNDLE, when given in a mapping (not os.environ)

    @property
    def can_log_in(self) -> bool:
        return bool(self.username and self.password and self.security_token is not None)

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.access_token, self.password, self.security_token) if s)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "SalesforceCredentials":
        env = os.environ if env is None else env
        instance, token = _get(env, "SF_INSTANCE_URL"), token_value(env, "SF_ACCESS_TOKEN")
        username, password = _get(env, "SF_USERNAME"), _get(env, "SF_PASSWORD")
        security_token = env.get("SF_SECURITY_TOKEN")
        domain = _get(env, "SF_DOMAIN") or "login"
        if not _DOMAIN.match(domain) or domain.lower().endswith(".salesforce.com"):
            # simple-salesforce logs in at https://{domain}.salesforce.com: a URL or host:port cannot work.
            raise DeskError("SF_DOMAIN is not a Salesforce login domain",
                            hint="use login, test, or your My Domain prefix such as acme.my (not a URL or host:port)")
        ca_bundle = _get(env, "REQUESTS_CA_BUNDLE")
        if instance:
            parts = _split_url(instance)
            if parts is None or not parts.hostname or any(c.isspace() for c in instance):
                raise DeskError("SF_INSTANCE_URL is not an http(s) URL", hint="e.g. https://acme.my.salesforce.com")
        if instance and token:
            return cls(instance, token, username, password, security_token, domain, ca_bundle)
        if username and password and security_token is not None:
            return cls(instance, None, username, password, security_token.strip(), domain, ca_bundle)
        if token and not instance:
            raise DeskError("SF_ACCESS_TOKEN is set but SF_INSTANCE_URL is not",
                            hint="e.g. export SF_INSTANCE_URL=https://acme.my.salesforce.com")
        raise DeskError("Salesforce credentials are not set",
                        hint="set SF_INSTANCE_URL and SF_ACCESS_TOKEN, or SF_USERNAME, SF_PASSWORD and "
                             "SF_SECURITY_TOKEN")
