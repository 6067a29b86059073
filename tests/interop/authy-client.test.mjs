// Interop: npm `authy-client` 1.1.4 (seegno), which validates every response body before it hands it over.
//
// Configuration (environment): AUTHY_API_KEY (required) and AUTHY_BASE_URL, as for authy-node.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('authy-client');

const API_KEY = process.env.AUTHY_API_KEY;
if (!API_KEY) {
  throw new Error('AUTHY_API_KEY is not set: export the API key of an application on the server under test.');
}
const BASE_URL = (process.env.AUTHY_BASE_URL || 'http://localhost:5000').replace(/\/+$/, '');

const client = new Client({ key: API_KEY }, { host: BASE_URL });

// The client requires `provider` to be a string: a number whose carrier is unknown must come back as "", not null.
test('getPhoneInformation: a NANP number with no known carrier', async () => {
  const info = await client.getPhoneInformation({ countryCode: 'US', phone: '201-555-0131' });

  assert.equal(info.type, 'landline_or_cellphone');
  assert.equal(info.provider, '');
  assert.equal(info.ported, false);
  assert.match(info.message, /^Phone number information as of \d+-\d+-\d+ \d+:\d+:\d+ UTC$/);
});

test('getPhoneInformation: a number with a known carrier', async () => {
  const info = await client.getPhoneInformation({ countryCode: '44', phone: '7911123456' });

  assert.equal(info.type, 'cellphone');
  assert.equal(info.provider, 'JT');
});
