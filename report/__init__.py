"""How are we doing on escalations? Metrics, the README dashboard and the HTML page.

- :mod:`report.metrics`: :func:`compute` — a pure function of (documents, config, now,
  window, history) that returns a :class:`report.model.Report` of plain dataclasses.
- :mod:`report.history`: what git remembers (the only part that touches git, through
  :mod:`sync.gitrepo`); without a repository the report is made without history.
- :mod:`report.dashboard`: ``escalations/README.md`` (Mermaid charts); the sync writes it
  through :func:`report.run.dashboard_text` when documents changed.
- :mod:`report.html`: the self-contained static page with inline SVG charts.

Every deadline in these numbers comes from :mod:`tracking.clocks`, so the dashboard,
``esc check``, ``esc overdue`` and the sidebar always agree.
"""
