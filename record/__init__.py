"""Recording from where people work: `/esc …` commands in GitHub issue comments (Zendesk's
`#esc` notes go through the sync). The vocabulary is :mod:`tracking.desk_commands`."""
