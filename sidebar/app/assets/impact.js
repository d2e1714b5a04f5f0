/* The impact questions and the playbook's severity matrix, as the index carries them
 * (`impact_questions`, `impact_matrix`, `severity_definitions`). Pure. */

// FALLBACK, used only while the index does not carry the matrix yet: the playbook's
// matrix as escalations.toml's defaults state it ([impact] in playbook/impact_config.py).
// The question texts and definitions are in translations (ui.impact.fallback.*).
export const FALLBACK_MATRIX = [
  { when: { down_for_everyone: true }, severity: 'SEV-1' },
  { when: { data_lost_or_exposed: true }, severity: 'SEV-1' },
  { when: { workflow_blocked: true, workaround: false }, severity: 'SEV-2' },
  { when: { customer_executive: true }, severity: 'SEV-2' },
  { when: { workflow_blocked: true }, severity: 'SEV-3' },
  { when: { partially_impacted: true }, severity: 'SEV-3' },
  { when: {}, severity: 'SEV-4' }
];
export const FALLBACK_QUESTIONS = [
  'down_for_everyone', 'data_lost_or_exposed', 'workflow_blocked', 'workaround', 'partially_impacted', 'customer_executive'
];

function validMatrix(matrix) {
  return Array.isArray(matrix) && matrix.length > 0 && matrix.every(function (row) {
    return row && typeof row.severity === 'string' && row.when && typeof row.when === 'object';
  });
}

function validQuestions(questions) {
  return Array.isArray(questions) && questions.length > 0 && questions.every(function (q) {
    return q && typeof q.id === 'string' && q.id && typeof q.text === 'string';
  });
}

// {questions: [{id, text|null}], matrix, definitions: {SEV-n: text}|null, fromIndex}.
// A null text or definition is shown from the translations' fallback.
export function impactModel(index) {
  var fromIndex = !!index && validQuestions(index.impact_questions) && validMatrix(index.impact_matrix);
  var definitions = index && index.severity_definitions && typeof index.severity_definitions === 'object'
    ? index.severity_definitions : null;
  return {
    questions: fromIndex ? index.impact_questions.map(function (q) { return { id: q.id, text: q.text }; })
      : FALLBACK_QUESTIONS.map(function (id) { return { id: id, text: null }; }),
    matrix: fromIndex ? index.impact_matrix : FALLBACK_MATRIX,
    definitions: definitions,
    fromIndex: fromIndex
  };
}

// The matrix's row for these answers ({question: true|false}; a missing one is not
// answered yet): the first row whose every condition holds, once no earlier row could
// still hold whatever the open questions' answers. null while that depends on them.
export function decide(matrix, answers) {
  for (var i = 0; i < matrix.length; i += 1) {
    var when = matrix[i].when || {};
    var verdict = Object.keys(when).reduce(function (sofar, question) {
      if (sofar === 'no') { return 'no'; }
      var given = answers[question];
      if (given === undefined || given === null) { return 'open'; }
      return given === when[question] ? sofar : 'no';
    }, 'yes');
    if (verdict === 'yes') { return matrix[i]; }
    if (verdict === 'open') { return null; }
  }
  return null;
}
