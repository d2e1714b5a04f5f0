import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escalationTag, mergedFormTags, severityTag, severityTagList, staleSeverityTags } from '../assets/tags.js';
import { countdownText, deadlineState, nextUpdateDeadline, otherDeadlines, recoveryDeadlines } from '../assets/deadlines.js';
import { EN } from './support.mjs';

test('the escalation tag comes from the index; the setting only for an index without it', () => {
  assert.equal(escalationTag({ escalation_tag: 'needs-esc' }, { escalation_tag: 'escalation' }), 'needs-esc');
  assert.equal(escalationTag({ escalation_tag: null }, { escalation_tag: 'escalation' }), null, 'the sync watches no tag');
  assert.equal(escalationTag({}, { escalation_tag: ' Escalation Now ' }), 'escalation_now');
});

test('severity tags come from the index, esc_sevN without it', () => {
  const index = { severity_tags: { 'SEV-1': 'cs_sev1', 'SEV-2': 'cs_sev2', 'SEV-3': 'cs_sev3', 'SEV-4': 'cs_sev4' } };
  assert.equal(severityTag(index, 'SEV-2'), 'cs_sev2');
  assert.equal(severityTag({}, 'SEV-2'), 'esc_sev2');
  assert.deepEqual(severityTagList({}), ['esc_sev1', 'esc_sev2', 'esc_sev3', 'esc_sev4']);
});

test('escalating replaces the old severity on the ticket and in the form, keeping other tags', () => {
  const known = severityTagList({});
  assert.deepEqual(staleSeverityTags(['vip', 'esc_sev4'], ['esc_sev4', 'esc_sev1'], 'esc_sev2', known), ['esc_sev4', 'esc_sev1']);
  assert.deepEqual(mergedFormTags(['vip', 'esc_sev4'], ['escalation', 'esc_sev2'], known), ['vip', 'escalation', 'esc_sev2']);
});

const at = (text) => Date.parse(text);

test('a deadline\'s state: the index\'s, moved forward by the page\'s clock', () => {
  const item = { due: '2026-11-26T15:00:00Z', warn_at: '2026-11-26T14:00:00Z', state: 'on_track' };
  assert.equal(deadlineState(item, at('2026-11-26T13:59:00Z')), 'on_track');
  assert.equal(deadlineState(item, at('2026-11-26T14:00:00Z')), 'due_soon');
  assert.equal(deadlineState(item, at('2026-11-26T15:00:00Z')), 'overdue');
  assert.equal(deadlineState({ due: item.due, state: 'due_soon' }, at('2026-11-26T12:00:00Z')), 'due_soon', 'never less urgent than the index');
  assert.equal(deadlineState({ due: item.due }, at('2026-11-26T12:00:00Z')), 'on_track', 'an index without states');
});

test('countdowns', () => {
  const keys = { overdue: 'ui.deadlines.overdue', due_in: 'ui.deadlines.due_in' };
  const due = at('2026-11-26T15:00:00Z');
  assert.deepEqual(countdownText(due, due - 90 * 60000, keys, EN), { overdue: false, text: 'due in 1 h 30 min' });
  assert.deepEqual(countdownText(due, due + 5 * 60000, keys, EN), { overdue: true, text: 'OVERDUE by 5 min' });
});

test('other deadlines: once each, soonest first, without the next update or (when shown) recovery', () => {
  const esc = {
    next_update_due: '2026-11-26T15:00:00Z',
    deadlines: [
      { kind: 'customer_update', label: 'Next customer update', due: '2026-11-26T15:00:00Z', state: 'due_soon' },
      { kind: 'leaders_notified', label: 'Leaders notified', due: '2026-11-26T14:00:00Z' },
      { kind: 'recovery_week_1', label: 'Week 1', due: '2026-11-27T00:00:00Z' }
    ],
    overdue: [{ kind: 'leaders_notified', label: 'Leaders notified', due: '2026-11-26T14:00:00Z', late_minutes: 5 }]
  };
  assert.deepEqual(otherDeadlines(esc, false).map((d) => d.kind), ['leaders_notified', 'recovery_week_1']);
  assert.deepEqual(otherDeadlines(esc, true).map((d) => d.label), ['Leaders notified']);
  assert.equal(nextUpdateDeadline(esc).state, 'due_soon');
  assert.equal(nextUpdateDeadline({ next_update_due: null }), null);
  assert.equal(recoveryDeadlines(esc)['Week 1'].kind, 'recovery_week_1');
});
