"""File names the layers agree on, in a module that imports nothing (cheap at start-up)."""

DEFAULT_CONFIG_NAME = "escalations.toml"
