/* Translations: which strings and locale to use, and filling in placeholders. Pure. */

// Zendesk says 'pt-BR', translation files are named 'pt-br'; Intl throws on a
// malformed tag, so an unusable one falls back to English.
export function pickLocale(all, wanted) {
  var tag = String(wanted || 'en').toLowerCase();
  var fallback = (all && all.en) || {};
  var strings = (all && (all[tag] || all[tag.split('-')[0]])) || fallback;
  var locale = 'en';
  try {
    locale = Intl.DateTimeFormat.supportedLocalesOf([String(wanted)]).length ? String(wanted) : 'en';
  } catch (e) {
    locale = 'en';
  }
  return { strings: strings, fallback: fallback, locale: locale };
}

function lookup(table, key) {
  return key.split('.').reduce(function (node, part) {
    return node && typeof node === 'object' ? node[part] : undefined;
  }, table);
}

function raw(text, key) {
  var found = lookup(text.strings, key);
  if (typeof found !== 'string') { found = lookup(text.fallback, key); }
  return typeof found === 'string' ? found : null;
}

function has(vars, name) {
  return !!vars && Object.prototype.hasOwnProperty.call(vars, name);
}

export function translate(text, key, vars) {
  var found = raw(text, key);
  if (found === null) { return key; }
  return found.replace(/\{(\w+)\}/g, function (whole, name) {
    return has(vars, name) ? String(vars[name]) : whole;
  });
}

// Like translate(), but placeholders may be DOM nodes (a <time>, say): returns a list
// of strings and nodes to append, so a translation can place them anywhere.
export function translateNodes(text, key, vars) {
  var found = raw(text, key);
  if (found === null) { return [key]; }
  return found.split(/(\{\w+\})/).filter(Boolean).map(function (part) {
    var name = /^\{(\w+)\}$/.exec(part);
    if (!name || !has(vars, name[1])) { return part; }
    var value = vars[name[1]];
    return typeof value === 'object' ? value : String(value);
  });
}
