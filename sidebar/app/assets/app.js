/* Escalation Desk: Zendesk ticket-sidebar app (ZAF v2, no build step).
 *
 * Reads escalations/index.json from the documents repository through Zendesk's
 * request proxy (the GitHub token is a secure setting the proxy inserts; this page
 * never sees it) and shows the ticket's escalation. It shows what the index says and
 * never recomputes an SLA; only "how long until / since" a deadline is live here.
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
  function beginView() {
    liveUpdaters = [];
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
    beginView();
    show([h('p', { className: 'loading', 'data-state': 'loading', text: t('ui.loading') })], true);
  }

  // retrying: the agent pressed Retry, so focus returns to it if this fails again.
  function load(retrying) {
    showLoading();
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(String(settings.repository || ''))) {
      showError({ kind: 'settings' });
      return Promise.resolve();
    }
    return requestIndex().then(function (data) {
      var index = decodeIndex(data);
      var esc = findEscalation(index);
      if (esc) { showEscalation(esc, index); } else { showNotEscalated(index); }
      announce(t('ui.loaded'));
    }).catch(function (error) {
      showError(classify(error), retrying === true);
    });
  }

  // ---- views ----------------------------------------------------------------------

  function showError(problem, focusRetry) {
    beginView();
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
    beginView();
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
    beginView();
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
    var form = h('form', { className: 'form', novalidate: true }, [
      h('fieldset', {}, [
        h('legend', { text: t('ui.escalate.legend') }),
        h('label', { for: 'severity', text: t('ui.escalate.severity_label') }),
        select,
        button,
        message
      ])
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!select.value) {
        message.textContent = t('ui.escalate.need_severity');
        select.setAttribute('aria-invalid', 'true');
        select.focus();
        return;
      }
      select.removeAttribute('aria-invalid');
      message.textContent = '';
      button.disabled = true;
      button.textContent = t('ui.escalate.busy');
      escalate(select.value).then(showEscalated, function (error) {
        button.disabled = false;
        button.textContent = t('ui.escalate.button');
        message.textContent = t('ui.escalate.failed', { detail: (error && (error.message || error.statusText)) || String(error) });
        resize();
      });
    });
    show([h('section', { 'data-state': 'not-escalated' }, [
      staleWarning(index),
      h('h1', { className: 'title', text: t('ui.not_escalated.title') }),
      h('p', { text: t('ui.not_escalated.body') }),
      form
    ])]);
  }

  // Reads the tags again right before writing so a tag an agent added meanwhile is
  // kept; replaces only a conflicting esc_sevN tag.
  function escalate(severity) {
    var wanted = [escalationTag(), severityTag(severity)];
    return client.get('ticket.tags').then(function (data) {
      var current = (data && data['ticket.tags']) || [];
      var tags = current.filter(function (tag) { return !/^esc_sev[1-4]$/.test(tag) || tag === wanted[1]; });
      wanted.forEach(function (tag) { if (tags.indexOf(tag) < 0) { tags.push(tag); } });
      return client.set('ticket.tags', tags).then(function () {
        ticket.tags = tags;
        return wanted.filter(function (tag) { return current.indexOf(tag) < 0; });
      });
    });
  }

  function showEscalated(added) {
    beginView();
    var heading = h('h1', { className: 'notice__title', id: 'escalated', tabindex: '-1', text: t('ui.escalate.done') });
    show([h('section', { className: 'notice notice--success', 'data-state': 'escalated-now' }, [
      heading,
      added.length ? h('p', { text: t('ui.escalate.tags_added', { tags: added.join(', ') }) }) : null,
      h('p', { className: 'muted', text: t('ui.escalate.submit_hint') })
    ])]);
    heading.focus();
    announce(t('ui.escalate.done'));
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
        Object.keys(DEFAULTS).concat(['repository']).forEach(function (name) {
          var value = given[name];
          settings[name] = value === null || value === undefined || String(value).trim() === '' ? DEFAULTS[name] : String(value).trim();
        });
        ticket.id = results[1]['ticket.id'];
        ticket.tags = Array.isArray(results[1]['ticket.tags']) ? results[1]['ticket.tags'].slice() : [];
        if (results[1]['currentUser.locale']) { chooseStrings(results[1]['currentUser.locale']); }
        return load();
      }, function () {
        showError({ kind: 'zendesk' });
      });
  }

  Desk.tick = tick;
  Desk.reload = function () { return load(); };
  start();
}(window));
