"""`esc demo` through the CLI: a team's morning, not a week nobody worked.

The sandbox's people act in Zendesk (replies, `#esc` notes) and in git (their own commits);
what the demo prints must be a realistic mix — most escalations on track, a few due soon,
a few overdue with who must act, one resolved escalation in recovery, one closed — and the
same for the same --now.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from support.cli import esc

NOW = "2026-11-26T12:00:00Z"
SUMMARY = re.compile(r"— (\d+) escalations: (\d+) overdue, (\d+) due soon, (\d+) on track, (\d+) in recovery, "
                     r"(\d+) closed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def counts(out: str) -> dict[str, int]:
    match = SUMMARY.search(out)
    assert match, out
    return dict(zip(("total", "overdue", "due_soon", "on_track", "recovery", "closed"), map(int, match.groups())))


def section(out: str, title: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(title + ":") + 1
    found = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("demo") / "repo"
    run = esc("--now", NOW, "demo", "--into", str(target), "--tickets", "60")
    assert run.code == 0, run.text
    return target, run.out


def test_most_escalations_are_on_track_a_few_due_soon_a_few_overdue(demo: tuple[Path, str]) -> None:
    _repo, out = demo
    c = counts(out)
    assert c["total"] == 18          # 17 synced from Zendesk, one kept by hand since May
    open_total = c["overdue"] + c["due_soon"] + c["on_track"]
    assert 1 <= c["overdue"] <= open_total // 4, c          # overdue: a minority
    assert 1 <= c["due_soon"] <= open_total // 3, c
    assert c["on_track"] > open_total // 2, c                # most are on track
    assert c["recovery"] >= 1 and c["closed"] >= 1, c
    overdue = section(out, "Overdue — act now")
    assert len(overdue) == c["overdue"] and all(line.endswith("must act") for line in overdue), overdue
    assert any("ESC-48213 Acme Corp" in line and "Target resolution" in line and "Plan step 2" in line
               for line in overdue), overdue
    assert any(line.startswith("ESC-48214 Zephyr Airlines (SEV-1)") and "due in 10 min" in line
               for line in section(out, "Due soon")), out
    recovery = section(out, "In recovery (resolved)")
    assert any("ESC-48215 Willow Education" in line and "1 of 5 milestones done; next: Weeks 2–4" in line
               for line in recovery), recovery
    assert section(out, "Closed") == ["ESC-2605204417 Pinecrest Health (SEV-2)"]   # recovery done over six months


def test_overdue_items_are_few_and_agree_with_esc_overdue(demo: tuple[Path, str]) -> None:
    repo, out = demo
    run = esc("--repo", repo, "--now", NOW, "overdue", "--json")
    assert run.code == 0, run.text
    report = run.json()
    assert 1 <= report["overdue_items"] <= 6, report           # it was 74 items on 16 escalations
    late = {e["id"] for e in report["escalations"] if any(i["state"] == "overdue" for i in e["items"])}
    assert late == {line.split()[0] for line in section(out, "Overdue — act now")}
    assert report["overdue_escalations"] == len(late)
    assert esc("--repo", repo, "--now", NOW, "check").code == 0


def test_the_people_acted_through_zendesk_and_their_own_commits(demo: tuple[Path, str]) -> None:
    repo, out = demo
    log = git(repo, "log", "--reverse", "--format=%an|%aI|%s").splitlines()
    subjects = [line.split("|", 2)[2] for line in log]
    first = next(i for i, subject in enumerate(subjects) if subject.startswith("sync: "))
    assert subjects[first].startswith("sync: 17 created") and subjects[-1].startswith("sync: ")
    kept = log[1:first]                       # the escalation a CSM ran by hand, May to November
    assert kept[0] == "Aiko Tanaka|2026-05-20T14:30:00+00:00|New escalation: Pinecrest Health's reminders sent twice"
    assert kept[-1] == "Aiko Tanaka|2026-11-17T10:00:00+00:00|Closed: recovery complete"
    people = [line for line in log[first + 1:-1]]
    assert len(people) >= 10, log
    assert "Dana Whitfield|2026-11-26T10:22:00+00:00|ESC-48213: token renewed, step 1 done" in people
    assert all(not line.startswith(("Escalation Desk", "sync")) for line in people), people
    pinecrest = next((repo / "escalations").glob("ESC-48211-*.md")).read_text()
    assert "Grace Liu, CTO, 2026-11-26 10:14 UTC — recorded by Aiko Tanaka in Zendesk #48211" in pinecrest
    assert "acknowledged: 2026-11-26T10:10:00Z" in pinecrest
    assert "10:10 Aiko Tanaka on Zendesk #48211: replied to the customer" in out
    assert "10:30 Aiko Tanaka on Zendesk #48211: #esc step Stop the referral export and find whose records it " \
           "included — Owner: Ben Okafor — Due: 2026-11-26" in out
    lakeshore = next((repo / "escalations").glob("ESC-48205-*.md")).read_text()
    assert "cadence: daily\ncadence_agreed_by: Sofia Lindqvist\n" in lakeshore          # `#esc cadence`
    assert "target_resolution: 2026-11-27T22:00:00Z" in lakeshore                        # `#esc target`
    acme = next((repo / "escalations").glob("ESC-48213-*.md")).read_text()
    assert "- [x] Step 1: Renew the expired OAuth token" in acme


def _stable(out: str) -> str:
    out = re.sub(r"127\.0\.0\.1:\d+", "HOST", out)
    out = re.sub(r"commit [0-9a-f]{10}", "commit SHA", out)
    out = re.sub(r"\d+\.\d s$", "T s", out, flags=re.M)
    return out.replace(str(Path(out.split("repository: ", 1)[1].split()[0])), "REPO")


def test_the_same_now_prints_the_same_morning(tmp_path: Path, demo: tuple[Path, str]) -> None:
    _repo, first = demo
    run = esc("--now", NOW, "demo", "--into", str(tmp_path / "again"), "--tickets", "60")
    assert run.code == 0, run.text
    assert _stable(run.out) == _stable(first)


def test_another_morning_is_just_as_realistic(tmp_path: Path) -> None:
    run = esc("--now", "2026-12-02T15:00:00Z", "demo", "--into", str(tmp_path / "wed"), "--tickets", "30")
    assert run.code == 0, run.text
    c = counts(run.out)
    assert c["overdue"] >= 1 and c["due_soon"] >= 1 and c["on_track"] > c["overdue"] + c["due_soon"], c
    assert "The morning of 2026-12-02 15:00 UTC" in run.out


def test_demo_runs_offline_into_a_fresh_repository(demo: tuple[Path, str]) -> None:
    target, out = demo
    assert "Escalations as of 2026-11-26 12:00 UTC" in out and "Where to look next:" in out
    assert f"esc --repo {target} --now {NOW} brief ESC-48213" in out          # the first that must act
    assert git(target, "log", "--format=%s").splitlines()[0].startswith("sync: ")   # the last sync, at now
    assert (target / "escalations" / "index.json").exists()
    again = esc("demo", "--into", str(target))
    assert again.code == 2 and "is not empty" in again.err
