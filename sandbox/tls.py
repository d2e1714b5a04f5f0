"""TLS for the sandbox servers: a throwaway certificate authority made with trustme.

simple-salesforce always speaks https, so the Salesforce emulator must serve TLS; the
other emulators may too. Clients trust the throwaway CA through ``REQUESTS_CA_BUNDLE``
(requests, hence simple-salesforce, zenpy and PyGithub, all honour it).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import trustme

CA_FILE_NAME = "sandbox-ca.pem"


def make_server_tls(directory: Path) -> tuple[ssl.SSLContext, Path]:
    """A server SSL context with a certificate for 127.0.0.1 and localhost, signed by a
    fresh CA whose certificate is written to ``directory/sandbox-ca.pem``.

    Returns ``(server_context, ca_pem_path)``; point ``REQUESTS_CA_BUNDLE`` (or a
    session's ``verify``) at the path to trust the server.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA(organization_name="Escalation Desk sandbox")
    leaf = ca.issue_cert("127.0.0.1", "localhost", "::1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    leaf.configure_cert(context)
    ca_path = directory / CA_FILE_NAME
    ca.cert_pem.write_to_path(str(ca_path))
    return context, ca_path
