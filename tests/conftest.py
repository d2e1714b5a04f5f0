import os

import pytest

pytest_plugins = ["escalation_desk.sandbox.pytest_plugin"]


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """The user cache folder (holiday dates) is the session's own: tests neither read what a
    person's runs left there nor leave anything in it. Child processes inherit it."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
