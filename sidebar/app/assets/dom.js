/* Building the page: elements (text only: never HTML), translations bound to the
 * page's locale, the live parts that move with the clock, and resizing the iframe. */
import { state } from './state.js';
import { translate, translateNodes } from './text.js';
import { formatDate, formatTime } from './format.js';

export function t(key, vars) { return translate(state.text, key, vars); }
export function tNodes(key, vars) { return translateNodes(state.text, key, vars); }

export function h(tag, props, children) {
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

function byId(id) { return document.getElementById(id); }

// Every view starts with beginView() so the live parts of the previous view stop
// updating before the new view registers its own.
export function beginView(kind) {
  state.live = [];
  state.shown = { kind: kind, key: null };
}

export function show(nodes, busy) {
  var view = byId('view');
  view.textContent = '';
  nodes.forEach(function (node) { if (node) { view.appendChild(node); } });
  byId('app').setAttribute('aria-busy', busy ? 'true' : 'false');
  resize();
}

export function announce(text) {
  // Clear first so the same message is announced again when it repeats.
  var announcer = byId('announcer');
  announcer.textContent = '';
  globalThis.setTimeout(function () { announcer.textContent = text; }, 50);
}

export function resize() {
  if (!state.client) { return; }
  var height = Math.ceil(byId('app').getBoundingClientRect().height);
  if (height === state.lastHeight || height <= 0) { return; }
  state.lastHeight = height;
  state.client.invoke('resize', { width: '100%', height: height + 'px' });
}

// Registers a function that renders a time-dependent part of the view now and on
// every tick, so the page stays right between index runs.
export function live(update) {
  state.live.push(update);
  update(state.now());
}

export function tick() {
  var now = state.now();
  state.live.forEach(function (update) { update(now); });
  resize();
}

export function timeElement(ms, dateOnly) {
  return h('time', {
    datetime: new Date(ms).toISOString(),
    text: dateOnly ? formatDate(ms, state.text.locale) : formatTime(ms, state.text.locale)
  });
}

export function externalLink(href, label, id) {
  return h('a', { className: 'link', id: id, href: href, target: '_blank', rel: 'noopener noreferrer' }, [
    label, h('span', { className: 'visually-hidden', text: ' ' + t('ui.link.new_tab') }), h('span', { 'aria-hidden': 'true', text: ' ↗' })
  ]);
}

export function fact(label, value) {
  return [h('dt', { text: label }), h('dd', {}, [value])];
}

export function inView(node) {
  return byId('view').contains(node);
}
