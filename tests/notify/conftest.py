from __future__ import annotations

from typing import Iterator

import pytest

from support.receivers import Mailbox, Webhook, receivers


@pytest.fixture
def local_receivers() -> Iterator[tuple[Webhook, Mailbox]]:
    yield from receivers()
