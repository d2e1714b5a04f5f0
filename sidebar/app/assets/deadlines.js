/* Deadlines as the index gives them, judged against the page's clock between syncs:
 * the index's `state` (on_track / due_soon / overdue) and `warn_at` say when a deadline
 * is due soon; the page only moves a state forward as time passes. Pure. */
import { formatDuration, parseTime, textOr } from './format.js';
import { translate } from './text.js';

var RANK = { on_track: 0, due_soon: 1, overdue: 2 };
var STATES = ['on_track', 'due_soon', 'overdue'];

export function deadlineState(item, now) {
  var due = parseTime(item && item.due);
  var warn = parseTime(item && item.warn_at);
  var live = due !== null && now >= due ? 2 : (warn !== null && now >= warn ? 1 : 0);
  return STATES[Math.max(live, RANK[item && item.state] || 0)];
}

// "Due in 1 h 30 min" / "OVERDUE by 5 min", with the keys of the place it is shown.
export function countdownText(dueMs, now, keys, text) {
  var overdue = dueMs <= now;
  return {
    overdue: overdue,
    text: overdue
      ? translate(text, keys.overdue, { duration: formatDuration(now - dueMs, false, text) })
      : translate(text, keys.due_in, { duration: formatDuration(dueMs - now, true, text) })
  };
}

// The index's deadline behind the next customer update, if it lists one.
export function nextUpdateDeadline(esc) {
  var due = parseTime(esc.next_update_due);
  if (due === null) { return null; }
  return (esc.deadlines || []).find(function (item) {
    return item && item.kind === 'customer_update' && parseTime(item.due) === due;
  }) || { kind: 'customer_update', due: esc.next_update_due };
}

// Every deadline but the next customer update (and, when the recovery checklist is
// shown, the recovery milestones), once each, soonest first.
export function otherDeadlines(esc, showsRecovery) {
  var seen = {};
  var items = [];
  var nextDue = parseTime(esc.next_update_due);
  (esc.deadlines || []).concat(esc.overdue || []).forEach(function (item) {
    var due = parseTime(item && item.due);
    if (due === null || seen[item.kind + '@' + due]) { return; }
    seen[item.kind + '@' + due] = true;
    if (item.kind === 'customer_update' && due === nextDue) { return; }
    if (showsRecovery && /^recovery_/.test(String(item.kind))) { return; }
    items.push({ label: textOr(item.label, textOr(item.kind, '?')), due: due, kind: item.kind, item: item });
  });
  return items.sort(function (a, b) { return a.due - b.due; });
}

// The index's deadline of each open recovery milestone, by the milestone's name.
export function recoveryDeadlines(esc) {
  var found = {};
  (esc.deadlines || []).forEach(function (item) {
    if (item && /^recovery_/.test(String(item.kind))) { found[item.label] = item; }
  });
  return found;
}
