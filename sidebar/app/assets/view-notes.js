/* "Record in the document": small forms that post a structured internal note on the
 * ticket as the agent (leaders notified, a plan step, the target resolution, the
 * executive sponsor, an agreed cadence); the next sync turns it into the document's
 * entry, attributed to the agent. What is typed lives in state.notes, so a background
 * refresh does not lose it. */
import { state } from './state.js';
import { h, resize, t } from './dom.js';
import { NOTE_KINDS, noteBody } from './notes.js';
import { postNote, writeProblem } from './zendesk.js';

var INPUT_TYPES = { due: 'date', date: 'date', time: 'time' };
var CADENCES = ['hourly', 'every 4 hours', 'every 4 business hours', 'twice daily', 'daily', 'twice weekly', 'weekly'];
var PROBLEMS = { no_ticket: 'ui.record.no_ticket', forbidden: 'ui.record.forbidden', failed: 'ui.record.failed' };

function values(kind) {
  state.notes.values[kind] = state.notes.values[kind] || {};
  return state.notes.values[kind];
}

// The target's time is read in the team's business-hours zone: say which, when the index does.
function label(kind, name, index) {
  var zone = index && typeof index.business_timezone === 'string' ? index.business_timezone : '';
  return kind === 'target' && name === 'time' && zone ? t('ui.record.target.time_in', { zone: zone }) : t('ui.record.' + kind + '.' + name);
}

function field(kind, name, index) {
  var id = 'note-' + kind + '-' + name;
  var input = h('input', {
    type: INPUT_TYPES[name] || 'text', id: id, name: name, autocomplete: 'off',
    list: kind === 'cadence' && name === 'every' ? 'cadence-forms' : null
  });
  input.value = values(kind)[name] || '';
  input.addEventListener('input', function () { values(kind)[name] = input.value; });
  return h('div', { className: 'field' }, [
    h('label', { for: id, text: label(kind, name, index) }), input
  ]);
}

function noteForm(kind, index) {
  var button = h('button', { type: 'submit', className: 'button', id: 'note-' + kind + '-post', text: t('ui.record.post') });
  var message = h('p', { id: 'note-' + kind + '-message', className: 'form__message', role: 'alert' });
  var done = h('p', { id: 'note-' + kind + '-done', className: 'form__done', role: 'status' });
  var form = h('form', { className: 'form note', novalidate: true, 'data-note': kind },
    NOTE_KINDS[kind].map(function (name) { return field(kind, name, index); }).concat([button, message, done]));

  function busy(on) {
    state.saving = on;
    button.disabled = on;
    button.setAttribute('aria-busy', on ? 'true' : 'false');
    button.textContent = t(on ? 'ui.record.busy' : 'ui.record.post');
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    message.textContent = done.textContent = '';
    var note = noteBody(kind, values(kind));
    Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) { input.removeAttribute('aria-invalid'); });
    if (note.error) {
      var bad = form.querySelector('[name="' + note.field + '"]');
      message.textContent = t(note.error, { field: t('ui.record.' + kind + '.' + note.field) });
      bad.setAttribute('aria-invalid', 'true');
      bad.focus();
      return;
    }
    busy(true);
    postNote(note.body).then(function () {
      busy(false);
      state.notes.values[kind] = {};
      Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) { input.value = ''; });
      done.textContent = t('ui.record.done', { note: note.body });
      resize();
    }, function (error) {
      busy(false);
      message.textContent = writeProblem(error, PROBLEMS, state.text).message;
      button.focus();
      resize();
    });
  });
  return form;
}

function disclosure(kind, index) {
  var details = h('details', { className: 'record__item', id: 'record-' + kind }, [
    h('summary', { text: t('ui.record.' + kind + '.title') }), noteForm(kind, index)
  ]);
  details.open = !!state.notes.open[kind];
  details.addEventListener('toggle', function () { state.notes.open[kind] = details.open; resize(); });
  return details;
}

export function recordSection(index) {
  return h('section', { className: 'panel record', 'aria-labelledby': 'record-title' }, [
    h('h2', { className: 'panel__title', id: 'record-title', text: t('ui.record.title') }),
    h('p', { className: 'muted', text: t('ui.record.hint') }),
    h('datalist', { id: 'cadence-forms' }, CADENCES.map(function (c) { return h('option', { value: c }); }))
  ].concat(Object.keys(NOTE_KINDS).map(function (kind) { return disclosure(kind, index); })));
}
