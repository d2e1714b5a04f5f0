"""`esc sponsor`: executive engagement with a life cycle — engaged, written follow-up, check at resolution."""

from __future__ import annotations

import click

from .context import Context, pass_ctx, parse_now
from .output import echo


@click.command()
@click.argument("ident")
@click.argument("name", required=False, default="")
@click.option("--at", "at_text", metavar="ISO8601", help="When the sponsor was engaged (default: --now).")
@click.option("--followup", default="", help="Log the sponsor's written follow-up to the customer (due 4 h after engaging).")
@click.option("--check", default="", help="Log the sponsor's follow-up check at resolution.")
@click.option("--channel", default="email", show_default=True, help="How --followup/--check reached the customer.")
@pass_ctx
def sponsor(ctx: Context, ident: str, name: str, at_text: str | None, followup: str, check: str, channel: str) -> None:
    """Record executive engagement: who was engaged and when (`exec_sponsor`,
    `sponsor_engaged_at`), then their written follow-up and their check at resolution
    (Communication Log entries naming the sponsor, which meet those deadlines).

    \b
    Examples:
      esc sponsor ESC-48213 "Jordan Ellis"                       # engaged now
      esc sponsor ESC-48213 "Jordan Ellis" --at 2026-11-20T16:00:00Z
      esc sponsor ESC-48213 --followup "Recap of the call and the plan, sent to their CFO"
      esc sponsor ESC-48213 --channel phone --check "Called their CFO: the sync holds"
    """
    from escalation_desk.tracking import actions, store

    at = parse_now(at_text) if at_text else None
    located, updated = store.update(ctx.repo, ident, lambda doc: actions.sponsor(
        doc, ctx.now, name=name, at=at, followup=followup, check=check, channel=channel))
    front = updated.front
    done = []
    if name:
        done.append(f"sponsor {front.exec_sponsor} engaged {front.sponsor_engaged_at:%Y-%m-%d %H:%M} UTC; "
                    f"written follow-up due within {_span(ctx.config.executive.written_followup_within)}")
    if followup:
        done.append("written follow-up logged")
    if check:
        done.append("check at resolution logged")
    echo(f"{located.doc.path}: " + "; ".join(done))


def _span(value) -> str:  # noqa: ANN001 - timedelta
    from escalation_desk.playbook.durations import format_duration

    return format_duration(value)

