/* Views every state shares: loading, errors, the stale-data warning, the severity badge. */
import { state } from './state.js';
import { beginView, h, live, show, t } from './dom.js';
import { formatDuration, formatTime, parseTime } from './format.js';
import { SEVERITIES } from './tags.js';

var STALE_AFTER_MS = 24 * 60 * 60 * 1000;
var MESSAGES = {
  token: 'ui.error.token', not_found: 'ui.error.not_found', network: 'ui.error.network',
  settings: 'ui.error.settings', zendesk: 'ui.error.zendesk', rate_limited: 'ui.error.rate_limited',
  bad_index: 'ui.error.bad_index', unexpected: 'ui.error.unexpected'
};

export function showLoading() {
  beginView('loading');
  show([h('p', { className: 'loading', 'data-state': 'loading', text: t('ui.loading') })], true);
}

function problemDetail(problem) {
  var detail = problem.detail;
  return detail && typeof detail === 'object' ? t(detail.key, detail.vars) : detail;
}

// onRetry: what Retry does (only failures a retry can cure offer it).
export function showError(problem, focusRetry, onRetry) {
  beginView('error');
  var retryable = problem.kind === 'network' || problem.kind === 'rate_limited';
  var message = t(MESSAGES[problem.kind] || MESSAGES.network, { detail: problemDetail(problem) });
  var detail = problem.kind === 'network'
    ? (problem.status ? t('ui.error.http_status', { status: problem.status }) : t('ui.error.no_response'))
    : null;
  var retry = retryable && onRetry
    ? h('button', { type: 'button', className: 'button', id: 'retry', text: t('ui.retry'), onclick: onRetry })
    : null;
  show([h('section', { className: 'notice notice--error', role: 'alert', 'data-state': 'error', 'data-error': problem.kind }, [
    h('h1', { className: 'notice__title', text: t('ui.error.title') }),
    h('p', { className: 'notice__message', text: message }),
    detail && h('p', { className: 'muted', text: detail }),
    retry
  ])]);
  if (retry && focusRetry) { retry.focus(); }
}

export function staleWarning(index) {
  var asOf = parseTime(index.as_of);
  if (asOf === null) { return null; }
  var box = h('p', { className: 'notice notice--warning', hidden: true, 'data-state': 'stale' });
  live(function (now) {
    var age = now - asOf;
    box.hidden = age <= STALE_AFTER_MS;
    box.textContent = t('ui.stale', { time: formatTime(asOf, state.text.locale), age: formatDuration(age, false, state.text) });
  });
  return box;
}

export function severityBadge(severity) {
  var known = SEVERITIES.indexOf(severity) >= 0;
  return h('span', {
    className: 'badge badge--' + (known ? severity.toLowerCase() : 'unknown'),
    'data-severity': severity || '',
    text: t('ui.badge', { severity: severity || '?', label: known ? t('ui.severity.' + severity) : t('ui.severity.unknown') })
  });
}
