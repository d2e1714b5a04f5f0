/* GitHub addresses from the app's settings, and the index request. Pure. */

function apiBase(settings) {
  return String(settings.github_api_url).replace(/\/+$/, '');
}

// api.github.com -> github.com, api.X.ghe.com -> X.ghe.com, https://HOST/api/v3 -> https://HOST
export function webBase(settings) {
  var url;
  try { url = new URL(apiBase(settings)); } catch (e) { return 'https://github.com'; }
  var path = url.pathname.replace(/\/+$/, '');
  if (/\/api\/v3$/.test(path)) { return url.origin + path.replace(/\/api\/v3$/, ''); }
  var host = url.host.indexOf('api.') === 0 ? url.host.slice(4) : url.host;
  return url.protocol + '//' + host;
}

function encodePath(path) {
  return String(path).split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

export function indexUrl(settings) {
  return apiBase(settings) + '/repos/' + settings.repository + '/contents/' +
    encodePath(settings.index_path) + '?ref=' + encodeURIComponent(settings.branch);
}

export function documentUrl(settings, esc) {
  return webBase(settings) + '/' + settings.repository + '/blob/' + encodePath(settings.branch) + '/' + encodePath(esc.path);
}

export function pullsUrl(settings, esc) {
  return webBase(settings) + '/' + settings.repository + '/pulls?q=is:pr+is:open+' + encodeURIComponent(esc.id);
}

// Through Zendesk's proxy, which puts the secure setting in place of the placeholder:
// this page never holds the token.
export function indexRequest(settings) {
  return {
    url: indexUrl(settings),
    type: 'GET',
    headers: {
      Authorization: 'Bearer {{setting.github_token}}',
      Accept: 'application/vnd.github.raw'
    },
    secure: true,
    cors: false,
    dataType: 'json'
  };
}
