"""`esc demo`: the whole flow on the built-in sandbox, in a fresh repository."""
