"""A hand-built set of ten escalations whose every number can be worked out on paper.

The clock stands at NOW (Tuesday 2026-06-30 12:00 UTC); the default window starts 90
days earlier (2026-04-01 12:00 UTC). The expected values in the tests are derived in
the comments beside each document. SEV-1, SEV-3 and SEV-4 run on the calendar clock;
the one SEV-2 (ESC-250) shows the business clock (New York, 09:00–17:00 EDT).

GIT_STEPS are the commits of the git-backed variant: (author time, {file: text}).
The plan of ESC-302 is never committed (unknown), ESC-102 is never committed at all,
and one commit lies after NOW (ignored by a report at NOW).
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts" / "report"
JS_DIR = HERE / "js"
MERMAID_BUILDS = {
    "current": JS_DIR / "node_modules" / "mermaid" / "dist" / "mermaid.min.js",
    "10.x": JS_DIR / "node_modules" / "mermaid-10" / "dist" / "mermaid.min.js",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=timezone.utc)
SECTIONS = ("Issue Summary", "Timeline of Events", "Root Cause", "Resolution Plan", "Customer Communication Log",
            "Internal Stakeholders Notified", "Resolution Summary", "Post-Escalation Actions", "Recovery Plan")
CONFIG_TOML = """\
[lints]
owner_max_open = 1
"""


def document(ident: str, *, severity: str, status: str, owner: str, opened: str, customer: str = "Customer",
             acknowledged: str | None = None, resolved: str | None = None, closed: str | None = None,
             target: str | None = None, tier: int | None = None, arr: int | None = None,
             category: str | None = None, exec_sponsor: str | None = None, comms: tuple[str, ...] = (),
             plan: tuple[str, ...] = (), stakeholders: tuple[str, ...] = (), recovery: tuple[str, ...] = (),
             post_actions: tuple[str, ...] = (), filled: bool = False) -> str:
    """One tracking document in the §3 shape; `comms` are 'YYYY-MM-DD HH:MM' times (UTC)."""
    front = [("id", ident), ("customer", f"{customer} {ident[4:]}"), ("arr", arr), ("severity", severity),
             ("tier", tier), ("status", status), ("owner", owner), ("exec_sponsor", exec_sponsor),
             ("opened", opened), ("acknowledged", acknowledged), ("target_resolution", target),
             ("resolved", resolved), ("closed", closed), ("category", category)]
    lines = ["---"] + [f"{key}: {value}" for key, value in front if value is not None] + ["---",
             f"# {ident} — {customer} {ident[4:]} — Something broke", ""]
    body = {
        "Issue Summary": ["What happened, for the tests."],
        "Timeline of Events": [f"- {opened[:10]} {opened[11:16]} UTC — Opened"],
        "Root Cause": ["A cause." if filled else ""],
        "Resolution Plan": [f"- Step {n}: {step} — Owner: {owner} — Due: 2026-07-10" for n, step in enumerate(plan, 1)],
        "Customer Communication Log": [f"- {at} UTC: email — Update {n}" for n, at in enumerate(comms, 1)],
        "Internal Stakeholders Notified": list(stakeholders),
        "Resolution Summary": ["Fixed." if filled else ""],
        "Post-Escalation Actions": list(post_actions),
        "Recovery Plan": list(recovery),
    }
    for name in SECTIONS:
        lines += [f"## {name}"] + [ln for ln in body[name] if ln] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def recovery(resolved_day: str, done: int, month6_text: str = "") -> tuple[str, ...]:
    """The five milestones (written by hand with their due dates); the first `done` are checked."""
    from datetime import date, timedelta

    start = date.fromisoformat(resolved_day)
    names = [("Week 1: Immediate stabilization", 7), ("Weeks 2–4: Increased attention", 28),
             ("Month 2: Trust rebuilding", 60), ("Month 3: Validation", 90),
             ("Month 6: Full recovery check" + month6_text, 182)]
    return tuple(f"- [{'x' if n < done else ' '}] {name} — Due: {(start + timedelta(days=days)).isoformat()}"
                 for n, (name, days) in enumerate(names))


CSM_MANAGER = ("- Pat Jones, CSM Manager, 2026-06-20 12:00 UTC",)


def final_documents() -> dict[str, str]:
    """File name → text, as the working tree holds them at NOW."""
    docs = {
        # SEV-1 resolved. Ack 10 min (SLA 15: met). Updates (1 h): 10:00→10:10 ok, →11:00 ok, →12:30 late,
        # →13:20 ok, →14:10 ok, →15:55 late: 4 met, 2 missed. Resolved in 6 h = 360 min, target 18:00: met.
        # Plan first committed 10:45, due 11:00: met. Weeks 2–4 due 2026-06-29 not done: overdue 12 h 1 min.
        "ESC-101.md": document(
            "ESC-101", severity="SEV-1", status="Resolved", owner="Ana Souza", opened="2026-06-01T10:00:00Z",
            acknowledged="2026-06-01T10:10:00Z", resolved="2026-06-01T16:00:00Z", target="2026-06-01T18:00:00Z",
            tier=3, arr=500000, category="outage", exec_sponsor="Jordan Ellis",
            comms=("2026-06-01 10:10", "2026-06-01 11:00", "2026-06-01 12:30", "2026-06-01 13:20",
                   "2026-06-01 14:10", "2026-06-01 15:55"),
            plan=("Fail over",), recovery=recovery("2026-06-01", done=1), filled=True,
            post_actions=("- Failover drill added",)),
        # SEV-1 open, never committed, nothing done: ack (due 10:15), leaders (10:15), plan (11:00) and
        # update (11:00) all overdue; the executive sponsor is engaged. No category.
        "ESC-102.md": document(
            "ESC-102", severity="SEV-1", status="Open", owner="Ana Souza", opened="2026-06-30T10:00:00Z",
            tier=4, arr=250000, exec_sponsor="Jordan Ellis"),
        # Closed long ago; Month 6 done and the customer agreed to be a reference.
        "ESC-201.md": document(
            "ESC-201", severity="SEV-2", status="Closed", owner="Dana Whitfield", opened="2025-11-03T15:00:00Z",
            acknowledged="2025-11-03T15:30:00Z", resolved="2025-11-06T20:00:00Z", closed="2025-11-07T10:00:00Z",
            category="integration", comms=("2025-11-03 15:30",), plan=("Fix",), filled=True,
            recovery=recovery("2025-11-06", done=5, month6_text=" — reference: yes, agreed to a case study"),
            post_actions=("- Monitoring added",)),
        # Closed; Month 6 done, but the customer declined to be a reference.
        "ESC-202.md": document(
            "ESC-202", severity="SEV-4", status="Closed", owner="Raj Patel", opened="2025-12-01T10:00:00Z",
            acknowledged="2025-12-01T12:00:00Z", resolved="2025-12-10T10:00:00Z", closed="2025-12-11T10:00:00Z",
            comms=("2025-12-01 12:00",), plan=("Fix",), filled=True, recovery=recovery("2025-12-10", done=5),
            post_actions=("- Customer declined to be a reference for now",)),
        # SEV-2 resolved, business clock (4 business hours, New York). Ack 30 min: met. Updates:
        # 14:00→14:30 ok; 14:30→18:00 (3.5 business h) ok; 18:00 (14:00 EDT) → next day 13:00 (09:00 EDT):
        # due 14:00 UTC next day (3 h that day + 1 h the next) → ok. 3 met. Resolved in 25 h = 1500 min,
        # no target. Plan committed 19:30, due 18:00: missed.
        "ESC-250.md": document(
            "ESC-250", severity="SEV-2", status="Resolved", owner="Dana Whitfield", opened="2026-06-23T14:00:00Z",
            acknowledged="2026-06-23T14:30:00Z", resolved="2026-06-24T15:00:00Z", tier=2, arr=90000,
            category="billing", comms=("2026-06-23 14:30", "2026-06-23 18:00", "2026-06-24 13:00"),
            plan=("Correct invoices",), filled=True, post_actions=("- Invoice check added",),
            stakeholders=("- Priya Raman, CS Director, 2026-06-23 14:40 UTC",
                          "- Tom Becker, Engineering Manager, 2026-06-23 14:45 UTC")),
        # SEV-3 resolved. Ack 30 min: met. Updates (1 d): →09:30 ok, →06-02 08:00 (22.5 h) ok,
        # →06-03 10:00 (26 h) late: 2 met, 1 missed. Resolved 06-03 12:00 = 3060 min; target 09:00: missed.
        # Plan committed 06-01 20:00, due 06-02 09:00: met. A post-mortem is mentioned.
        "ESC-301.md": document(
            "ESC-301", severity="SEV-3", status="Resolved", owner="Kim Lee", opened="2026-06-01T09:00:00Z",
            acknowledged="2026-06-01T09:30:00Z", resolved="2026-06-03T12:00:00Z", target="2026-06-03T09:00:00Z",
            tier=1, arr=10000, category="exports", comms=("2026-06-01 09:30", "2026-06-02 08:00", "2026-06-03 10:00"),
            plan=("Patch exporter",), recovery=recovery("2026-06-03", done=1), filled=True,
            post_actions=("- Post-mortem held on 2026-06-05",)),
        # SEV-3 open. Ack 90 min: met. Updates: →11:30 ok, →06-21 11:00 (23.5 h) ok, →06-22 12:00 (25 h) late,
        # running: due 06-23 12:00, overdue 7 d: 2 met, 2 missed. Plan written but never committed: unknown.
        "ESC-302.md": document(
            "ESC-302", severity="SEV-3", status="In Progress", owner="Kim Lee", opened="2026-06-20T10:00:00Z",
            acknowledged="2026-06-20T11:30:00Z", tier=2, arr=20000, category="exports",
            comms=("2026-06-20 11:30", "2026-06-21 11:00", "2026-06-22 12:00"), plan=("Rewrite export",),
            stakeholders=CSM_MANAGER),
        # SEV-3 open. Ack 200 min: met. Update →15:20 ok, running due 06-30 15:20: pending. Plan due exactly
        # at NOW (not past): pending. No tier, no ARR.
        "ESC-303.md": document(
            "ESC-303", severity="SEV-3", status="In Progress", owner="Kim Lee", opened="2026-06-29T12:00:00Z",
            acknowledged="2026-06-29T15:20:00Z", category="exports", comms=("2026-06-29 15:20",),
            stakeholders=CSM_MANAGER),
        # SEV-3 resolved. Ack 300 min: missed (SLA 240). Update →13:00 ok. Resolved 720 min, target met.
        # No plan, resolved before one was due: not counted. No recovery plan.
        "ESC-304.md": document(
            "ESC-304", severity="SEV-3", status="Resolved", owner="Raj Patel", opened="2026-05-10T08:00:00Z",
            acknowledged="2026-05-10T13:00:00Z", resolved="2026-05-10T20:00:00Z", target="2026-05-11T00:00:00Z",
            tier=1, arr=3000, category="billing", comms=("2026-05-10 13:00",), filled=True,
            post_actions=("- Docs fixed",)),
        # SEV-4 open. Ack 660 min: met. Updates (3.5 d): →20:00 ok, →06-29 10:00 (62 h) ok, running due
        # 07-02 22:00: pending. Plan committed 06-27 09:00, due 07-03: met. Owner changed in git.
        "ESC-401.md": document(
            "ESC-401", severity="SEV-4", status="In Progress", owner="Raj Patel", opened="2026-06-26T09:00:00Z",
            acknowledged="2026-06-26T20:00:00Z", tier=1, arr=5000, category="billing",
            comms=("2026-06-26 20:00", "2026-06-29 10:00"), plan=("Adjust template",)),
    }
    return docs


def without_plan(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.startswith("- Step ")) + "\n"


def git_steps() -> list[tuple[str, dict[str, str]]]:
    final = final_documents()
    v101 = without_plan(final["ESC-101.md"]).replace("severity: SEV-1", "severity: SEV-2").replace(
        "owner: Ana Souza", "owner: Kim Lee")
    v401 = without_plan(final["ESC-401.md"]).replace("owner: Raj Patel", "owner: Kim Lee")
    v303_later = final["ESC-303.md"].replace("owner: Kim Lee", "owner: Dana Whitfield")
    return [
        ("2026-05-10T08:30:00Z", {n: final[n] for n in ("ESC-201.md", "ESC-202.md", "ESC-304.md")}),
        ("2026-06-01T10:05:00Z", {"ESC-101.md": v101, "ESC-301.md": without_plan(final["ESC-301.md"])}),
        # ESC-101: SEV-2 → SEV-1 and Kim Lee → Ana Souza, and its plan, at 10:45 (plan due 11:00).
        ("2026-06-01T10:45:00Z", {"ESC-101.md": final["ESC-101.md"]}),
        ("2026-06-01T20:00:00Z", {"ESC-301.md": final["ESC-301.md"]}),
        ("2026-06-20T10:30:00Z", {"ESC-302.md": without_plan(final["ESC-302.md"])}),
        ("2026-06-23T14:10:00Z", {"ESC-250.md": without_plan(final["ESC-250.md"])}),
        ("2026-06-23T19:30:00Z", {"ESC-250.md": final["ESC-250.md"]}),
        ("2026-06-26T09:30:00Z", {"ESC-401.md": v401}),
        # ESC-401: Kim Lee → Raj Patel with the plan (due 07-03).
        ("2026-06-27T09:00:00Z", {"ESC-401.md": final["ESC-401.md"]}),
        ("2026-06-29T12:10:00Z", {"ESC-303.md": final["ESC-303.md"]}),
        # After NOW: a report at NOW must not see it (the working tree is set back below).
        ("2026-07-01T09:00:00Z", {"ESC-303.md": v303_later}),
    ]


def write_plain(repo: Path) -> Path:
    """The final documents in a folder that is not a git repository."""
    folder = repo / "escalations"
    folder.mkdir(parents=True)
    for name, text in final_documents().items():
        (folder / name).write_text(text, encoding="utf-8")
    (repo / "escalations.toml").write_text(CONFIG_TOML, encoding="utf-8")
    return repo


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.com", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def write_git(repo: Path) -> Path:
    """The same documents, committed step by step at known author times; the working tree ends at NOW's state."""
    folder = repo / "escalations"
    folder.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "escalations.toml").write_text(CONFIG_TOML, encoding="utf-8")
    for when, files in git_steps():
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"update {', '.join(files)}", when=when)
    for name, text in final_documents().items():   # uncommitted: ESC-102, ESC-302's plan, ESC-303 set back
        (folder / name).write_text(text, encoding="utf-8")
    return repo


def report_of(repo: Path, since: str | None = None):
    """The report of the documents in `repo` at NOW (with git history when it is a repository)."""
    from escalation_desk.config import load_config
    from escalation_desk.report.history import read_history
    from escalation_desk.report.metrics import compute
    from escalation_desk.report.window import window_since
    from escalation_desk.tracking.store import load_all

    config = load_config(repo / "escalations.toml")
    return compute(load_all(repo), config, NOW, window_since(since, NOW), read_history(repo))
