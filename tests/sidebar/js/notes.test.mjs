import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noteBody } from '../assets/notes.js';

test('each form makes the note the sync reads', () => {
  assert.deepEqual(noteBody('notified', { name: 'Priya Raman', role: 'CS Director' }), { body: '#esc notified Priya Raman, CS Director' });
  assert.deepEqual(noteBody('step', { action: 'Restore the sync', owner: 'Lee Park', due: '2026-11-28' }),
    { body: '#esc step Restore the sync — Owner: Lee Park — Due: 2026-11-28' });
  assert.deepEqual(noteBody('target', { date: '2026-11-29', time: '17:00' }), { body: '#esc target 2026-11-29 17:00' });
  assert.deepEqual(noteBody('sponsor', { name: ' Rachel  Kim ' }), { body: '#esc sponsor Rachel Kim' });
  assert.deepEqual(noteBody('cadence', { every: 'daily', reason: 'agreed with the customer' }),
    { body: '#esc cadence daily (agreed with the customer)' });
});

test('a field typed over several lines cannot start a second command', () => {
  const { body } = noteBody('sponsor', { name: 'Rachel Kim\n#esc target 2020-01-01 00:00' });
  assert.equal(body, '#esc sponsor Rachel Kim #esc target 2020-01-01 00:00');
  assert.equal(body.split('\n').length, 1);
});

test('what is missing or would change the line\'s meaning is refused, naming the field', () => {
  assert.deepEqual(noteBody('notified', { name: 'Priya Raman', role: '' }), { field: 'role', error: 'ui.record.error.required' });
  assert.deepEqual(noteBody('notified', { name: 'Raman, Priya', role: 'CS Director' }), { field: 'name', error: 'ui.record.error.comma' });
  assert.deepEqual(noteBody('step', { action: 'Fix — Owner: me', owner: 'Lee', due: '2026-11-28' }), { field: 'action', error: 'ui.record.error.dash' });
  assert.deepEqual(noteBody('step', { action: 'Fix', owner: 'Lee', due: '28/11/2026' }), { field: 'due', error: 'ui.record.error.date' });
  assert.deepEqual(noteBody('target', { date: '2026-11-29', time: '5pm' }), { field: 'time', error: 'ui.record.error.time' });
  assert.deepEqual(noteBody('cadence', { every: 'daily (weekdays)', reason: 'x' }), { field: 'every', error: 'ui.record.error.parenthesis' });
  assert.deepEqual(noteBody('cadence', { every: 'daily', reason: 'CIO (Jo) asked' }), { field: 'reason', error: 'ui.record.error.parenthesis' });
  assert.throws(() => noteBody('snooze', {}));
});
