"""Property tests (hypothesis) for the promises the document model makes.

(a) machine edits never change, drop or reorder a human line, and the result parses;
(b) `yaml_scalar` of anything reads back equal through the parser;
(c) entry writers turn untrusted text into exactly one entry of the right section;
(d) a new document rendered from untrusted text always parses, with the 9 sections.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from support.core import ACME, BRIGHTPATH, NORTHWIND, example_text
from escalation_desk.config import Config
from escalation_desk.playbook.text import single_line, unsafe_single_line
from escalation_desk.tracking.edit import add_entry, group_machine_keys, set_fields, yaml_scalar
from escalation_desk.tracking.entries import (
    channel_word, clean_inline, comm_line, parse_entry, plan_line, recovery_line, stakeholder_line, timeline_line,
)
from escalation_desk.tracking.model import COMMS, MACHINE_FIELDS, PLAN, RECOVERY, SECTIONS, STAKEHOLDERS, TIMELINE
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.render import new_document

PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.too_slow])

# Untrusted text, biased towards what breaks Markdown, YAML and our own line shapes.
NASTY = [
    "---", "...", "## Root Cause", "# Title", "```", "~~~", "{{ jinja }}", "{% raw %}", "<!-- zd:comment:1 -->",
    "-->", "<!--", "- [ ] Week 1: x — Due: 2026-01-01", "- Step 1: a — Owner: b — Due: 2026-01-01",
    "Acme: Corp", "'quoted'", '"double"', "# not a comment", "- leading dash", "Ünïcödé 株式会社", "a,b,c",
    "key: value", "@handle", "&anchor", "*alias", "!tag", "|", ">", "%YAML", "null", "~", "yes", "No", "1e5",
    "0x1F", "2026-11-20", "12:30", "\t", "\u2028", "\x85", "\x0c", "\r", "\r\n", " — ", " - ", "Owner:", "Due:",
]
nasty_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(NASTY),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), min_size=1, max_size=6).map("".join),
)
aware_times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31),
                           timezones=st.sampled_from([timezone.utc, ZoneInfo("America/New_York"),
                                                      ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Berlin")]))


def _variants(text: str) -> dict[str, str]:
    bare = text.rstrip("\n")
    block = text.replace("zendesk_tickets: [48213, 48220]\n",
                         "zendesk_tickets:\n  - 48213\n  - 48220\n\n# people's comment: keep me\n")
    return {"lf": bare + "\n", "crlf": (bare + "\n").replace("\n", "\r\n"), "no-final-newline": bare,
            "block-list": block}


BASES = [(name, variant, text) for name in (ACME, BRIGHTPATH, NORTHWIND)
         for variant, text in _variants(example_text(name)).items()]


# --------------------------------------------------------------------------- (a) machine edits

# Machine values come from the connectors' records, normalised there (SPEC §3).
nonblank = nasty_text.map(single_line).filter(bool)
machine_changes = st.fixed_dictionaries({}, optional={
    "customer": nonblank,
    "account_id": nasty_text.map(single_line),
    "arr": st.one_of(st.integers(0, 10**10), st.floats(0, 1e10, allow_nan=False, allow_infinity=False)),
    "renewal_date": st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    "health_score": st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False)),
    "zendesk_tickets": st.lists(st.integers(1, 10**9), max_size=4),
})


@st.composite
def new_entries(draw):
    section = draw(st.sampled_from([TIMELINE, COMMS, PLAN, STAKEHOLDERS, RECOVERY]))
    at = draw(aware_times)
    if section == TIMELINE:
        return section, timeline_line(at, draw(nasty_text)), at
    if section == COMMS:
        return section, comm_line(at, draw(nasty_text), draw(nasty_text)), at
    if section == PLAN:
        return section, plan_line(draw(st.integers(1, 99)), draw(nasty_text), draw(nasty_text),
                                  draw(st.none() | st.dates())), None
    if section == STAKEHOLDERS:
        return section, stakeholder_line(draw(nasty_text), draw(nasty_text), at), None
    milestone = draw(st.sampled_from(Config().recovery))
    return section, recovery_line(milestone.name, at.date(), draw(st.booleans())), None


def test_a_block_list_and_its_trailing_comment() -> None:
    """Rewriting a block-style value replaces its lines, never the comment people put after it."""
    text = _variants(example_text(ACME))["block-list"]
    doc = parse_document(ACME, text)
    new = set_fields(doc, {"zendesk_tickets": [48213, 48220, 48300]})
    # (a machine write also moves the machine keys, lines as they are, after the human ones)
    assert new.text == group_machine_keys(parse_document(ACME, text.replace(
        "zendesk_tickets:\n  - 48213\n  - 48220\n", "zendesk_tickets: [48213, 48220, 48300]\n"))).text


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(line == candidate for candidate in it) for line in needles)


def _content(lines: list[str]) -> list[str]:
    return [line.rstrip("\r\n") for line in lines]


@PROPERTY_SETTINGS
@given(base=st.sampled_from(BASES), changes=machine_changes, entries=st.lists(new_entries(), max_size=5))
def test_machine_edits_never_touch_a_human_line(base, changes, entries) -> None:
    name, variant, text = base
    doc = parse_document(name, text)
    assert doc.problems == []
    # The lines of the keys being set may change; blank and comment lines among them never may.
    # Machine keys also move, together, after the human ones (SPEC §3): their lines are not people's.
    edited_keys = {line for key in (set(changes) | MACHINE_FIELDS) & doc.key_lines.keys()
                   for line in range(doc.key_lines[key][0], doc.key_lines[key][1] + 1)}
    human = [line for number, line in enumerate(_content(doc.lines), start=1)
             if number not in edited_keys or not line.strip() or line.lstrip().startswith("#")]

    new = set_fields(doc, changes)
    for section, line, at in entries:
        new = add_entry(new, section, line, at=at)

    assert _is_subsequence(human, _content(new.lines)), "a human line was changed, dropped or moved"
    assert [p for p in new.problems if p.level == "error"] == []
    assert new.text == "".join(new.lines)
    for section, line, _ in entries:
        assert line in _content(new.lines)
    for section in (TIMELINE, COMMS):   # time-ordered sections stay time-ordered
        times = [e.at for e in new.entries(section)]
        assert times == sorted(times)
    if variant == "crlf":
        assert all(line.endswith("\r\n") for line in new.lines)
    # What was written reads back as what was asked for.
    for key, value in changes.items():
        got = getattr(new.front, key)
        if key == "customer":
            assert got.strip() == value.strip()
        elif key == "zendesk_tickets":
            assert list(got) == value
        elif key == "account_id":
            assert new.raw_front[key] == value
        else:
            assert got == value


# --------------------------------------------------------------------------- (b) yaml_scalar

scalars = st.one_of(
    nasty_text,
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 1, 1), date(2199, 12, 31)),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2199, 1, 1), timezones=st.just(timezone.utc))
    .map(lambda d: d.replace(microsecond=0)),
    st.lists(st.one_of(nasty_text, st.integers(0, 10**9)), max_size=4),
)
BRIGHTPATH_TEXT = example_text(BRIGHTPATH)


@PROPERTY_SETTINGS
@given(value=scalars)
@example(value="Acme: Corp #1 — “quoted” 'single' - leading")
@example(value="- leading dash")
@example(value="a\u2028b\x85c\x7fd\ufeff")
@example(value=["keyword:cancel", "a,b", "x]"])
@example(value=1e-05)
def test_yaml_scalar_reads_back_equal(value) -> None:
    written = yaml_scalar(value)
    assert "\n" not in written and "\r" not in written
    doc = parse_document(BRIGHTPATH, BRIGHTPATH_TEXT.replace("category: reporting", f"category: {written}"))
    assert doc.raw_front["category"] == value
    assert doc.key_lines["category"] == (15, 15)
    errors = [(p.line, p.code) for p in doc.problems if p.level == "error"]
    if isinstance(value, str) and unsafe_single_line(value):
        # It reads back exactly, and `esc check` says it is not one line of text.
        assert errors == [(15, "multi-line-value")]
    elif isinstance(value, str):
        assert errors == []
        assert doc.front.category.strip() == value.strip()   # pydantic strips fewer characters than str.strip


@PROPERTY_SETTINGS
@given(customer=nonblank)
def test_a_customer_name_survives_set_fields(customer: str) -> None:
    doc = set_fields(parse_document(BRIGHTPATH, BRIGHTPATH_TEXT), {"customer": customer})
    assert doc.problems == []
    assert doc.raw_front["customer"] == customer
    assert doc.front.customer.strip() == customer.strip()
    untouched = group_machine_keys(parse_document(BRIGHTPATH, BRIGHTPATH_TEXT)).lines
    assert [ln for ln in doc.lines if not ln.startswith("customer:")] == \
        [ln for ln in untouched if not ln.startswith("customer:")]


# --------------------------------------------------------------------------- (c) entry writers

def _cleaned(text: str, limit: int = 240) -> str:
    return clean_inline(text, limit) or "(none given)"


def _unlabelled(text: str) -> str:
    return re.sub(r"\b(Owner|Due) :", r"\1:", text)


def _minute(at: datetime) -> datetime:
    return at.astimezone(timezone.utc).replace(second=0, microsecond=0)


def _alone_in_a_document(section: str, line: str, at: datetime | None) -> None:
    """The line inserted into a real document: still exactly one new entry, nothing else moved."""
    doc = parse_document(BRIGHTPATH, BRIGHTPATH_TEXT)
    new = add_entry(doc, section, line, at=at)
    assert new.problems == []
    assert new.section_order == list(SECTIONS)
    assert len(new.entries(section)) == len(doc.entries(section)) + 1
    assert new.front == doc.front
    assert new.markers() == doc.markers()


@PROPERTY_SETTINGS
@given(at=aware_times, text=nasty_text)
def test_timeline_writer(at: datetime, text: str) -> None:
    line = timeline_line(at, text)
    assert "\n" not in line and "\r" not in line
    entry = parse_entry(TIMELINE, 7, line)
    assert (entry.at, entry.text, entry.marker) == (_minute(at), _cleaned(text), None)
    _alone_in_a_document(TIMELINE, line, at)


@PROPERTY_SETTINGS
@given(at=aware_times, channel=nasty_text, summary=nasty_text)
@example(at=datetime(2026, 11, 20, tzinfo=timezone.utc), channel="9 - phone", summary="")
@example(at=datetime(2026, 11, 20, tzinfo=timezone.utc), channel="phone - mobile", summary="Called — twice")
def test_communication_writer(at: datetime, channel: str, summary: str) -> None:
    line = comm_line(at, channel, summary)
    entry = parse_entry(COMMS, 7, line)
    assert (entry.at, entry.summary, entry.marker) == (_minute(at), _cleaned(summary), None)
    assert entry.channel == channel_word(channel).lower()
    assert re.fullmatch(r"[a-z][a-z0-9_ /&+.-]*", entry.channel)
    _alone_in_a_document(COMMS, line, at)


@PROPERTY_SETTINGS
@given(number=st.integers(1, 999), action=nasty_text, owner=nasty_text, due=st.none() | st.dates())
@example(number=1, action="Fix — Owner: Bob — Due: 2020-01-01", owner="Lee — Due: 2020-01-01",
         due=date(2026, 1, 2))
def test_plan_step_writer(number: int, action: str, owner: str, due: date | None) -> None:
    line = plan_line(number, action, owner, due)
    entry = parse_entry(PLAN, 7, line)
    assert (entry.number, entry.due, entry.done) == (number, due, False)
    assert _unlabelled(entry.action) == _unlabelled(_cleaned(action))
    assert _unlabelled(entry.owner) == _unlabelled(_cleaned(owner, 80))
    _alone_in_a_document(PLAN, line, None)


@PROPERTY_SETTINGS
@given(at=aware_times, name=nasty_text, role=nasty_text)
def test_stakeholder_writer(at: datetime, name: str, role: str) -> None:
    line = stakeholder_line(name, role, at)
    entry = parse_entry(STAKEHOLDERS, 7, line)
    assert entry.at == _minute(at)
    assert entry.name == _cleaned(" ".join(name.replace(",", " ").split()), 80)
    assert entry.role == _cleaned(" ".join(role.replace(",", " ").split()), 80)
    _alone_in_a_document(STAKEHOLDERS, line, None)


def test_ordinary_channels_are_kept_as_written() -> None:
    for channel in ("email", "phone", "video", "chat", "web", "voice", "any_channel", "e-mail", "Slack/Teams"):
        assert channel_word(channel) == channel


# --------------------------------------------------------------------------- (d) new documents

long_lines = st.builds(lambda ch, n: ch * n, st.characters(blacklist_categories=("Cs",)), st.integers(4000, 6000))
summaries = st.one_of(
    nasty_text,
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=40)), max_size=12).map("\n".join),
    long_lines,
    st.just("---\n## Root Cause\n```\n{{ jinja }}\n<!-- zd:comment:1 -->\n## Recovery Plan\n- [ ] Week 1: x — Due: 2026-01-01"),
)


@PROPERTY_SETTINGS
@given(summary=summaries, title=nasty_text, customer=nonblank, owner=nonblank,
       severity=st.sampled_from(["SEV-1", "SEV-2", "SEV-3", "SEV-4"]), tickets=st.lists(st.integers(1, 10**8), max_size=3))
def test_a_new_document_always_parses_with_the_nine_sections(summary, title, customer, owner, severity, tickets) -> None:
    fields = {"id": "ESC-60001", "customer": customer, "severity": severity, "status": "Open", "owner": owner,
              "opened": datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc), "zendesk_tickets": tickets,
              "category": title or None}
    text = new_document(fields, title=title, summary=summary)
    doc = parse_document("escalations/ESC-60001.md", text)
    assert doc.problems == []
    assert doc.section_order == list(SECTIONS)
    assert doc.markers() == set()
    assert all(not s.entries for s in doc.sections.values())
    assert doc.raw_front["customer"] == customer
    assert doc.raw_front["owner"] == owner
    assert doc.front.zendesk_tickets == tuple(tickets)
    assert doc.title.startswith("ESC-60001 — ")
    issue = doc.sections["Issue Summary"]
    body = doc.lines[issue.body_start:issue.body_end]
    assert all(line.startswith(">") or not line.strip() or line.startswith("<!--") for line in body)
    assert text == parse_document("x.md", text).text   # and it round-trips
    if summary.strip():
        assert len(issue.text) <= 4000 * 2 + 200


def test_new_document_timestamps_are_utc() -> None:
    opened = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    text = new_document({"id": "ESC-1", "customer": "Acme", "severity": "SEV-2", "status": "Open", "owner": "Dana",
                         "opened": opened}, title="x")
    assert "opened: 2026-11-26T09:00:00Z\n" in text
    assert parse_document("ESC-1.md", text).front.opened == opened


# --------------------------------------------------------------------------- (e) never a traceback

FRAGMENTS = [
    "---", "...", "## Root Cause", "## Recovery Plan", "```", "- ", "- [ ] ", "# title", "\t- x", "  continued",
    "- Step 1: x — Owner: y — Due: z", "- 2026-11-20 14:05 UTC — x", "- 2026-11-20 14:05: email — x",
    "- 2026-13-40 99:99 UTC: email — x", "- 2026-11-20 14:05 +99:99 — x", "- 9999-12-31 23:59 UTC: email — x",
    "- a, b, 2026-99-20", "- [x] Week 1 — Due: 2026-02-30", "- Step 99999999999999999999: x — Owner: y — Due: TBD",
    "id: ESC-1", "status: Resolved", "status: Closed", "status: Open", "severity: SEV-1", "tier: 4", "triggers: [x]",
    "opened: 9999-12-31T23:59:00Z", "resolved: 2026-11-01T00:00:00Z", "acknowledged: 2026-11-20",
    "renewal_date: 2026-11-20T10:00:00Z", "health_score: 101", "arr: .inf", "category: [a]", "zendesk_tickets: [1, 1]",
    "customer: [", "owner: Lee: Park", "<!-- zd:x:1 -->", "[" * 200,
]
EXAMPLE_TEXTS = [example_text(name) for name in (ACME, BRIGHTPATH, NORTHWIND)]


@st.composite
def damaged_documents(draw) -> str:
    lines = draw(st.sampled_from(EXAMPLE_TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        fragment = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            lines.insert(at, fragment)
        elif lines:
            at = min(at, len(lines) - 1)
            if action == "delete":
                del lines[at]
            else:
                lines[at] = fragment
    return "\n".join(lines)


@PROPERTY_SETTINGS
@given(text=damaged_documents())
def test_a_damaged_document_never_raises(text: str) -> None:
    """Whatever people do to a document, the core reports findings on real lines; it never crashes."""
    import json

    from escalation_desk.errors import DeskError
    from escalation_desk.tracking.actions import brief, log, resolve
    from escalation_desk.tracking.check_rules import check_change, check_collection, check_document
    from escalation_desk.tracking.index import build_index

    config = Config()
    now = datetime(2026, 11, 26, 12, 30, tzinfo=timezone.utc)
    doc = parse_document("escalations/ESC-1.md", text)
    last_line = text.count("\n") + 1
    for finding in check_document(doc, config, now) + check_collection([doc, doc], config, now):
        assert 1 <= finding.line <= last_line + 1, finding
    check_change(doc, parse_document("escalations/ESC-1.md", EXAMPLE_TEXTS[0]), config, now)
    json.dumps(build_index([doc], config, now), allow_nan=False)
    if doc.front is not None:
        for action in (lambda: brief(doc, config, now), lambda: resolve(doc, config, now),
                       lambda: log(doc, "comm", now, text="Update"), lambda: log(doc, "step", now, text="x", owner="y")):
            try:
                action()
            except DeskError:
                pass
