"""Warnings worth reading, through the CLI: an owner's load once (in the summary, weighed by
severity), the systemic warning cleared by a recorded post-mortem, a recorded hand-off
satisfying owner-changed, closing with unticked recovery milestones (named, and still in
`esc overdue`), and the "thank the team" reminder of `esc resolve`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from support.overdue import esc, write_config, write_doc

NOW = "2026-11-26T12:30:00Z"
GIT = ("-c", "user.name=t", "-c", "user.email=t@e")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "escalations").mkdir()
    write_config(tmp_path)
    return tmp_path


def check(repo: Path, *args: str, now: str = NOW, fmt: str = "json"):
    return esc("--repo", str(repo), "--now", now, "check", "--format", fmt, *args)


def codes_of(report: dict, code: str) -> list[dict]:
    return [f for f in report["findings"] + report["summary"] if f["code"] == code]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *GIT, *args], cwd=repo, check=True, capture_output=True)


def post_actions(path: Path, *lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Post-Escalation Actions\n", "## Post-Escalation Actions\n"
                                 + "".join(f"{line}\n" for line in lines)), encoding="utf-8")


# --------------------------------------------------------------------------- owner-overload

def test_an_owners_load_is_said_once_in_the_summary_weighed_by_severity(repo: Path) -> None:
    for n in (1, 2, 3):   # three SEV-2s: 3 × 2 = 6, over the limit of 5
        write_doc(repo, f"ESC-{n}", severity="SEV-2", customer=f"Customer {n}", opened="2026-11-26T09:00:00Z",
                  acknowledged="2026-11-26T09:10:00Z")
    for n in (4, 5, 6, 7, 8):   # five SEV-4s for Lee Park: 2.5, fine
        write_doc(repo, f"ESC-{n}", severity="SEV-4", owner="Lee Park", customer=f"Customer {n}",
                  opened="2026-11-26T09:00:00Z", acknowledged="2026-11-26T09:10:00Z")
    text = check(repo, fmt="text")
    lines = [line for line in text.out.splitlines() if "[owner-overload]" in line]
    assert lines == ["warning: Dana Whitfield carries a load of 6 (limit 5; SEV-1 4, SEV-2 2, SEV-3 1, SEV-4 0.5) "
                     "in 3 open escalations: ESC-1 (SEV-2), ESC-2 (SEV-2), ESC-3 (SEV-2); redistribute before "
                     "escalation fatigue sets in [owner-overload]"]
    report = check(repo).json()
    assert [f["code"] for f in report["summary"]] == ["owner-overload"]
    assert "owner-overload" not in {f["code"] for f in report["findings"]}
    assert report["warnings"] == len(report["findings"]) + 1

    github = check(repo, fmt="github")
    annotations = [line for line in github.out.splitlines() if "owner-overload" in line]
    assert len(annotations) == 1 and annotations[0].startswith("::warning title=esc check%3A owner-overload::")
    assert "file=" not in annotations[0]

    # Configurable: a SEV-2 weighing 1.5 makes 4.5; a lower limit brings Lee Park's 2.5 in.
    write_config(repo, extra='[lints]\nowner_max_open = 2\n[lints.owner_weights]\n"SEV-2" = 1.5')
    owners = [f["message"].split(" carries")[0] for f in codes_of(check(repo).json(), "owner-overload")]
    assert owners == ["Dana Whitfield", "Lee Park"]
    write_config(repo, extra='[lints]\noff = ["owner-overload"]')
    assert codes_of(check(repo).json(), "owner-overload") == []


def test_checking_one_file_speaks_of_its_own_owner_only(repo: Path) -> None:
    for n in (1, 2, 3):
        write_doc(repo, f"ESC-{n}", severity="SEV-2", customer=f"Customer {n}")
    mine = write_doc(repo, "ESC-9", severity="SEV-4", owner="Lee Park", customer="Other")
    assert codes_of(check(repo, str(mine)).json(), "owner-overload") == []
    assert len(codes_of(check(repo, str(repo / "escalations" / "ESC-1-customer-1.md")).json(), "owner-overload")) == 1


# --------------------------------------------------------------------------- systemic-category

def test_a_recorded_post_mortem_clears_the_systemic_warning(repo: Path) -> None:
    paths = [write_doc(repo, f"ESC-{n}", customer=f"Customer {n}", category="integration",
                       opened=f"2026-11-1{n}T14:00:00Z", acknowledged=f"2026-11-1{n}T14:10:00Z") for n in (1, 2, 3)]
    assert len(codes_of(check(repo).json(), "systemic-category")) == 3
    message = codes_of(check(repo).json(), "systemic-category")[0]["message"]
    assert "record it in Post-Escalation Actions as `- Post-mortem: YYYY-MM-DD — notes`" in message

    post_actions(paths[0], "- [ ] Post-mortem: 2026-11-20 — to schedule")      # a to-do is not a post-mortem
    assert len(codes_of(check(repo).json(), "systemic-category")) == 3
    post_actions(paths[1], "- Post-mortem: 2026-12-03 — booked")               # ahead of now: not held yet
    assert len(codes_of(check(repo).json(), "systemic-category")) == 3
    post_actions(paths[2], "- Post-mortem: 2026-11-20 — https://wiki.example.com/pm/42")
    assert codes_of(check(repo).json(), "systemic-category") == []

    # Three more after it are a new pattern (the fix did not hold).
    for n in (4, 5, 6):
        write_doc(repo, f"ESC-{n}", customer=f"Customer {n}", category="Integration",
                  opened=f"2026-11-2{n}T14:00:00Z", acknowledged=f"2026-11-2{n}T14:10:00Z")
    again = codes_of(check(repo).json(), "systemic-category")
    assert len(again) == 3 and "escalated 3 times in 90 days since its post-mortem of 2026-11-20" in again[0]["message"]


def test_the_pull_request_check_reads_the_post_mortem_from_the_index(repo: Path) -> None:
    paths = [write_doc(repo, f"ESC-{n}", customer=f"Customer {n}", category="integration",
                       opened=f"2026-11-1{n}T14:00:00Z", acknowledged=f"2026-11-1{n}T14:10:00Z") for n in (1, 2)]
    post_actions(paths[0], "- Retrospective held 2026-11-14, notes in the wiki")
    assert esc("--repo", str(repo), "--now", NOW, "index").code == 0
    index = json.loads((repo / "escalations" / "index.json").read_text(encoding="utf-8"))
    assert [r["post_mortems"] for r in index["escalations"]] == [["2026-11-14"], []]
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    write_doc(repo, "ESC-3", customer="Customer 3", category="integration", opened="2026-11-13T14:00:00Z",
              acknowledged="2026-11-13T14:10:00Z")
    result = check(repo, "--base", "main")
    assert "from escalations/index.json" in result.err
    assert codes_of(result.json(), "systemic-category") == []   # ESC-1 and ESC-2 opened before the retrospective


# --------------------------------------------------------------------------- owner-changed

def owner_changed_on_a_branch(repo: Path) -> None:
    """ESC-1 committed on main with Dana Whitfield as owner, then changed to Lee Park (uncommitted)."""
    path = write_doc(repo, "ESC-1", opened="2026-11-26T09:00:00Z", acknowledged="2026-11-26T09:10:00Z")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    path.write_text(path.read_text(encoding="utf-8").replace("owner: Dana Whitfield", "owner: Lee Park"),
                    encoding="utf-8")


def test_a_recorded_hand_off_satisfies_owner_changed(repo: Path) -> None:
    owner_changed_on_a_branch(repo)
    (found,) = codes_of(check(repo, "--base", "main").json(), "owner-changed")
    command = re.search(r"esc log (ESC-1) event \"(.+)\"", found["message"])
    assert command and command[2] == "Hand-off: Dana Whitfield → Lee Park (why; customer told)"
    # Doing what the message asks satisfies it.
    assert esc("--repo", str(repo), "--now", NOW, "log", "ESC-1", "event", command[2]).code == 0
    assert codes_of(check(repo, "--base", "main").json(), "owner-changed") == []


def test_an_unrelated_timeline_entry_is_no_hand_off(repo: Path) -> None:
    owner_changed_on_a_branch(repo)
    assert esc("--repo", str(repo), "--now", NOW, "log", "ESC-1", "event", "Fix deployed to staging").code == 0
    assert len(codes_of(check(repo, "--base", "main").json(), "owner-changed")) == 1


# --------------------------------------------------------------------------- closing and the recovery

def test_closing_with_unticked_milestones_names_them_and_keeps_them_in_overdue(repo: Path) -> None:
    path = write_doc(repo, "ESC-1", opened="2026-11-20T09:00:00Z", acknowledged="2026-11-20T09:10:00Z")
    closed = esc("--repo", str(repo), "--now", NOW, "resolve", "ESC-1", "--close")
    assert closed.code == 0, closed.err
    (line,) = [ln for ln in closed.out.splitlines() if ln.endswith("[closed-with-open-recovery]")]
    assert "Closed with 5 recovery milestone(s) unticked: Week 1: Immediate stabilization (due 2026-12-03)" in line
    assert "Month 6: Full recovery check (due 2027-05-27)" in line
    assert "[closed-with-open-recovery]" in check(repo, fmt="text").out

    late = esc("--repo", str(repo), "--now", "2026-12-05T12:00:00Z", "overdue", "--json").json()
    (item,) = late["escalations"][0]["items"]
    assert item["kind"] == "recovery_week_1" and item["state"] == "overdue"

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"- \[ \] (Week|Month)", r"- [x] \1", text), encoding="utf-8")
    assert "closed-with-open-recovery" not in check(repo, fmt="text").out
    assert esc("--repo", str(repo), "--now", "2026-12-05T12:00:00Z", "overdue", "--json").json()["escalations"] == []


# --------------------------------------------------------------------------- thank the team

def test_resolving_reminds_to_thank_the_team_and_closing_checks_it(repo: Path) -> None:
    path = write_doc(repo, "ESC-1", opened="2026-11-20T09:00:00Z", acknowledged="2026-11-20T09:10:00Z")
    post_actions(path, "- Add a sync-failure alert  ")   # a person's line, trailing spaces and all
    resolved = esc("--repo", str(repo), "--now", NOW, "resolve", "ESC-1")
    assert resolved.code == 0 and "thank the team" in resolved.out
    text = path.read_text(encoding="utf-8")
    assert ("## Post-Escalation Actions\n- Add a sync-failure alert  \n"
            "- [ ] Thank the team: recognise the people who dropped everything to fix it\n\n## Recovery Plan") in text
    assert "team-not-thanked" not in check(repo, fmt="text").out           # Resolved: the reminder is enough

    esc("--repo", str(repo), "--now", NOW, "resolve", "ESC-1", "--close")
    assert path.read_text(encoding="utf-8").count("Thank the team") == 1     # written once
    report = check(repo).json()
    (finding,) = codes_of(report, "team-not-thanked")
    assert finding["line"] == path.read_text(encoding="utf-8").splitlines().index(
        "- [ ] Thank the team: recognise the people who dropped everything to fix it") + 1
    path.write_text(path.read_text(encoding="utf-8").replace("- [ ] Thank the team", "- [x] Thank the team"),
                    encoding="utf-8")
    assert codes_of(check(repo).json(), "team-not-thanked") == []


def test_the_reminder_alone_is_no_post_escalation_action(repo: Path) -> None:
    path = write_doc(repo, "ESC-1", opened="2026-11-20T09:00:00Z", acknowledged="2026-11-20T09:10:00Z")
    resolved = esc("--repo", str(repo), "--now", NOW, "resolve", "ESC-1")
    (line,) = [ln for ln in resolved.out.splitlines() if ln.endswith("[resolved-without-post-actions]")]
    assert "has no preventive measures, process changes or follow-up plan (thanking the team is not one)" in line
    post_actions(path, "- Thanked the team in #eng-all on 2026-11-26")
    assert "[resolved-without-post-actions]" in check(repo, fmt="text").out   # thanks are not a preventive measure


def test_a_thank_you_already_written_is_not_reminded(repo: Path) -> None:
    path = write_doc(repo, "ESC-1", opened="2026-11-20T09:00:00Z", acknowledged="2026-11-20T09:10:00Z")
    post_actions(path, "- Thanked everyone on the bridge call")
    esc("--repo", str(repo), "--now", NOW, "resolve", "ESC-1", "--close")
    text = path.read_text(encoding="utf-8")
    assert "Thank the team" not in text and "- Thanked everyone on the bridge call\n" in text
    assert codes_of(check(repo).json(), "team-not-thanked") == []
