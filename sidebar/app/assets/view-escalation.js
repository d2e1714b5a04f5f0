/* The escalation of the ticket in front of the agent. */
import { state } from './state.js';
import { announce, beginView, externalLink, fact, h, live, show, t, tNodes, timeElement } from './dom.js';
import { formatDuration, formatMoney, parseTime, textOr } from './format.js';
import { countdownText, deadlineState, nextUpdateDeadline, otherDeadlines, recoveryDeadlines } from './deadlines.js';
import { documentUrl, pullsUrl } from './github.js';
import { isOpen } from './decode.js';
import { severityBadge, staleWarning } from './view-common.js';

// A countdown and the deadline's state ("Due soon"), kept current by the clock.
function liveDeadline(countdown, stateNode, item, keys, onChange) {
  var due = parseTime(item.due);
  var previous = null;
  live(function (now) {
    var shown = countdownText(due, now, keys, state.text);
    var current = deadlineState(item, now);
    countdown.textContent = shown.text;
    countdown.className = 'countdown ' + (shown.overdue ? 'is-overdue' : 'is-due');
    countdown.setAttribute('data-overdue', shown.overdue ? 'true' : 'false');
    stateNode.textContent = t('ui.deadline_state.' + current);
    stateNode.className = 'deadline-state deadline-state--' + current;
    stateNode.setAttribute('data-deadline-state', current);
    if (onChange && previous !== null && previous !== current) { onChange(current); }
    previous = current;
  });
}

// "Every day, as agreed by Dana Whitfield: the customer asked for a daily call".
function agreedCadence(esc) {
  var cadence = esc.cadence;
  if (!cadence || typeof cadence !== 'object' || !cadence.every) { return null; }
  var key = 'ui.next_update.cadence' + (cadence.agreed_by ? '_by' : '') + (cadence.reason ? '_why' : '');
  return h('p', { className: 'muted', id: 'agreed-cadence', text: t(key, {
    every: String(cadence.every), by: textOr(cadence.agreed_by, ''), reason: textOr(cadence.reason, '')
  }) });
}

function nextUpdateSection(esc) {
  var item = nextUpdateDeadline(esc);
  var stateNode = h('span', { id: 'next-update-state' });
  var section = h('section', { className: 'panel', 'aria-labelledby': 'next-update-title' }, [
    h('div', { className: 'panel__head' }, [
      h('h2', { className: 'panel__title', id: 'next-update-title', text: t('ui.next_update.title') }),
      item === null ? null : stateNode
    ])
  ]);
  if (item === null) {
    section.appendChild(h('p', { className: 'muted', id: 'next-update', text: t('ui.next_update.none') }));
    return section;
  }
  var cadence = agreedCadence(esc);
  var countdown = h('span', { id: 'next-update' });
  section.appendChild(h('p', {}, [countdown]));
  section.appendChild(h('p', { className: 'muted' }, tNodes('ui.due_at', { time: timeElement(parseTime(item.due)) })));
  if (cadence) { section.appendChild(cadence); }
  liveDeadline(countdown, stateNode, item, { overdue: 'ui.next_update.overdue', due_in: 'ui.next_update.due_in' }, function (now) {
    if (now === 'overdue') { announce(t('ui.next_update.became_overdue')); }
  });
  return section;
}

function deadlinesSection(esc, showsRecovery) {
  var items = otherDeadlines(esc, showsRecovery);
  if (!items.length) { return null; }
  var list = h('ul', { className: 'deadlines' });
  items.forEach(function (entry) {
    var countdown = h('span', {});
    var stateNode = h('span', {});
    var li = h('li', { 'data-kind': entry.kind }, [
      h('div', { className: 'deadlines__head' }, [h('span', { className: 'deadlines__label', text: entry.label }), stateNode]),
      h('div', { className: 'deadlines__meta' }, [countdown, h('span', { className: 'muted' }, [' · ', timeElement(entry.due)])])
    ]);
    list.appendChild(li);
    liveDeadline(countdown, stateNode, entry.item, { overdue: 'ui.deadlines.overdue', due_in: 'ui.deadlines.due_in' });
  });
  return h('section', { className: 'panel', 'aria-labelledby': 'deadlines-title' }, [
    h('h2', { className: 'panel__title', id: 'deadlines-title', text: t('ui.deadlines.title') }), list
  ]);
}

function milestoneItem(milestone, deadline) {
  var due = parseTime(milestone.due);
  var stateNode = h('span', { className: 'checklist__state' });
  live(function (now) {
    var late = !milestone.done && !!deadline && deadlineState(deadline, now) === 'overdue';
    stateNode.textContent = milestone.done ? t('ui.recovery.done') : (late ? t('ui.recovery.overdue') : t('ui.recovery.open'));
    stateNode.className = 'checklist__state' + (late ? ' is-overdue' : '');
  });
  return h('li', { className: milestone.done ? 'is-done' : '' }, [
    h('span', { className: 'checklist__box', 'aria-hidden': 'true', text: milestone.done ? '☑' : '☐' }),
    h('div', {}, [
      h('div', { className: 'checklist__label', text: textOr(milestone.milestone, '?') }),
      h('div', { className: 'checklist__meta' }, [
        due === null ? null : h('span', { className: 'muted' }, [timeElement(due, true), ' · ']),
        stateNode
      ])
    ])
  ]);
}

function recoverySection(esc) {
  var milestones = Array.isArray(esc.recovery) ? esc.recovery : [];
  var deadlines = recoveryDeadlines(esc);
  var body = milestones.length
    ? h('ul', { className: 'checklist', id: 'recovery' }, milestones.map(function (m) { return milestoneItem(m, deadlines[m.milestone]); }))
    : h('p', { className: 'muted', text: t('ui.recovery.empty') });
  return h('section', { className: 'panel', 'aria-labelledby': 'recovery-title' }, [
    h('h2', { className: 'panel__title', id: 'recovery-title', text: t('ui.recovery.title') }), body
  ]);
}

function targetNode(esc, done) {
  var target = parseTime(esc.target_resolution);
  if (target === null) { return t('ui.unknown'); }
  var passed = h('span', { className: 'is-overdue' });
  live(function (now) {
    passed.textContent = !done && now > target ? ' — ' + t('ui.target_passed', { duration: formatDuration(now - target, false, state.text) }) : '';
  });
  return h('span', {}, [timeElement(target), passed]);
}

function facts(esc, done) {
  var opened = parseTime(esc.opened);
  var triggers = Array.isArray(esc.triggers) && esc.triggers.length
    ? h('ul', { className: 'chips' }, esc.triggers.map(function (trigger) { return h('li', { className: 'chip', text: String(trigger) }); }))
    : t('ui.no_triggers');
  return h('dl', { className: 'facts' }, [].concat(
    fact(t('ui.field.status'), h('span', { id: 'status', text: textOr(esc.status, t('ui.unknown')) })),
    fact(t('ui.field.owner'), textOr(esc.owner, t('ui.unknown'))),
    fact(t('ui.field.exec_sponsor'), textOr(esc.exec_sponsor, t('ui.no_exec_sponsor'))),
    fact(t('ui.field.arr'), h('span', { id: 'arr', text: typeof esc.arr === 'number' ? formatMoney(esc.arr, state.text.locale) : t('ui.unknown') })),
    fact(t('ui.field.opened'), opened === null ? t('ui.unknown') : timeElement(opened)),
    fact(t('ui.field.target_resolution'), targetNode(esc, done)),
    fact(t('ui.field.triggers'), triggers)
  ));
}

function header(esc) {
  return h('header', { className: 'header' }, [
    h('div', { className: 'header__badges' }, [
      severityBadge(esc.severity),
      esc.severity_state === 'proposed'
        ? h('span', { className: 'chip chip--proposed', id: 'severity-state', text: t('ui.severity_state.proposed') }) : null,
      h('span', { className: 'chip', text: esc.tier ? t('ui.tier', { tier: esc.tier }) : t('ui.no_tier') })
    ]),
    h('h1', { className: 'title', text: t('ui.title', { id: textOr(esc.id, '?'), customer: textOr(esc.customer, t('ui.unknown')) }) }),
    esc.title ? h('p', { className: 'subtitle', text: String(esc.title) }) : null
  ]);
}

// banner: the organization's other open escalations; record: the note forms (both
// built by the caller, either may be null).
export function showEscalation(esc, index, banner, record) {
  beginView('escalation');
  var done = !isOpen(esc);
  show([
    h('article', { 'data-state': done ? 'resolved' : 'escalated', 'data-escalation': esc.id }, [
      staleWarning(index),
      banner,
      header(esc),
      done ? null : nextUpdateSection(esc),
      facts(esc, done),
      deadlinesSection(esc, done),
      done || (Array.isArray(esc.recovery) && esc.recovery.length) ? recoverySection(esc) : null,
      h('nav', { className: 'links', 'aria-label': t('ui.link.nav') }, [
        esc.path ? externalLink(documentUrl(state.settings, esc), t('ui.link.document'), 'document-link') : null,
        externalLink(pullsUrl(state.settings, esc), t('ui.link.pulls'), 'pulls-link')
      ]),
      record
    ])
  ]);
}
