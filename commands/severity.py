"""Commands about severity: a person confirms (or sets) it."""

from __future__ import annotations

import click

from escalation_desk.playbook.config import SEVERITIES

from .context import Context, pass_ctx
from .output import echo


@click.command()
@click.argument("ident")
@click.option("--by", "by", required=True, help="Who decides (recorded as severity_set_by).")
@click.option("--severity", type=click.Choice(SEVERITIES), help="Set this level instead of confirming the current one.")
@pass_ctx
def confirm(ctx: Context, ident: str, by: str, severity: str | None) -> None:
    """Confirm an escalation's proposed severity (or set another) as a person's decision.

    Records severity_set_by / severity_set_at (at --now) and a Timeline line; the sync
    never changes a severity a person set.

    \b
    Examples:
      esc confirm ESC-48211 --by "Dana Whitfield"
      esc confirm ESC-48212 --severity SEV-3 --by "Dana Whitfield"
    """
    from escalation_desk.tracking import store
    from escalation_desk.tracking.confirm import confirm_severity

    located = store.find(ctx.repo, ident)
    updated = confirm_severity(located.doc, ctx.now, by, severity)
    store.write_atomic(located.path, updated.text)
    echo(f"{located.doc.path}: {updated.front.severity} confirmed by {updated.front.severity_set_by}")
