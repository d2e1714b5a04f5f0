"""The escalation playbook as rules: severities and SLAs, tiers and triggers,
executive engagement, the recovery schedule, business hours and the roster.

This package imports nothing else of ours and no vendor SDK.
"""
