// Computes X-Authy-Signature the way authy-client's verifyCallback does, independently of the server's code:
// qs.stringify with bracket arrays and keys sorted per level (localeCompare), %20 as '+', then
// Base64(HMAC-SHA256(api key, nonce|METHOD|url|params)). Reads {key, nonce, method, url, params | query} as JSON on stdin.
import { createHmac } from 'node:crypto';
import qs from 'qs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { key, nonce, method, url, params: body, query } = JSON.parse(input);
// A GET callback's parameters arrive in the query string: decode them the way a Node receiver would.
const params = query !== undefined ? qs.parse(query, { depth: 20, arrayLimit: 1000 }) : body;

const sorted = qs
  .stringify(params, { arrayFormat: 'brackets', sort: (a, b) => a.localeCompare(b) })
  .replace(/%20/g, '+');
const data = `${nonce}|${method}|${url}|${sorted}`;
process.stdout.write(JSON.stringify({ signature: createHmac('sha256', key).update(data).digest('base64'), data }));
