/* Escalation Desk: Zendesk ticket-sidebar app (ZAF v2, no build step).
 *
 * Reads escalations/index.json from the documents repository through Zendesk's
 * request proxy (the GitHub token is a secure setting the proxy inserts; this page
 * never sees it) and shows the ticket's escalation. It shows what the index says and
 * never recomputes an SLA; only "how long until / since" a deadline is live here.
 * The index is fetched again when the agent comes back to the ticket or its tags
 * change. Escalate saves its tags on the ticket at once through Zendesk's own API.
 *
 * Every string from the index reaches the page through textContent or an
 * attribute, never through innerHTML.
 */
(function (global) {
  'use strict';

  var SCHEMA = 'escalation-desk/index@1';
  var STALE_AFTER_MS = 24 * 60 * 60 * 1000;
  var TICK_MS = 30 * 1000;
  var SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'];
  var DONE_STATUSES = ['Resolved', 'Closed'];
  var DEFAULTS = {
    branch: 'main',
    index_path: 'escalations/index.json',
    escalation_tag: 'escalation',
    github_api_url: 'https://api.github.com'
  };

  // Tests (and only tests) may replace EscalationDesk.now before this file runs.
  var Desk = global.EscalationDesk = global.EscalationDesk || {};
  if (typeof Desk.now !== 'function') {
    Desk.now = function () { return Date.now(); };
  }

  var client = null;
  var settings = {};
  var ticket = { id: null, tags: [] };
  var locale = 'en';
  var strings = {};
  var fallbackStrings = {};
  var liveUpdaters = [];
  var lastHeight = 0;
  // What is on screen (kind, and for data views a key of the data behind it), so a
  // background refresh can leave an unchanged view alone.
  var shown = { kind: null, key: null };
  var generation = 0;
  var inFlight = false;
  var refreshAgain = false;
  var saving = false;
  var view = document.getElementById('view');
  var appRoot = document.getElementById('app');
  var announcer = document.getElementById('announcer');

  // ---- i18n ---------------------------------------------------------------

  // Zendesk says 'pt-BR', translation files are named 'pt-br'; Intl throws on a
  // malformed tag, so an unusable one falls back to English.
  function chooseStrings(wanted) {
    var all = global.ESC_I18N || {};
    var tag = String(wanted || 'en').toLowerCase();
    fallbackStrings = all.en || {};
    strings = all[tag] || all[tag.split('-')[0]] || fallbackStrings;
    try {
      locale = Intl.DateTimeFormat.supportedLocalesOf([String(wanted)]).length ? String(wanted) : 'en';
    } catch (e) {
      locale = 'en';
    }
  }

  function lookup(table, key) {
    return key.split('.').reduce(function (node, part) {
      return node && typeof node === 'object' ? node[part] : undefined;
    }, table);
  }

  function t(key, vars) {
    var text = lookup(strings, key);
    if (typeof text !== 'string') { text = lookup(fallbackStrings, key); }
    if (typeof text !== 'string') { return key; }
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole;
    });
  }

  // Like t(), but placeholders may be DOM nodes (a <time>, say): returns a list of
  // text and nodes to append, so a translation can place them anywhere.
  function tNodes(key, vars) {
    var text = lookup(strings, key);
    if (typeof text !== 'string') { text = lookup(fallbackStrings, key); }
    if (typeof text !== 'string') { return [key]; }
    return text.split(/(\{\w+\})/).filter(Boolean).map(function (part) {
      var name = /^\{(\w+)\}$/.exec(part);
      if (!name || !vars || !Object.prototype.hasOwnProperty.call(vars, name[1])) { return part; }
      var value = vars[name[1]];
      return typeof value === 'object' ? value : String(value);
    });
  }

  // ---- DOM helpers (textContent only) ---------------------------------------

  function h(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key === 'text') { node.textContent = String(value); }
      else if (key === 'className') { node.className = value; }
      else if (key.indexOf('on') === 0) { node.addEventListener(key.slice(2), value); }
      else { node.setAttribute(key, value === true ? '' : String(value)); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  // Every show*() starts with beginView() so the live parts of the previous view stop
  // updating before the new view registers its own.
  function beginView(kind) {
    liveUpdaters = [];
    shown = { kind: kind, key: null };
  }

  function show(nodes, busy) {
    view.textContent = '';
    nodes.forEach(function (node) { if (node) { view.appendChild(node); } });
    appRoot.setAttribute('aria-busy', busy ? 'true' : 'false');
    resize();
  }

  function announce(text) {
    // Clear first so the same message is announced again when it repeats.
    announcer.textContent = '';
    global.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function resize() {
    if (!client) { return; }
    var height = Math.ceil(appRoot.getBoundingClientRect().height);
    if (height === lastHeight || height <= 0) { return; }
    lastHeight = height;
    client.invoke('resize', { width: '100%', height: height + 'px' });
  }

  // ---- formatting -------------------------------------------------------------

  function parseTime(value) {
    if (!value) { return null; }
    var ms = Date.parse(value);
    return isNaN(ms) ? null : ms;
  }

  function formatTime(ms) {
    return new Intl.DateTimeFormat(locale, {
      year: 'numeric', month: 'short', day: 'numeric',
      hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
    }).format(new Date(ms));
  }

  function formatDate(ms) {
    return new Intl.DateTimeFormat(locale, {
      year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'
    }).format(new Date(ms));
  }

  function formatMoney(amount) {
    return new Intl.NumberFormat(locale, {
      style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0
    }).format(amount);
  }

  // Overdue times round down ("by 2 h 15 min" for 2 h 15 min 40 s), countdowns round
  // up ("in 1 min" until the deadline itself), so neither claims more than is true.
  function formatDuration(ms, roundUp) {
    var minutes = roundUp ? Math.ceil(ms / 60000) : Math.floor(ms / 60000);
    if (minutes < 1) { return t('ui.duration.under_minute'); }
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    if (days > 0) { return t('ui.duration.days', { d: days, h: hours }); }
    if (hours > 0) { return t('ui.duration.hours', { h: hours, m: minutes % 60 }); }
    return t('ui.duration.minutes', { m: minutes });
  }

  function timeElement(ms, dateOnly) {
    return h('time', {
      datetime: new Date(ms).toISOString(),
      text: dateOnly ? formatDate(ms) : formatTime(ms)
    });
  }

  // ---- GitHub addresses ---------------------------------------------------------

  function apiBase() {
    return String(settings.github_api_url || DEFAULTS.github_api_url).replace(/\/+$/, '');
  }

  // api.github.com -> github.com, api.X.ghe.com -> X.ghe.com, https://HOST/api/v3 -> https://HOST
  function webBase() {
    var url;
    try { url = new URL(apiBase()); } catch (e) { return 'https://github.com'; }
    var path = url.pathname.replace(/\/+$/, '');
    if (/\/api\/v3$/.test(path)) { return url.origin + path.replace(/\/api\/v3$/, ''); }
    var host = url.host.indexOf('api.') === 0 ? url.host.slice(4) : url.host;
    return url.protocol + '//' + host;
  }

  function encodePath(path) {
    return String(path).split('/').filter(Boolean).map(encodeURIComponent).join('/');
  }

  function indexUrl() {
    return apiBase() + '/repos/' + settings.repository + '/contents/' +
      encodePath(settings.index_path) + '?ref=' + encodeURIComponent(settings.branch);
  }

  function documentUrl(esc) {
    return webBase() + '/' + settings.repository + '/blob/' + encodePath(settings.branch) + '/' + encodePath(esc.path);
  }

  function pullsUrl(esc) {
    return webBase() + '/' + settings.repository + '/pulls?q=is:pr+is:open+' + encodeURIComponent(esc.id);
  }

  // ---- loading the index ------------------------------------------------------------

  function requestIndex() {
    return client.request({
      url: indexUrl(),
      type: 'GET',
      headers: {
        Authorization: 'Bearer {{setting.github_token}}',
        Accept: 'application/vnd.github.raw'
      },
      secure: true,
      cors: false,
      dataType: 'json'
    });
  }

  function decodeIndex(data) {
    if (typeof data === 'string') {
      try { data = JSON.parse(data); } catch (e) { throw badIndex(t('ui.error.bad_index_json')); }
    }
    // The proxy may drop the raw media type; then GitHub answers with base64 content.
    if (data && typeof data.content === 'string' && data.encoding === 'base64') {
      var bytes = Uint8Array.from(global.atob(data.content.replace(/\s/g, '')), function (c) { return c.charCodeAt(0); });
      return decodeIndex(new TextDecoder('utf-8').decode(bytes));
    }
    if (!data || typeof data !== 'object' || data.schema !== SCHEMA) {
      throw badIndex(t('ui.error.bad_index_schema', { schema: JSON.stringify(data && data.schema) }));
    }
    if (!Array.isArray(data.escalations) || !data.tickets || typeof data.tickets !== 'object') {
      throw badIndex(t('ui.error.bad_index_shape'));
    }
    return data;
  }

  function badIndex(detail) {
    var error = new Error(detail);
    error.kind = 'bad_index';
    return error;
  }

  function classify(error) {
    if (error && error.kind) { return { kind: error.kind, detail: error.message }; }
    if (error instanceof Error) {
      // A bug here, not a failed request: say so instead of blaming the network.
      global.console.error('Escalation Desk:', error);
      return { kind: 'unexpected', detail: error.message };
    }
    var status = Number(error && error.status) || 0;
    if ((status === 403 || status === 429) && /rate limit/i.test(String(error.responseText || ''))) {
      return { kind: 'rate_limited', status: status };
    }
    if (status === 401 || status === 403) { return { kind: 'token' }; }
    if (status === 404) { return { kind: 'not_found' }; }
    return { kind: 'network', status: status };
  }

  function findEscalation(index) {
    var key = ticket.id === null || ticket.id === undefined ? null : String(ticket.id);
    if (key === null) { return null; }
    var id = index.tickets[key];
    var found = null;
    index.escalations.forEach(function (esc) {
      if (found) { return; }
      if ((id && esc.id === id) ||
          (!id && Array.isArray(esc.zendesk_tickets) && esc.zendesk_tickets.map(String).indexOf(key) >= 0)) {
        found = esc;
      }
    });
    return found;
  }

  function showLoading() {
    beginView('loading');
    show([h('p', { className: 'loading', 'data-state': 'loading', text: t('ui.loading') })], true);
  }

  function repositoryValid() {
    return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(String(settings.repository || ''));
  }

  // retrying: the agent pressed Retry, so focus returns to it if this fails again.
  function load(retrying) {
    showLoading();
    if (!repositoryValid()) {
      showError({ kind: 'settings' });
      return Promise.resolve();
    }
    return fetchAndShow(false, retrying === true);
  }

  // A background refresh (the agent came back, or the tags changed): the current view
  // stays until the new data arrives, and stays if fetching fails. One runs at a time;
  // asking again meanwhile runs one more afterwards.
  function refresh() {
    if (!client || !repositoryValid()) { return Promise.resolve(); }
    if (inFlight) { refreshAgain = true; return Promise.resolve(); }
    return fetchAndShow(true, false);
  }

  function fetchAndShow(background, focusRetry) {
    var mine = ++generation;
    inFlight = true;
    refreshAgain = false;
    return Promise.all([background ? client.get('ticket.tags') : null, requestIndex()]).then(function (results) {
      if (mine !== generation) { return; }
      var tags = results[0] && results[0]['ticket.tags'];
      if (Array.isArray(tags)) { ticket.tags = tags.slice(); }
      render(decodeIndex(results[1]), background);
    }).catch(function (error) {
      if (mine !== generation) { return; }
      var problem = classify(error);
      if (!background || shown.kind === 'error') { showError(problem, focusRetry || view.contains(document.activeElement)); }
    }).then(function () {
      if (mine !== generation) { return; }
      inFlight = false;
      if (refreshAgain) { return refresh(); }
    });
  }

  function render(index, background) {
    var esc = findEscalation(index);
    // Mid-save the form stays; after a save its confirmation stays until the sync has
    // created the document.
    if (saving || (shown.kind === 'escalated-now' && !esc)) { return; }
    var key = JSON.stringify([esc, index.as_of, !esc && ticket.tags.indexOf(escalationTag()) >= 0]);
    if (background && key === shown.key) { return; }
    var focused = view.contains(document.activeElement) ? document.activeElement.id : '';
    var severity = document.getElementById('severity');
    var chosen = severity ? severity.value : '';
    if (esc) { showEscalation(esc, index); } else { showNotEscalated(index); }
    shown.key = key;
    severity = document.getElementById('severity');
    if (severity && chosen) { severity.value = chosen; }
    var again = focused && document.getElementById(focused);
    if (again) { again.focus(); }
    announce(background ? t('ui.refreshed') : t('ui.loaded'));
  }

  // ---- views ----------------------------------------------------------------------

  function showError(problem, focusRetry) {
    beginView('error');
    var retryable = problem.kind === 'network' || problem.kind === 'rate_limited';
    var message = {
      token: t('ui.error.token'),
      not_found: t('ui.error.not_found'),
      network: t('ui.error.network'),
      settings: t('ui.error.settings'),
      zendesk: t('ui.error.zendesk'),
      rate_limited: t('ui.error.rate_limited'),
      bad_index: t('ui.error.bad_index', { detail: problem.detail }),
      unexpected: t('ui.error.unexpected', { detail: problem.detail })
    }[problem.kind] || t('ui.error.network');
    var detail = problem.kind === 'network'
      ? (problem.status ? t('ui.error.http_status', { status: problem.status }) : t('ui.error.no_response'))
      : null;
    var retry = retryable
      ? h('button', { type: 'button', className: 'button', id: 'retry', text: t('ui.retry'), onclick: function () { load(true); } })
      : null;
    show([h('section', { className: 'notice notice--error', role: 'alert', 'data-state': 'error', 'data-error': problem.kind }, [
      h('h1', { className: 'notice__title', text: t('ui.error.title') }),
      h('p', { className: 'notice__message', text: message }),
      detail && h('p', { className: 'muted', text: detail }),
      retry
    ])]);
    if (retry && focusRetry) { retry.focus(); }
  }

  function staleWarning(index) {
    var asOf = parseTime(index.as_of);
    if (asOf === null) { return null; }
    var box = h('p', { className: 'notice notice--warning', hidden: true, 'data-state': 'stale' });
    live(function (now) {
      var age = now - asOf;
      box.hidden = age <= STALE_AFTER_MS;
      box.textContent = t('ui.stale', { time: formatTime(asOf), age: formatDuration(age, false) });
    });
    return box;
  }

  function severityBadge(severity) {
    var known = SEVERITIES.indexOf(severity) >= 0;
    var label = known ? t('ui.severity.' + severity) : t('ui.severity.unknown');
    return h('span', {
      className: 'badge badge--' + (known ? severity.toLowerCase() : 'unknown'),
      'data-severity': severity || '',
      text: t('ui.badge', { severity: severity || '?', label: label })
    });
  }

  function fact(label, value) {
    return [h('dt', { text: label }), h('dd', {}, [value])];
  }

  function textOr(value, fallback) {
    return value === null || value === undefined || value === '' ? fallback : String(value);
  }

  // Registers a function that renders the time-dependent part of the view now and on
  // every tick, so the page stays right between index runs.
  function live(update) {
    liveUpdaters.push(update);
    update(Desk.now());
  }

  function tick() {
    var now = Desk.now();
    liveUpdaters.forEach(function (update) { update(now); });
    resize();
  }

  function countdown(node, dueMs, keys, now) {
    var overdue = dueMs <= now;
    node.textContent = overdue
      ? t(keys.overdue, { duration: formatDuration(now - dueMs, false) })
      : t(keys.due_in, { duration: formatDuration(dueMs - now, true) });
    node.className = 'countdown ' + (overdue ? 'is-overdue' : 'is-due');
    node.setAttribute('data-overdue', overdue ? 'true' : 'false');
    return overdue;
  }

  function nextUpdateSection(esc) {
    var due = parseTime(esc.next_update_due);
    var section = h('section', { className: 'panel', 'aria-labelledby': 'next-update-title' }, [
      h('h2', { className: 'panel__title', id: 'next-update-title', text: t('ui.next_update.title') })
    ]);
    if (due === null) {
      section.appendChild(h('p', { className: 'muted', id: 'next-update', text: t('ui.next_update.none') }));
      return section;
    }
    var status = h('p', { id: 'next-update' });
    var wasOverdue = null;
    section.appendChild(status);
    section.appendChild(h('p', { className: 'muted' }, tNodes('ui.due_at', { time: timeElement(due) })));
    live(function (now) {
      var overdue = countdown(status, due, { overdue: 'ui.next_update.overdue', due_in: 'ui.next_update.due_in' }, now);
      if (wasOverdue === false && overdue) { announce(t('ui.next_update.became_overdue')); }
      wasOverdue = overdue;
    });
    return section;
  }

  function otherDeadlines(esc, showsRecovery) {
    var seen = {};
    var items = [];
    (esc.deadlines || []).concat(esc.overdue || []).forEach(function (item) {
      var due = parseTime(item && item.due);
      if (due === null) { return; }
      var key = item.kind + '@' + due;
      if (seen[key]) { return; }
      seen[key] = true;
      if (item.kind === 'customer_update' && due === parseTime(esc.next_update_due)) { return; }
      if (showsRecovery && /^recovery_/.test(String(item.kind))) { return; }
      items.push({ label: textOr(item.label, textOr(item.kind, '?')), due: due, kind: item.kind });
    });
    if (!items.length) { return null; }
    items.sort(function (a, b) { return a.due - b.due; });
    var list = h('ul', { className: 'deadlines' });
    items.forEach(function (item) {
      var state = h('span', {});
      list.appendChild(h('li', { 'data-kind': item.kind }, [
        h('div', { className: 'deadlines__label', text: item.label }),
        h('div', { className: 'deadlines__meta' }, [state, h('span', { className: 'muted' }, [' · ', timeElement(item.due)])])
      ]));
      live(function (now) { countdown(state, item.due, { overdue: 'ui.deadlines.overdue', due_in: 'ui.deadlines.due_in' }, now); });
    });
    return h('section', { className: 'panel', 'aria-labelledby': 'deadlines-title' }, [
      h('h2', { className: 'panel__title', id: 'deadlines-title', text: t('ui.deadlines.title') }), list
    ]);
  }

  function recoverySection(esc) {
    var milestones = Array.isArray(esc.recovery) ? esc.recovery : [];
    var body;
    if (!milestones.length) {
      body = h('p', { className: 'muted', text: t('ui.recovery.empty') });
    } else {
      body = h('ul', { className: 'checklist', id: 'recovery' });
      var recoveryDeadlines = {};
      (esc.deadlines || []).forEach(function (item) {
        if (item && /^recovery_/.test(String(item.kind))) { recoveryDeadlines[item.label] = parseTime(item.due); }
      });
      milestones.forEach(function (milestone) {
        var due = parseTime(milestone.due);
        // The index's deadline for the milestone says exactly when it is late; a bare
        // date is due by the end of that day (UTC).
        var lateAt = recoveryDeadlines[milestone.milestone] || (due === null ? null : due + 24 * 60 * 60 * 1000);
        var state = h('span', { className: 'checklist__state' });
        body.appendChild(h('li', { className: milestone.done ? 'is-done' : '' }, [
          h('span', { className: 'checklist__box', 'aria-hidden': 'true', text: milestone.done ? '☑' : '☐' }),
          h('div', {}, [
            h('div', { className: 'checklist__label', text: textOr(milestone.milestone, '?') }),
            h('div', { className: 'checklist__meta' }, [
              due === null ? null : h('span', { className: 'muted' }, [timeElement(due, true), ' · ']),
              state
            ])
          ])
        ]));
        live(function (now) {
          var late = !milestone.done && lateAt !== null && now > lateAt;
          state.textContent = milestone.done ? t('ui.recovery.done') : (late ? t('ui.recovery.overdue') : t('ui.recovery.open'));
          state.className = 'checklist__state' + (late ? ' is-overdue' : '');
        });
      });
    }
    return h('section', { className: 'panel', 'aria-labelledby': 'recovery-title' }, [
      h('h2', { className: 'panel__title', id: 'recovery-title', text: t('ui.recovery.title') }), body
    ]);
  }

  function externalLink(href, label, id) {
    return h('a', { className: 'link', id: id, href: href, target: '_blank', rel: 'noopener noreferrer' }, [
      label, h('span', { className: 'visually-hidden', text: ' ' + t('ui.link.new_tab') }), h('span', { 'aria-hidden': 'true', text: ' ↗' })
    ]);
  }

  function showEscalation(esc, index) {
    beginView('escalation');
    var done = DONE_STATUSES.indexOf(esc.status) >= 0;
    var target = parseTime(esc.target_resolution);
    var opened = parseTime(esc.opened);
    var targetNode = h('span', {});
    var triggers = Array.isArray(esc.triggers) && esc.triggers.length
      ? h('ul', { className: 'chips' }, esc.triggers.map(function (trigger) { return h('li', { className: 'chip', text: String(trigger) }); }))
      : t('ui.no_triggers');
    var facts = h('dl', { className: 'facts' }, [].concat(
      fact(t('ui.field.status'), h('span', { id: 'status', text: textOr(esc.status, t('ui.unknown')) })),
      fact(t('ui.field.owner'), textOr(esc.owner, t('ui.unknown'))),
      fact(t('ui.field.exec_sponsor'), textOr(esc.exec_sponsor, t('ui.no_exec_sponsor'))),
      fact(t('ui.field.arr'), h('span', { id: 'arr', text: typeof esc.arr === 'number' ? formatMoney(esc.arr) : t('ui.unknown') })),
      fact(t('ui.field.opened'), opened === null ? t('ui.unknown') : timeElement(opened)),
      fact(t('ui.field.target_resolution'), target === null ? t('ui.unknown') : targetNode),
      fact(t('ui.field.triggers'), triggers)
    ));
    if (target !== null) {
      var targetTime = timeElement(target);
      var passed = h('span', { className: 'is-overdue' });
      targetNode.appendChild(targetTime);
      targetNode.appendChild(passed);
      live(function (now) {
        passed.textContent = !done && now > target ? ' — ' + t('ui.target_passed', { duration: formatDuration(now - target, false) }) : '';
      });
    }
    var header = h('header', { className: 'header' }, [
      h('div', { className: 'header__badges' }, [
        severityBadge(esc.severity),
        h('span', { className: 'chip', text: esc.tier ? t('ui.tier', { tier: esc.tier }) : t('ui.no_tier') })
      ]),
      h('h1', { className: 'title', text: t('ui.title', { id: textOr(esc.id, '?'), customer: textOr(esc.customer, t('ui.unknown')) }) }),
      esc.title ? h('p', { className: 'subtitle', text: String(esc.title) }) : null
    ]);
    show([
      h('article', { 'data-state': done ? 'resolved' : 'escalated', 'data-escalation': esc.id }, [
        staleWarning(index),
        header,
        done ? null : nextUpdateSection(esc),
        facts,
        otherDeadlines(esc, done),
        done || (Array.isArray(esc.recovery) && esc.recovery.length) ? recoverySection(esc) : null,
        h('nav', { className: 'links', 'aria-label': t('ui.link.nav') }, [
          esc.path ? externalLink(documentUrl(esc), t('ui.link.document'), 'document-link') : null,
          externalLink(pullsUrl(esc), t('ui.link.pulls'), 'pulls-link')
        ])
      ])
    ]);
  }

  function escalationTag() {
    return String(settings.escalation_tag || DEFAULTS.escalation_tag).trim().toLowerCase().replace(/\s+/g, '_');
  }

  function severityTag(severity) {
    return 'esc_' + severity.toLowerCase().replace('-', '');
  }

  function showNotEscalated(index) {
    beginView('not-escalated');
    var tag = escalationTag();
    if (ticket.tags.indexOf(tag) >= 0) {
      show([h('section', { className: 'notice', 'data-state': 'pending' }, [
        staleWarning(index),
        h('h1', { className: 'notice__title', text: t('ui.pending.title') }),
        h('p', { text: t('ui.pending.body', { tag: tag }) })
      ])]);
      return;
    }
    var select = h('select', { id: 'severity', name: 'severity', required: true }, [
      h('option', { value: '', text: t('ui.escalate.choose') })
    ].concat(SEVERITIES.map(function (severity) {
      return h('option', { value: severity, text: t('ui.escalate.option', { severity: severity, label: t('ui.severity.' + severity) }) });
    })));
    var button = h('button', { type: 'submit', className: 'button button--primary', id: 'escalate', text: t('ui.escalate.button') });
    var message = h('p', { id: 'escalate-message', className: 'form__message', role: 'alert' });
    var retry = h('button', { type: 'button', className: 'button', id: 'escalate-retry', hidden: true, text: t('ui.retry') });
    var form = h('form', { className: 'form', novalidate: true }, [
      h('fieldset', {}, [
        h('legend', { text: t('ui.escalate.legend') }),
        h('label', { for: 'severity', text: t('ui.escalate.severity_label') }),
        select,
        button,
        message,
        retry
      ])
    ]);

    function busy(on) {
      saving = on;
      button.disabled = select.disabled = on;
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
      escalate(select.value).then(function (result) {
        busy(false);
        showEscalated(result);
      }, function (error) {
        busy(false);
        var problem = escalationProblem(error);
        message.textContent = problem.message;
        retry.hidden = !problem.retry;
        (problem.retry ? retry : button).focus();
        resize();
      });
    }

    form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
    retry.addEventListener('click', submit);
    show([h('section', { 'data-state': 'not-escalated' }, [
      staleWarning(index),
      h('h1', { className: 'title', text: t('ui.not_escalated.title') }),
      h('p', { text: t('ui.not_escalated.body') }),
      form
    ])]);
  }

  function isSeverityTag(tag) {
    return /^esc_sev[1-4]$/.test(tag);
  }

  // Zendesk's tags endpoint on the agent's own account (same origin, the agent's own
  // session and permissions): PUT adds the listed tags, DELETE removes them, and both
  // answer {tags: [every tag now on the ticket]}.
  function tagsRequest(type, tags) {
    return client.request({
      url: '/api/v2/tickets/' + encodeURIComponent(ticket.id) + '/tags.json',
      type: type,
      contentType: 'application/json',
      data: JSON.stringify({ tags: tags })
    });
  }

  // Saves the escalation tag and the severity's tag on the ticket at once (the agent
  // need not submit it), removes any other esc_sevN tag from the saved ticket and from
  // the form, then shows the result in the open ticket form, keeping the agent's other
  // (even unsaved) tag edits there.
  function escalate(severity) {
    var wanted = [escalationTag(), severityTag(severity)];
    var result = { added: [], removed: [], formUpdated: true };
    var formTags = [];
    if (ticket.id === null || ticket.id === undefined) {
      return Promise.reject({ kind: 'no_ticket' });
    }
    return client.get('ticket.tags').then(function (data) {
      formTags = (data && Array.isArray(data['ticket.tags'])) ? data['ticket.tags'] : [];
      return tagsRequest('PUT', wanted);
    }).then(function (saved) {
      var savedTags = saved && Array.isArray(saved.tags) ? saved.tags : [];
      var stale = formTags.concat(savedTags).filter(function (tag, at, all) {
        return isSeverityTag(tag) && tag !== wanted[1] && all.indexOf(tag) === at;
      });
      result.added = wanted.filter(function (tag) { return formTags.indexOf(tag) < 0; });
      if (!stale.length) { return; }
      return tagsRequest('DELETE', stale).then(function () {
        result.removed = stale;
      }, function (error) {
        throw { kind: 'remove', tags: stale, error: error };
      });
    }).then(function () {
      var merged = formTags.filter(function (tag) { return !isSeverityTag(tag) || tag === wanted[1]; });
      wanted.forEach(function (tag) { if (merged.indexOf(tag) < 0) { merged.push(tag); } });
      ticket.tags = merged;
      return client.set('ticket.tags', merged).then(null, function () { result.formUpdated = false; });
    }).then(function () { return result; });
  }

  // Zendesk's reason, if its answer carries one: {description, details: {field: [{description}]}}
  // or {error: {title, message}}.
  function zendeskReason(error) {
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

  function failureDetail(error) {
    var status = Number(error && error.status) || 0;
    if (!status) { return error instanceof Error ? error.message : t('ui.escalate.no_response'); }
    var reason = zendeskReason(error);
    return t('ui.escalate.http_status', { status: status }) + (reason ? ': ' + reason : '');
  }

  function escalationProblem(error) {
    if (error && error.kind === 'no_ticket') { return { message: t('ui.escalate.no_ticket'), retry: false }; }
    var cause = error && error.kind === 'remove' ? error.error : error;
    if (Number(cause && cause.status) === 403) { return { message: t('ui.escalate.forbidden'), retry: false }; }
    var message = error && error.kind === 'remove'
      ? t('ui.escalate.failed_remove', { tags: error.tags.join(', '), detail: failureDetail(cause) })
      : t('ui.escalate.failed', { detail: failureDetail(cause) });
    return { message: message, retry: true };
  }

  function syncEveryMinutes() {
    var minutes = Number(settings.sync_interval_minutes);
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

  // ---- start --------------------------------------------------------------------------

  function start() {
    chooseStrings(navigator.language);
    if (!global.ZAFClient) { showError({ kind: 'zendesk' }); return; }
    client = global.ZAFClient.init();
    if (!client) { showError({ kind: 'zendesk' }); return; }
    showLoading();
    if (global.ResizeObserver) { new global.ResizeObserver(resize).observe(appRoot); }
    global.setInterval(tick, TICK_MS);
    Promise.all([client.metadata(), client.get(['ticket.id', 'ticket.tags', 'currentUser.locale'])])
      .then(function (results) {
        var given = (results[0] && results[0].settings) || {};
        Object.keys(DEFAULTS).concat(['repository', 'sync_interval_minutes']).forEach(function (name) {
          var value = given[name];
          settings[name] = value === null || value === undefined || String(value).trim() === '' ? DEFAULTS[name] : String(value).trim();
        });
        ticket.id = results[1]['ticket.id'];
        ticket.tags = Array.isArray(results[1]['ticket.tags']) ? results[1]['ticket.tags'].slice() : [];
        if (results[1]['currentUser.locale']) { chooseStrings(results[1]['currentUser.locale']); }
        // The agent came back to this ticket, or its tags changed (by hand, by a
        // trigger, by this app): fetch again, keeping the view until the data arrives.
        // While the first load runs, its answer is fresh already.
        client.on('app.activated', function () { if (shown.kind !== 'loading') { refresh(); } });
        client.on('ticket.tags.changed', function () { refresh(); });
        return load();
      }, function () {
        showError({ kind: 'zendesk' });
      });
  }

  Desk.tick = tick;
  Desk.reload = function () { return load(); };
  start();
}(window));
