import { test } from 'node:test';
import assert from 'node:assert/strict';
import I18N from '../assets/i18n.js';
import { pickLocale, translate, translateNodes } from '../assets/text.js';
import { formatDuration, formatMoney, parseTime, textOr } from '../assets/format.js';
import { EN } from './support.mjs';

test('a Zendesk locale picks its translation, falling back to English', () => {
  assert.equal(pickLocale(I18N, 'pt-BR').strings, I18N.en, 'no pt-br file: English strings');
  assert.equal(pickLocale(I18N, 'pt-BR').locale, 'pt-BR', 'dates still in the agent\'s locale');
  assert.equal(pickLocale(I18N, 'not a locale!').locale, 'en');
});

test('placeholders are filled; unknown ones and missing keys stay visible', () => {
  assert.equal(translate(EN, 'ui.tier', { tier: 3 }), 'Tier 3');
  assert.equal(translate(EN, 'ui.tier', {}), 'Tier {tier}');
  assert.equal(translate(EN, 'ui.no.such.key'), 'ui.no.such.key');
  const node = { nodeType: 1 };
  assert.deepEqual(translateNodes(EN, 'ui.due_at', { time: node }), ['due ', node]);
});

test('durations: overdue rounds down, countdowns round up', () => {
  const min = 60000;
  assert.equal(formatDuration(135 * min + 40000, false, EN), '2 h 15 min');
  assert.equal(formatDuration(135 * min + 40000, true, EN), '2 h 16 min');
  assert.equal(formatDuration(30000, false, EN), 'less than a minute');
  assert.equal(formatDuration(30000, true, EN), '1 min');
  assert.equal(formatDuration((30 * 60 + 5) * min, false, EN), '1 d 6 h');
});

test('times and money', () => {
  assert.equal(parseTime('2026-11-26T12:00:00Z'), Date.UTC(2026, 10, 26, 12));
  assert.equal(parseTime('not a time'), null);
  assert.equal(parseTime(null), null);
  assert.equal(formatMoney(250000, 'en-US'), '$250,000');
  assert.equal(textOr('', 'Unknown'), 'Unknown');
  assert.equal(textOr(0, 'Unknown'), '0');
});
