"""Overdue obligations: what is late or about to be, and the GitHub issues that say so."""
