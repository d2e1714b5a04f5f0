"""The `esc` commands, one module per area; :mod:`cli` is the group that holds them.

Each command parses its options, calls one library function and formats what comes
back — no logic of its own.
"""
