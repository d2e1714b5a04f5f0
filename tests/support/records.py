"""Settings models and their read-only records (playbook.frozen) as comparable plain values."""

from __future__ import annotations

from escalation_desk.playbook import frozen


def plain_settings(value: object) -> object:
    """A model or record as nested (kind, values), keeping every leaf value's exact type."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return ("settings", {name: plain_settings(getattr(value, name)) for name in fields})
    if isinstance(value, frozen.Record):
        return ("settings", {name: plain_settings(item)
                             for name, item in object.__getattribute__(value, "_values").items()})
    if isinstance(value, dict):
        return {key: plain_settings(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(plain_settings(item) for item in value)
    return (type(value).__name__, value)
