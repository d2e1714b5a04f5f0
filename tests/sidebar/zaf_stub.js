/* A stand-in for the ZAF v2 SDK (zaf_sdk.min.js), served in its place by the tests.
 *
 * It records every call in window.__zaf.calls and keeps the ticket's tags in
 * window.__zaf.tags. client.request() goes to window.__zafProxy, a function the
 * Python test exposes: it plays Zendesk's server-side proxy, which holds the secure
 * settings, so no secret is ever present in this page. The proxy answers
 * {status, body} or {network: true} or {hold: true}; a held request settles when the
 * test calls window.__zaf.releaseHeld().
 */
(function () {
  'use strict';
  var config = window.__zafConfig || {};
  var ticket = config.ticket || {};
  var state = window.__zaf = {
    calls: [],
    tags: (ticket.tags || []).slice(),
    held: []
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
    return window.__zafProxy(copy(options));
  }

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
      if (path === 'ticket.tags') { state.tags = newValue.slice(); }
      var out = {};
      out[path] = newValue;
      return Promise.resolve(out);
    },
    invoke: function () {
      record('invoke', Array.prototype.slice.call(arguments));
      return Promise.resolve({});
    },
    on: function (name) {
      record('on', [name]);
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
