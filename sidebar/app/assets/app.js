/* Escalation Desk: Zendesk ticket-sidebar app (ZAF v2, ES modules, no build step).
 *
 * Wiring: start the ZAF client, fetch escalations/index.json through Zendesk's
 * request proxy (the GitHub token is a secure setting the proxy inserts; this page
 * never sees it), pick the view, and fetch again when the agent comes back to the
 * ticket or its tags change. The page shows what the index says and computes nothing
 * the index carries; only "how long until / since" a deadline moves with its clock.
 * Every string from the index reaches the page as text, never as HTML.
 */
import I18N from './i18n.js';
import { state } from './state.js';
import { pickLocale } from './text.js';
import { announce, inView, resize, t, tick } from './dom.js';
import { classify, decodeIndex, findEscalation, isOpen, organizationEscalations, readSettings, repositoryValid } from './decode.js';
import { escalationTag } from './tags.js';
import { indexRequest } from './github.js';
import { showError, showLoading } from './view-common.js';
import { showEscalation } from './view-escalation.js';
import { showNotEscalated } from './view-escalate.js';
import { organizationBanner } from './view-banner.js';
import { recordSection } from './view-notes.js';

var TICK_MS = 30 * 1000;

function fail(problem, focusRetry) {
  if (problem.bug) { globalThis.console.error('Escalation Desk:', problem.bug); }
  showError(problem, focusRetry, function () { load(true); });
}

// retrying: the agent pressed Retry, so focus returns to it if this fails again.
function load(retrying) {
  showLoading();
  if (!repositoryValid(state.settings)) {
    fail({ kind: 'settings' });
    return Promise.resolve();
  }
  return fetchAndShow(false, retrying === true);
}

// A background refresh: the current view stays until the new data arrives, and stays
// if fetching fails. One runs at a time; asking again meanwhile runs one more after.
function refresh() {
  if (!state.client || !repositoryValid(state.settings)) { return Promise.resolve(); }
  if (state.inFlight) { state.refreshAgain = true; return Promise.resolve(); }
  return fetchAndShow(true, false);
}

function readTicket(background) {
  return background ? state.client.get(['ticket.tags', 'ticket.organization']) : Promise.resolve(null);
}

function fetchAndShow(background, focusRetry) {
  var mine = ++state.generation;
  state.inFlight = true;
  state.refreshAgain = false;
  return Promise.all([readTicket(background), state.client.request(indexRequest(state.settings))]).then(function (results) {
    if (mine !== state.generation) { return; }
    var fresh = results[0] || {};
    if (Array.isArray(fresh['ticket.tags'])) { state.ticket.tags = fresh['ticket.tags'].slice(); }
    if (fresh['ticket.organization'] !== undefined) { state.ticket.organization = fresh['ticket.organization']; }
    render(decodeIndex(results[1]), background);
  }).catch(function (error) {
    if (mine !== state.generation) { return; }
    if (!background || state.shown.kind === 'error') { fail(classify(error), focusRetry || inView(document.activeElement)); }
  }).then(function () {
    if (mine !== state.generation) { return; }
    state.inFlight = false;
    if (state.refreshAgain) { return refresh(); }
  });
}

// What the agent sees for this index; a background refresh that would show the same
// leaves the view (and what the agent typed or chose in it) alone.
function render(index, background) {
  var esc = findEscalation(index, state.ticket.id);
  // Mid-save the form stays; after a save its confirmation stays until the sync has
  // created the document.
  if (state.saving || (state.shown.kind === 'escalated-now' && !esc)) { return; }
  var tag = escalationTag(index, state.settings);
  var related = organizationEscalations(index, state.ticket.organization, esc && esc.id);
  var key = JSON.stringify([esc, related, index.as_of, !esc && !!tag && state.ticket.tags.indexOf(tag) >= 0]);
  if (background && key === state.shown.key) { return; }
  var focused = inView(document.activeElement) ? document.activeElement.id : '';
  var severity = document.getElementById('severity');
  var chosen = severity ? severity.value : '';
  var banner = organizationBanner(related);
  if (esc) { showEscalation(esc, index, banner, isOpen(esc) ? recordSection(index) : null); } else { showNotEscalated(index, banner); }
  state.shown.key = key;
  severity = document.getElementById('severity');
  if (severity && chosen) { severity.value = chosen; }
  var again = focused && document.getElementById(focused);
  if (again) { again.focus(); }
  announce(background ? t('ui.refreshed') : t('ui.loaded'));
}

function applyStart(results) {
  state.settings = readSettings((results[0] && results[0].settings) || {});
  var ticket = results[1] || {};
  state.ticket.id = ticket['ticket.id'];
  state.ticket.tags = Array.isArray(ticket['ticket.tags']) ? ticket['ticket.tags'].slice() : [];
  state.ticket.organization = ticket['ticket.organization'] || null;
  if (ticket['currentUser.locale']) { state.text = pickLocale(I18N, ticket['currentUser.locale']); }
}

function start() {
  state.text = pickLocale(I18N, navigator.language);
  var client = globalThis.ZAFClient && globalThis.ZAFClient.init();
  if (!client) { fail({ kind: 'zendesk' }); return; }
  state.client = client;
  showLoading();
  if (globalThis.ResizeObserver) { new globalThis.ResizeObserver(resize).observe(document.getElementById('app')); }
  globalThis.setInterval(tick, TICK_MS);
  Promise.all([client.metadata(), client.get(['ticket.id', 'ticket.tags', 'ticket.organization', 'currentUser.locale'])])
    .then(function (results) {
      applyStart(results);
      // The agent came back to this ticket, or its tags changed (by hand, by a
      // trigger, by this app): fetch again, keeping the view until the data arrives.
      // While the first load runs, its answer is fresh already.
      client.on('app.activated', function () { if (state.shown.kind !== 'loading') { refresh(); } });
      client.on('ticket.tags.changed', function () { refresh(); });
      return load();
    }, function () {
      fail({ kind: 'zendesk' });
    });
}

var desk = globalThis.EscalationDesk = globalThis.EscalationDesk || {};
desk.tick = tick;
desk.reload = function () { return load(); };
start();
