"""Notifications: telling the people the playbook names, and recording that they were told.

plan (who must hear what, pure) → deliver (Apprise channels and GitHub mentions, retried
within a budget) → record (one stakeholder line per person told) → commit.
"""
