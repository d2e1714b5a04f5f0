/* The page's one mutable state. Every other module is either pure (decode, format,
 * tags, deadlines, impact, notes, github, text) or reads and writes this object
 * (dom, views, zendesk, app). */
export const state = {
  client: null,                     // the ZAF client
  settings: {},                     // the app's settings, defaults filled in
  ticket: { id: null, tags: [], organization: null },
  text: { strings: {}, fallback: {}, locale: 'en' },
  shown: { kind: null, key: null }, // what is on screen, so a refresh can leave it alone
  live: [],                         // the time-dependent parts of the view, run every tick
  generation: 0,                    // the latest fetch; older answers are dropped
  inFlight: false,
  refreshAgain: false,
  saving: false,                    // a tag save or a note is on its way
  // The Escalate form's answers and choice, kept across background refreshes.
  draft: { answers: {}, severity: '', lastProposed: '', overridden: false },
  // The note forms: which are open, and what is typed in them.
  notes: { open: {}, values: {} },
  lastHeight: 0,
  // Tests (and only tests) may replace EscalationDesk.now before the page loads.
  now: function () {
    var desk = globalThis.EscalationDesk;
    return desk && typeof desk.now === 'function' ? desk.now() : Date.now();
  }
};
