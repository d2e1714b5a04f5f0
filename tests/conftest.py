pytest_plugins = ["escalation_desk.sandbox.pytest_plugin"]
