import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, decodeIndex, findEscalation, organizationEscalations, readSettings, repositoryValid } from '../assets/decode.js';
import { documentUrl, indexRequest, webBase } from '../assets/github.js';

const INDEX = {
  schema: 'escalation-desk/index@1',
  as_of: '2026-11-26T12:00:00Z',
  escalations: [
    { id: 'ESC-1', status: 'In Progress', organization_id: 77, zendesk_tickets: [10, 11] },
    { id: 'ESC-2', status: 'Resolved', organization_id: 77, zendesk_tickets: [20] },
    { id: 'ESC-3', status: 'Open', organization_id: 77, zendesk_tickets: [30] },
    { id: 'ESC-4', status: 'Open', organization_id: null, zendesk_tickets: [40] }
  ],
  tickets: { 10: 'ESC-1', 11: 'ESC-1', 20: 'ESC-2', 30: 'ESC-3' }
};

test('the index is read as JSON, from a string or base64 contents', () => {
  assert.equal(decodeIndex(INDEX), INDEX);
  assert.deepEqual(decodeIndex(JSON.stringify(INDEX)), INDEX);
  const contents = { encoding: 'base64', content: Buffer.from(JSON.stringify(INDEX)).toString('base64').replace(/(.{60})/g, '$1\n') };
  assert.deepEqual(decodeIndex(contents), INDEX);
});

test('an index that is not ours says why, as a translation key', () => {
  assert.throws(() => decodeIndex('{nope'), (e) => e.kind === 'bad_index' && e.detail.key === 'ui.error.bad_index_json');
  assert.throws(() => decodeIndex({ schema: 'x@9' }), (e) => e.detail.vars.schema === '"x@9"');
  assert.throws(() => decodeIndex({ schema: INDEX.schema, escalations: [] }), (e) => e.detail.key === 'ui.error.bad_index_shape');
});

test('failures are told apart: token, rate limit, not found, network, a bug', () => {
  assert.equal(classify({ status: 401 }).kind, 'token');
  assert.equal(classify({ status: 403, responseText: '{"message":"API rate limit exceeded"}' }).kind, 'rate_limited');
  assert.equal(classify({ status: 404 }).kind, 'not_found');
  assert.deepEqual(classify({ status: 502 }), { kind: 'network', status: 502 });
  assert.equal(classify(new TypeError('x is undefined')).kind, 'unexpected');
});

test('a ticket finds its escalation by the ticket map, then by the records', () => {
  assert.equal(findEscalation(INDEX, 11).id, 'ESC-1');
  assert.equal(findEscalation(INDEX, '40').id, 'ESC-4');
  assert.equal(findEscalation(INDEX, 99), null);
  assert.equal(findEscalation(INDEX, null), null);
});

test('the open escalations of the organization, other than the ticket\'s own', () => {
  assert.deepEqual(organizationEscalations(INDEX, { id: 77 }, null).map((e) => e.id), ['ESC-1', 'ESC-3']);
  assert.deepEqual(organizationEscalations(INDEX, { id: '77' }, 'ESC-1').map((e) => e.id), ['ESC-3']);
  assert.deepEqual(organizationEscalations(INDEX, null, null), []);
  assert.deepEqual(organizationEscalations(INDEX, { id: null }, null), [], 'no organization matches no organization');
});

test('settings fall back to their defaults; addresses follow GitHub Enterprise', () => {
  const settings = readSettings({ repository: ' acme/escalations ', branch: '', github_api_url: 'https://ghe.example.com/api/v3/' });
  assert.equal(settings.branch, 'main');
  assert.ok(repositoryValid(settings));
  assert.ok(!repositoryValid(readSettings({ repository: 'just-a-name' })));
  assert.equal(webBase(settings), 'https://ghe.example.com');
  assert.equal(documentUrl(settings, { path: 'escalations/ESC 1.md' }), 'https://ghe.example.com/acme/escalations/blob/main/escalations/ESC%201.md');
  const request = indexRequest(readSettings({ repository: 'a/b' }));
  assert.equal(request.headers.Authorization, 'Bearer {{setting.github_token}}');
  assert.equal(request.secure, true);
});
