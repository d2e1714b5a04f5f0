/* A stand-in for the ZAF v2 SDK (zaf_sdk.min.js), served in its place by the tests.
 *
 * It records every call in window.__zaf.calls and keeps the tags shown in the open
 * ticket form in window.__zaf.tags. client.request() goes to one of two functions the
 * Python test exposes: a request for Zendesk's own API (/api/v2/...) to
 * window.__zendeskApi, which plays the agent's Zendesk account (the saved ticket);
 * any other to window.__zafProxy, which plays Zendesk's server-side proxy, which holds
 * the secure settings, so no secret is ever present in this page. Both answer
 * {status, body} or {network: true} or {hold: true}; a held request settles when the
 * test calls window.__zaf.releaseHeld().
 *
 * client.on() keeps the handlers; window.__zaf.fire(name, data) calls them, as
 * Zendesk does when the agent comes back to the ticket ('app.activated') or the
 * ticket's tags change ('ticket.tags.changed', which client.set('ticket.tags') fires
 * too, as in Zendesk).
 */
(function () {
  'use strict';
  var config = window.__zafConfig || {};
  var ticket = config.ticket || {};
  var state = window.__zaf = {
    calls: [],
    tags: (ticket.tags || []).slice(),
    held: [],
    handlers: {}
  };

  function copy(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  function record(method, args) {
    state.calls.push({ method: method, args: copy(args) });
  }

  function value(path) {
    switch (path) {
      case 'ticket.id': return ticket.id === undefined ? null : ticket.id;
      case 'ticket.tags': return state.tags.slice();
      case 'ticket.organization': return ticket.organization === undefined ? null : copy(ticket.organization);
      case 'currentUser.locale': return config.locale || 'en-US';
      default: throw new Error('stub has no value for ' + path);
    }
  }

  function settle(answer, resolve, reject) {
    if (answer && answer.network) {
      reject({ status: 0, statusText: 'error', responseText: '' });
    } else if (answer && answer.status >= 200 && answer.status < 300) {
      resolve(copy(answer.body));
    } else {
      reject({
        status: answer ? answer.status : 0,
        statusText: (answer && answer.statusText) || 'error',
        responseText: JSON.stringify((answer && answer.body) || {})
      });
    }
  }

  function ask(options) {
    var zendesk = /^\/api\/v2\//.test(String(options && options.url));
    return (zendesk ? window.__zendeskApi : window.__zafProxy)(copy(options));
  }

  state.fire = function (name, data) {
    var handlers = (state.handlers[name] || []).slice();
    handlers.forEach(function (handler) { handler(copy(data)); });
    return handlers.length;
  };

  state.releaseHeld = function () {
    var held = state.held.splice(0);
    return Promise.all(held.map(function (entry) {
      return ask(entry.options).then(function (answer) { settle(answer, entry.resolve, entry.reject); });
    })).then(function () { return held.length; });
  };

  var client = {
    metadata: function () {
      record('metadata', []);
      return Promise.resolve({ appId: 1, installationId: 2, version: '0.1.0', settings: copy(config.settings || {}) });
    },
    get: function (paths) {
      record('get', [paths]);
      var out = {};
      (Array.isArray(paths) ? paths : [paths]).forEach(function (path) { out[path] = value(path); });
      return Promise.resolve(out);
    },
    set: function (path, newValue) {
      record('set', [path, newValue]);
      if (config.failSet) { return Promise.reject(new Error(config.failSet)); }
      if (path === 'ticket.tags') {
        var changed = JSON.stringify(state.tags) !== JSON.stringify(newValue);
        state.tags = newValue.slice();
        if (changed) { Promise.resolve().then(function () { state.fire('ticket.tags.changed', newValue); }); }
      }
      var out = {};
      out[path] = newValue;
      return Promise.resolve(out);
    },
    invoke: function () {
      record('invoke', Array.prototype.slice.call(arguments));
      return Promise.resolve({});
    },
    on: function (name, handler) {
      record('on', [name]);
      (state.handlers[name] = state.handlers[name] || []).push(handler);
    },
    request: function (options) {
      record('request', [options]);
      return ask(options).then(function (answer) {
        return new Promise(function (resolve, reject) {
          if (answer && answer.hold) {
            state.held.push({ options: options, resolve: resolve, reject: reject });
          } else {
            settle(answer, resolve, reject);
          }
        });
      });
    }
  };

  window.ZAFClient = {
    init: function () {
      record('init', []);
      return client;
    }
  };
}());
