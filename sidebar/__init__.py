"""The Zendesk ticket-sidebar app (ZAF v2) that shows agents a ticket's escalation.

``sidebar/app/`` is the app root exactly as Zendesk receives it: ``manifest.json``,
``translations/``, and ``assets/`` (an ``iframe.html`` with plain JavaScript and CSS,
no build step). The page reads ``escalations/index.json`` from the documents
repository through Zendesk's request proxy, which inserts the GitHub token (a secure
setting) server-side, so the token never reaches an agent's browser.

- :mod:`sidebar.package` validates the app the way Zendesk's upload does and builds
  the deterministic upload zip (``esc sidebar package``).
- :mod:`sidebar.i18n` regenerates ``assets/i18n.js`` from ``translations/*.json``,
  the single source of every string the page shows.
- ``sidebar/make_logos.py`` regenerates the PNG logos without any imaging library.
"""

from pathlib import Path

APP_DIR = Path(__file__).resolve().parent / "app"
