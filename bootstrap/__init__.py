"""Bootstrapping a documents repository: `esc init` and the commented configuration it writes."""
