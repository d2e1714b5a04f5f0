"""Commands about severity: a person confirms (or sets) it."""

from __future__ import annotations

import click

from escalation_desk.playbook.levels import SEVERITIES

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

    located, updated = store.update(ctx.repo, ident, lambda doc: confirm_severity(doc, ctx.now, by, severity))
    echo(f"{located.doc.path}: {updated.front.severity} confirmed by {updated.front.severity_set_by}")


def watch_report(ctx: Context, days: int) -> None:
    """`esc status --watch`: non-escalated open tickets whose customer is getting frustrated
    (VADER sentiment trend over the thread), for proactive outreach. Never changes severity."""
    from datetime import timedelta

    from escalation_desk.report.frustration import watchlist
    from escalation_desk.sync.sources import Sources
    from escalation_desk.tracking import store

    escalated = {t for d in store.load_all(ctx.repo) if d.front for t in d.front.zendesk_tickets}
    tag = (ctx.config.zendesk.escalation_tag or "").lower()
    zendesk = Sources(ctx.config).zendesk
    changed = zendesk.changed_tickets(None, ctx.now - timedelta(days=days)).tickets
    candidates = [t for t in changed if t.status in ("new", "open", "pending", "hold") and t.id not in escalated
                  and tag not in {x.lower() for x in t.tags}]
    found = watchlist(candidates, zendesk.comments_of(t.id for t in candidates))
    echo(f"Frustration building on {len(found)} ticket(s) not escalated (updated in the last {days} days; "
         "sentiment of the customer's messages, first → last; severity unchanged):")
    for w in found:
        trend = " → ".join(f"{s:+.2f}" for s in w.scores)
        echo(f"  #{w.ticket_id}  {w.subject}  ({trend})")
