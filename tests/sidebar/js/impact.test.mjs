import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FALLBACK_MATRIX, decide, impactModel } from '../assets/impact.js';

const answered = (yes, no) => Object.fromEntries([...yes.map((q) => [q, true]), ...no.map((q) => [q, false])]);
const ALL = ['down_for_everyone', 'data_lost_or_exposed', 'workflow_blocked', 'workaround', 'partially_impacted', 'customer_executive'];
const only = (...yes) => answered(yes, ALL.filter((q) => !yes.includes(q)));

test('the playbook\'s four examples land on their levels', () => {
  assert.equal(decide(FALLBACK_MATRIX, only('down_for_everyone')).severity, 'SEV-1');      // production down
  assert.equal(decide(FALLBACK_MATRIX, only('workflow_blocked')).severity, 'SEV-2');       // key integration broken
  assert.equal(decide(FALLBACK_MATRIX, only('workflow_blocked', 'workaround')).severity, 'SEV-3'); // exports, manual workaround
  assert.equal(decide(FALLBACK_MATRIX, only()).severity, 'SEV-4');                         // UI bug
  assert.equal(decide(FALLBACK_MATRIX, only('data_lost_or_exposed', 'workaround')).severity, 'SEV-1');
});

test('a level is proposed as soon as the answers decide it, not before', () => {
  assert.equal(decide(FALLBACK_MATRIX, {}), null, 'nothing answered: the default row is not a proposal');
  assert.equal(decide(FALLBACK_MATRIX, { down_for_everyone: true }).severity, 'SEV-1');
  assert.equal(decide(FALLBACK_MATRIX, { down_for_everyone: false }), null);
  assert.equal(decide(FALLBACK_MATRIX, { down_for_everyone: false, data_lost_or_exposed: false, workflow_blocked: true }), null,
    'blocked: depends on the workaround');
  assert.equal(decide(FALLBACK_MATRIX, { down_for_everyone: false, data_lost_or_exposed: false, workflow_blocked: true,
    workaround: false }).severity, 'SEV-2');
});

test('the index\'s questions and matrix win; a malformed one falls back to the playbook\'s', () => {
  const index = {
    impact_questions: [{ id: 'on_fire', text: 'Is it on fire?' }],
    impact_matrix: [{ when: { on_fire: true }, severity: 'SEV-1', rule: 'fire' }, { when: {}, severity: 'SEV-3' }],
    severity_definitions: { 'SEV-1': 'Fire.' }
  };
  const model = impactModel(index);
  assert.equal(model.fromIndex, true);
  assert.deepEqual(model.questions, [{ id: 'on_fire', text: 'Is it on fire?' }]);
  assert.equal(decide(model.matrix, { on_fire: false }).severity, 'SEV-3');
  assert.equal(model.definitions['SEV-1'], 'Fire.');
  const fallback = impactModel({ impact_questions: 'nope', impact_matrix: [] });
  assert.equal(fallback.fromIndex, false);
  assert.equal(fallback.matrix, FALLBACK_MATRIX);
  assert.equal(fallback.questions[0].text, null);
  assert.equal(impactModel(null).definitions, null);
});
