/* Reading what Zendesk and GitHub hand the page: the index, failures, settings, and
 * which escalation a ticket belongs to. Pure. */

export const SCHEMA = 'escalation-desk/index@1';
export const DONE_STATUSES = ['Resolved', 'Closed'];
export const DEFAULTS = {
  branch: 'main',
  index_path: 'escalations/index.json',
  escalation_tag: 'escalation',
  github_api_url: 'https://api.github.com'
};
var SETTING_NAMES = Object.keys(DEFAULTS).concat(['repository', 'sync_interval_minutes']);

// A problem with the index itself; `detail` is a translation key (and its values).
export function badIndex(detail, vars) {
  var error = new Error(detail);
  error.kind = 'bad_index';
  error.detail = { key: detail, vars: vars || {} };
  return error;
}

function base64Text(content) {
  var bytes = Uint8Array.from(globalThis.atob(content.replace(/\s/g, '')), function (c) { return c.charCodeAt(0); });
  return new TextDecoder('utf-8').decode(bytes);
}

export function decodeIndex(data) {
  if (typeof data === 'string') {
    try { data = JSON.parse(data); } catch (e) { throw badIndex('ui.error.bad_index_json'); }
  }
  // The proxy may drop the raw media type; then GitHub answers with base64 content.
  if (data && typeof data.content === 'string' && data.encoding === 'base64') {
    return decodeIndex(base64Text(data.content));
  }
  if (!data || typeof data !== 'object' || data.schema !== SCHEMA) {
    throw badIndex('ui.error.bad_index_schema', { schema: JSON.stringify(data && data.schema) });
  }
  if (!Array.isArray(data.escalations) || !data.tickets || typeof data.tickets !== 'object') {
    throw badIndex('ui.error.bad_index_shape');
  }
  return data;
}

// What went wrong fetching the index: {kind, status?, detail?}.
export function classify(error) {
  if (error && error.kind) { return { kind: error.kind, detail: error.detail || error.message }; }
  if (error instanceof Error) { return { kind: 'unexpected', detail: error.message, bug: error }; }
  var status = Number(error && error.status) || 0;
  if ((status === 403 || status === 429) && /rate limit/i.test(String(error.responseText || ''))) {
    return { kind: 'rate_limited', status: status };
  }
  if (status === 401 || status === 403) { return { kind: 'token' }; }
  if (status === 404) { return { kind: 'not_found' }; }
  return { kind: 'network', status: status };
}

export function readSettings(given) {
  var settings = {};
  SETTING_NAMES.forEach(function (name) {
    var value = given ? given[name] : undefined;
    settings[name] = value === null || value === undefined || String(value).trim() === ''
      ? DEFAULTS[name] : String(value).trim();
  });
  return settings;
}

export function repositoryValid(settings) {
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(String(settings.repository || ''));
}

export function isOpen(esc) {
  return DONE_STATUSES.indexOf(esc.status) < 0;
}

// The escalation of this ticket: the index's ticket map first, then the records'
// own ticket lists.
export function findEscalation(index, ticketId) {
  if (ticketId === null || ticketId === undefined) { return null; }
  var key = String(ticketId);
  var id = index.tickets[key];
  return index.escalations.find(function (esc) {
    return id ? esc.id === id : Array.isArray(esc.zendesk_tickets) && esc.zendesk_tickets.map(String).indexOf(key) >= 0;
  }) || null;
}

// The open escalations of the ticket's organization, other than the ticket's own.
export function organizationEscalations(index, organization, ownId) {
  var orgId = organization && organization.id;
  if (orgId === null || orgId === undefined || orgId === '') { return []; }
  return index.escalations.filter(function (esc) {
    return esc.organization_id !== null && esc.organization_id !== undefined &&
      String(esc.organization_id) === String(orgId) && esc.id !== ownId && isOpen(esc);
  });
}
