/* Writing to the ticket through Zendesk's own API, with the agent's own session and
 * permissions (same origin: no token, no secure setting), and saying why it failed. */
import { state } from './state.js';
import { translate } from './text.js';
import { escalationTag, mergedFormTags, severityTag, severityTagList, staleSeverityTags } from './tags.js';

function ticketRequest(path, type, body) {
  return state.client.request({
    url: '/api/v2/tickets/' + encodeURIComponent(state.ticket.id) + path,
    type: type,
    contentType: 'application/json',
    data: JSON.stringify(body)
  });
}

// The tags endpoint: PUT adds the listed tags, DELETE removes them; both answer
// {tags: [every tag now on the ticket]}.
function tagsRequest(type, tags) {
  return ticketRequest('/tags.json', type, { tags: tags });
}

// Saves the escalation tag and the severity's tag at once (the agent need not submit
// the ticket), removes any other severity tag from the saved ticket and the form,
// then shows the result in the open form, keeping the agent's other tag edits.
export function escalate(index, severity) {
  var wanted = [escalationTag(index, state.settings), severityTag(index, severity)];
  var known = severityTagList(index);
  var result = { added: [], removed: [], formUpdated: true };
  var formTags = [];
  if (state.ticket.id === null || state.ticket.id === undefined) { return Promise.reject({ kind: 'no_ticket' }); }
  return state.client.get('ticket.tags').then(function (data) {
    formTags = (data && Array.isArray(data['ticket.tags'])) ? data['ticket.tags'] : [];
    return tagsRequest('PUT', wanted);
  }).then(function (saved) {
    var stale = staleSeverityTags(formTags, saved && Array.isArray(saved.tags) ? saved.tags : [], wanted[1], known);
    result.added = wanted.filter(function (tag) { return formTags.indexOf(tag) < 0; });
    if (!stale.length) { return; }
    return tagsRequest('DELETE', stale).then(function () { result.removed = stale; }, function (error) {
      throw { kind: 'remove', tags: stale, error: error };
    });
  }).then(function () {
    var merged = mergedFormTags(formTags, wanted, known);
    state.ticket.tags = merged;
    return state.client.set('ticket.tags', merged).then(null, function () { result.formUpdated = false; });
  }).then(function () { return result; });
}

// An internal note (public: false) on the ticket, written as the agent.
export function postNote(body) {
  if (state.ticket.id === null || state.ticket.id === undefined) { return Promise.reject({ kind: 'no_ticket' }); }
  return ticketRequest('.json', 'PUT', { ticket: { comment: { body: body, public: false } } });
}

// Zendesk's reason, if its answer carries one: {description, details: {field: [{description}]}}
// or {error: {title, message}}.
export function zendeskReason(error) {
  var body;
  try { body = JSON.parse(String(error.responseText || '')); } catch (e) { return ''; }
  if (!body || typeof body !== 'object') { return ''; }
  var details = body.details && typeof body.details === 'object' ? body.details : {};
  var reasons = Object.keys(details).map(function (field) {
    var first = Array.isArray(details[field]) && details[field][0];
    return first && typeof first.description === 'string' ? first.description : '';
  }).filter(Boolean);
  var nested = body.error && typeof body.error === 'object' ? body.error : {};
  var reason = reasons[0] || body.description || nested.message || nested.title ||
    (typeof body.error === 'string' ? body.error : '');
  return String(reason || '').slice(0, 200);
}

function failureDetail(error, text) {
  var status = Number(error && error.status) || 0;
  if (!status) { return error instanceof Error ? error.message : translate(text, 'ui.zendesk.no_response'); }
  var reason = zendeskReason(error);
  return translate(text, 'ui.zendesk.http_status', { status: status }) + (reason ? ': ' + reason : '');
}

// {message, retry} for a failed write; `keys` names the messages of the action
// (forbidden, failed, and for escalating failed_remove).
export function writeProblem(error, keys, text) {
  if (error && error.kind === 'no_ticket') { return { message: translate(text, keys.no_ticket), retry: false }; }
  var cause = error && error.kind === 'remove' ? error.error : error;
  if (Number(cause && cause.status) === 403) { return { message: translate(text, keys.forbidden), retry: false }; }
  var message = error && error.kind === 'remove'
    ? translate(text, keys.failed_remove, { tags: error.tags.join(', '), detail: failureDetail(cause, text) })
    : translate(text, keys.failed, { detail: failureDetail(cause, text) });
  return { message: message, retry: true };
}
