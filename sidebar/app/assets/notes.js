/* The structured internal notes the sync turns into the document's entries
 * (`#esc notified …`, `#esc step …`, `#esc target …`, `#esc sponsor …`,
 * `#esc cadence …`), built from the forms' fields. Pure.
 *
 * A note is one line: line breaks and runs of spaces in a field become one space, so
 * nothing typed can start a second command. Characters that would change what the
 * line means (the separators of its own syntax) are refused, with the field named. */

export const NOTE_KINDS = {
  notified: ['name', 'role'],
  step: ['action', 'owner', 'due'],
  target: ['date', 'time'],
  sponsor: ['name'],
  cadence: ['every', 'reason']
};

var DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
var TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// field -> [pattern it must not contain, translation key of the reason]
var REFUSED = {
  notified: { name: [/,/, 'ui.record.error.comma'] },
  step: { action: [/—/, 'ui.record.error.dash'], owner: [/—/, 'ui.record.error.dash'] },
  cadence: { every: [/[()]/, 'ui.record.error.parenthesis'], reason: [/[()]/, 'ui.record.error.parenthesis'] }
};

function oneLine(value) {
  return String(value === null || value === undefined ? '' : value).replace(/\s+/g, ' ').trim();
}

function problem(kind, field, values) {
  var value = values[field];
  if (!value) { return 'ui.record.error.required'; }
  if ((field === 'due' || field === 'date') && !DATE.test(value)) { return 'ui.record.error.date'; }
  if (field === 'time' && !TIME.test(value)) { return 'ui.record.error.time'; }
  var refused = REFUSED[kind] && REFUSED[kind][field];
  return refused && refused[0].test(value) ? refused[1] : null;
}

function line(kind, v) {
  switch (kind) {
    case 'notified': return '#esc notified ' + v.name + ', ' + v.role;
    case 'step': return '#esc step ' + v.action + ' — Owner: ' + v.owner + ' — Due: ' + v.due;
    case 'target': return '#esc target ' + v.date + ' ' + v.time;
    case 'sponsor': return '#esc sponsor ' + v.name;
    default: return '#esc cadence ' + v.every + ' (' + v.reason + ')';
  }
}

// {body} for a note to post, or {field, error} naming the first field to fix.
export function noteBody(kind, fields) {
  var names = NOTE_KINDS[kind];
  if (!names) { throw new Error('unknown note kind ' + kind); }
  var values = {};
  names.forEach(function (name) { values[name] = oneLine(fields && fields[name]); });
  for (var i = 0; i < names.length; i += 1) {
    var error = problem(kind, names[i], values);
    if (error) { return { field: names[i], error: error }; }
  }
  return { body: line(kind, values) };
}
