/* A ticket with no escalation: the Escalate form, "requested" once tagged, and the
 * confirmation after escalating. */
import { state } from './state.js';
import { announce, beginView, h, resize, show, t } from './dom.js';
import { escalationTag } from './tags.js';
import { escalate, writeProblem } from './zendesk.js';
import { staleWarning } from './view-common.js';
import { impactSection, severityOptions } from './view-impact.js';

var ESCALATE_PROBLEMS = {
  no_ticket: 'ui.escalate.no_ticket', forbidden: 'ui.escalate.forbidden',
  failed: 'ui.escalate.failed', failed_remove: 'ui.escalate.failed_remove'
};

function escalateForm(index) {
  var select = h('select', { id: 'severity', name: 'severity', required: true }, severityOptions());
  var impact = impactSection(index, select);
  var button = h('button', { type: 'submit', className: 'button button--primary', id: 'escalate', text: t('ui.escalate.button') });
  var message = h('p', { id: 'escalate-message', className: 'form__message', role: 'alert' });
  var retry = h('button', { type: 'button', className: 'button', id: 'escalate-retry', hidden: true, text: t('ui.retry') });
  var form = h('form', { className: 'form', novalidate: true }, [
    h('fieldset', {}, [
      h('legend', { text: t('ui.escalate.legend') }),
      impact.before,
      h('label', { for: 'severity', text: t('ui.escalate.severity_label') }),
      select, impact.after, button, message, retry
    ])
  ]);
  impact.update();

  function busy(on) {
    state.saving = on;
    button.disabled = select.disabled = on;
    Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) { input.disabled = on; });
    button.setAttribute('aria-busy', on ? 'true' : 'false');
    button.textContent = t(on ? 'ui.escalate.busy' : 'ui.escalate.button');
  }

  function submit() {
    retry.hidden = true;
    if (!select.value) {
      message.textContent = t('ui.escalate.need_severity');
      select.setAttribute('aria-invalid', 'true');
      select.focus();
      return;
    }
    select.removeAttribute('aria-invalid');
    message.textContent = '';
    busy(true);
    escalate(index, select.value).then(function (result) {
      busy(false);
      state.draft = { answers: {}, severity: '', lastProposed: '', overridden: false };
      showEscalated(result);
    }, function (error) {
      busy(false);
      var problem = writeProblem(error, ESCALATE_PROBLEMS, state.text);
      message.textContent = problem.message;
      retry.hidden = !problem.retry;
      (problem.retry ? retry : button).focus();
      resize();
    });
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
  retry.addEventListener('click', submit);
  return form;
}

// banner: the organization's open escalations (or null), shown first.
export function showNotEscalated(index, banner) {
  beginView('not-escalated');
  var tag = escalationTag(index, state.settings);
  if (tag && state.ticket.tags.indexOf(tag) >= 0) {
    show([h('section', { className: 'notice', 'data-state': 'pending' }, [
      staleWarning(index),
      h('h1', { className: 'notice__title', text: t('ui.pending.title') }),
      h('p', { text: t('ui.pending.body', { tag: tag }) })
    ]), banner]);
    return;
  }
  show([h('section', { 'data-state': 'not-escalated' }, [
    staleWarning(index),
    banner,
    h('h1', { className: 'title', text: t('ui.not_escalated.title') }),
    h('p', { text: t('ui.not_escalated.body') }),
    tag ? escalateForm(index) : h('p', { className: 'muted', id: 'no-escalation-tag', text: t('ui.escalate.no_tag') })
  ])]);
}

function syncEveryMinutes() {
  var minutes = Number(state.settings.sync_interval_minutes);
  return minutes >= 1 && minutes % 1 === 0 ? minutes : null;
}

function showEscalated(result) {
  beginView('escalated-now');
  var minutes = syncEveryMinutes();
  var done = minutes ? t('ui.escalate.done_every', { minutes: minutes }) : t('ui.escalate.done');
  var heading = h('h1', { className: 'notice__title', id: 'escalated', tabindex: '-1', text: done });
  show([h('section', { className: 'notice notice--success', 'data-state': 'escalated-now' }, [
    heading,
    result.added.length ? h('p', { text: t('ui.escalate.tags_added', { tags: result.added.join(', ') }) }) : null,
    result.removed.length ? h('p', { text: t('ui.escalate.tags_removed', { tags: result.removed.join(', ') }) }) : null,
    h('p', { className: 'muted', id: 'escalated-hint', text: t(result.formUpdated ? 'ui.escalate.saved_hint' : 'ui.escalate.form_stale') })
  ])]);
  heading.focus();
  announce(done);
}
