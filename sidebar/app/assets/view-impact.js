/* The impact questions of the Escalate form: Yes / No for each, the severity the
 * playbook's matrix gives for the answers, and that severity's definition. The
 * answers live in state.draft so a background refresh does not lose them. */
import { state } from './state.js';
import { h, t } from './dom.js';
import { decide, impactModel } from './impact.js';
import { SEVERITIES } from './tags.js';

function questionText(question) {
  return question.text !== null ? question.text : t('ui.impact.fallback.questions.' + question.id);
}

function definition(model, severity) {
  var given = model.definitions && model.definitions[severity];
  return typeof given === 'string' ? given : t('ui.impact.fallback.definitions.' + severity);
}

function answerRadio(question, value, onChange) {
  var id = 'q-' + question.id + '-' + (value ? 'yes' : 'no');
  var input = h('input', { type: 'radio', id: id, name: 'q-' + question.id, value: value ? 'yes' : 'no' });
  input.checked = state.draft.answers[question.id] === value;
  input.addEventListener('change', function () {
    state.draft.answers[question.id] = value;
    onChange();
  });
  return h('label', { className: 'answer', for: id }, [input, ' ', t(value ? 'ui.impact.yes' : 'ui.impact.no')]);
}

function questionField(question, onChange) {
  return h('fieldset', { className: 'question', 'data-question': question.id }, [
    h('legend', { className: 'question__text', text: questionText(question) }),
    h('div', { className: 'question__answers' }, [answerRadio(question, true, onChange), answerRadio(question, false, onChange)])
  ]);
}

export function severityOptions() {
  return [h('option', { value: '', text: t('ui.escalate.choose') })].concat(SEVERITIES.map(function (severity) {
    return h('option', { value: severity, text: t('ui.escalate.option', { severity: severity, label: t('ui.severity.' + severity) }) });
  }));
}

// The questions, and what they decide, kept in step with the severity <select>:
// a proposal fills the select unless the agent chose another level there.
export function impactSection(index, select) {
  var model = impactModel(index);
  var proposal = h('p', { id: 'impact-proposal', className: 'impact__proposal' });
  var override = h('p', { id: 'severity-override', className: 'muted', hidden: true });
  var defined = h('p', { id: 'severity-definition', className: 'impact__definition muted' });

  function update() {
    var row = decide(model.matrix, state.draft.answers);
    var proposed = row ? row.severity : '';
    // Until the agent chooses otherwise, the select follows the answers (even back to none).
    if (!state.draft.overridden && (proposed || state.draft.severity === state.draft.lastProposed)) {
      select.value = state.draft.severity = proposed;
    }
    state.draft.lastProposed = proposed;
    proposal.textContent = proposed
      ? t('ui.impact.proposed', { severity: proposed, label: t('ui.severity.' + proposed) }) + (row.rule ? ' (' + row.rule + ')' : '')
      : t('ui.impact.undecided');
    proposal.setAttribute('data-severity', proposed);
    override.hidden = !(proposed && select.value && select.value !== proposed);
    override.textContent = override.hidden ? '' : t('ui.impact.override', { chosen: select.value, proposed: proposed });
    defined.textContent = select.value ? definition(model, select.value) : '';
  }

  select.addEventListener('change', function () {
    state.draft.overridden = !!select.value && select.value !== state.draft.lastProposed;
    state.draft.severity = select.value;
    update();
  });
  select.value = state.draft.severity || '';
  var before = h('div', { className: 'impact' }, [
    h('p', { className: 'muted', text: t('ui.impact.hint') })
  ].concat(model.questions.map(function (q) { return questionField(q, update); }), [
    h('div', { className: 'impact__result', 'aria-live': 'polite' }, [proposal])
  ]));
  var after = h('div', { className: 'impact__chosen', 'aria-live': 'polite' }, [defined, override]);
  return { before: before, after: after, update: update };
}
