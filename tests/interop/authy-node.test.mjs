// Interop suite: the official node client, npm `authy` 1.4.0 (twilio/authy-node), against this server.
//
// Every test calls the real client and asserts exactly what its callback receives: node-authy passes
// `(null, body)` for HTTP 200 and `(body)` for any other status (the parsed error body becomes `err`).
// `verify` additionally turns a 200 whose `token` is not "is valid" into `{message: "Unknown API response."}`.
//
// Configuration (environment):
//   AUTHY_API_KEY   required: an application's API key.
//   AUTHY_BASE_URL  the server, e.g. http://127.0.0.1:5123 (default http://localhost:5000).
// The server must run in Development: codes are read from its GET /dev/messages page.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomBytes, randomInt } from 'node:crypto';

const require = createRequire(import.meta.url);
const createAuthy = require('authy'); // CommonJS: module.exports = function (api_key, api_url)

const API_KEY = process.env.AUTHY_API_KEY;
if (!API_KEY) {
  throw new Error('AUTHY_API_KEY is not set: export the API key of an application on the server under test.');
}
const BASE_URL = (process.env.AUTHY_BASE_URL || 'http://localhost:5000').replace(/\/+$/, '');

const TEST_TIMEOUT_MS = 15_000;
const MESSAGE_WAIT_MS = 10_000;

const authy = createAuthy(API_KEY, BASE_URL);

/**
 * Calls a node-authy method and resolves with both callback arguments, exactly as received.
 * node-authy keeps some state in implicit globals (e.g. verify's check_body_callback), so calls
 * must not overlap: the suite runs strictly in sequence.
 */
function call(client, method, ...args) {
  assert.equal(typeof client[method], 'function', `node-authy has no method ${method}`);
  return new Promise((resolve) => {
    client[method](...args, (err, res) => resolve({ err, res }));
  });
}

/** Asserts the Authy error envelope (§1.4) on what node-authy passed as `err`. */
function assertErrorBody(err, errorCode, message) {
  assert.ok(err && typeof err === 'object' && !(err instanceof Error), `expected an API error body, got ${inspect(err)}`);
  assert.equal(err.error_code, errorCode, `error_code in ${inspect(err)}`);
  assert.equal(err.success, false);
  if (message !== undefined) {
    assert.equal(err.message, message);
    assert.equal(err.errors?.message, message);
  } else {
    assert.equal(typeof err.message, 'string');
  }
  assert.equal(typeof err.errors, 'object');
}

function inspect(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

// Distinct, libphonenumber-valid US numbers (AAA-555-XXXX), random per run so reruns against the
// same database register new users (and stay clear of the per-phone send limits).
const AREA_CODES = ['201', '212', '303', '415', '617', '646', '702', '973'];
const usedPhones = new Set();
function randomPhone() {
  for (;;) {
    const phone = `${AREA_CODES[randomInt(0, AREA_CODES.length)]}555${String(randomInt(0, 10_000)).padStart(4, '0')}`;
    if (!usedPhones.has(phone)) {
      usedPhones.add(phone);
      return phone;
    }
  }
}

function randomEmail(tag) {
  return `interop-${tag}-${randomBytes(4).toString('hex')}@example.com`;
}

async function registerUser(tag) {
  const phone = randomPhone();
  const { err, res } = await call(authy, 'register_user', randomEmail(tag), phone, '1');
  assert.equal(err, null, `register_user failed: ${inspect(err)}`);
  assert.ok(Number.isInteger(res?.user?.id) && res.user.id > 0, `user.id in ${inspect(res)}`);
  return { id: res.user.id, phone };
}

// --- /dev/messages (Development only) -------------------------------------------------------------

async function listMessages() {
  const response = await fetch(`${BASE_URL}/dev/messages?limit=200`);
  assert.equal(response.status, 200, 'GET /dev/messages must answer 200: run the server in Development');
  const messages = await response.json();
  assert.ok(Array.isArray(messages), 'GET /dev/messages must return a JSON array');
  return messages;
}

/** Ids of the messages recorded so far, so that a later wait only sees new ones. */
async function messageIds() {
  return new Set((await listMessages()).map((m) => m.id));
}

/** Polls /dev/messages until a message not in `seen` arrives on `channel` for the masked `to`. */
async function waitForMessage({ seen, channel, to }) {
  const deadline = Date.now() + MESSAGE_WAIT_MS;
  for (;;) {
    const found = (await listMessages()).find((m) => !seen.has(m.id) && m.channel === channel && m.to === to);
    if (found) return found;
    if (Date.now() > deadline) {
      assert.fail(`no new ${channel} message to ${to} within ${MESSAGE_WAIT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function smsCode(message) {
  const match = /\b(\d{7})\b/.exec(message.text);
  assert.ok(match, `no 7-digit code in ${inspect(message.text)}`);
  return match[1];
}

/** request_sms (optionally forced), then reads the code from /dev/messages. */
async function requestSmsCode(id, ...force) {
  const seen = await messageIds();
  const { err, res } = await call(authy, 'request_sms', id, ...force);
  assert.equal(err, null, `request_sms failed: ${inspect(err)}`);
  assert.equal(res.success, true);
  assert.equal(res.message, 'SMS token was sent');
  assert.match(res.cellphone, /^\+1-XXX-XXX-XX\d\d$/);
  const message = await waitForMessage({ seen, channel: 'sms', to: res.cellphone });
  return { res, message, code: smsCode(message) };
}

// --- tests ----------------------------------------------------------------------------------------

describe('node-authy 1.4.0 against the server', { concurrency: 1, timeout: 5 * 60_000 }, () => {
  const opts = { timeout: TEST_TIMEOUT_MS };

  test('register_user creates a user: integer id, "User created successfully.", success true', opts, async () => {
    const { err, res } = await call(authy, 'register_user', randomEmail('new'), randomPhone(), '1');
    assert.equal(err, null, inspect(err));
    assert.ok(Number.isInteger(res.user.id), `user.id must be a JSON integer: ${inspect(res)}`);
    assert.ok(res.user.id > 0);
    assert.equal(res.message, 'User created successfully.');
    assert.equal(res.success, true);
  });

  test('register_user is idempotent per phone: the same phone returns the same id', opts, async () => {
    const { id, phone } = await registerUser('same');
    // Same phone, another e-mail, explicit country and send_install_link flag (5-argument form).
    const again = await call(authy, 'register_user', randomEmail('same2'), phone, '1', false);
    assert.equal(again.err, null, inspect(again.err));
    assert.equal(again.res.user.id, id);
    assert.equal(again.res.message, 'User created successfully.');
    assert.equal(again.res.success, true);
    // 3-argument form: node-authy defaults the country to "1"; dashes in the phone are allowed.
    const dashed = `${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}`;
    const third = await call(authy, 'register_user', randomEmail('same3'), dashed);
    assert.equal(third.err, null, inspect(third.err));
    assert.equal(third.res.user.id, id);
  });

  test('register_user with a malformed phone fails with 60027 and a cellphone field error', opts, async () => {
    const { err, res } = await call(authy, 'register_user', randomEmail('bad'), 'abc', '1');
    assert.equal(res, undefined);
    assertErrorBody(err, '60027', 'User was not valid');
    assert.equal(err.errors.cellphone, 'is invalid');
    assert.equal(err.cellphone, 'is invalid', 'field errors are duplicated at the top level');
  });

  test('user_status reports the id, the masked phone, devices and "User status."', opts, async () => {
    const { id, phone } = await registerUser('status');
    const { err, res } = await call(authy, 'user_status', id);
    assert.equal(err, null, inspect(err));
    assert.equal(res.success, true);
    assert.equal(res.message, 'User status.');
    assert.equal(res.status.authy_id, id);
    assert.equal(res.status.phone_number, `XXX-XXX-${phone.slice(-4)}`);
    assert.equal(res.status.country_code, 1);
    assert.ok(Array.isArray(res.status.devices), `devices must be an array: ${inspect(res.status)}`);
    assert.equal(typeof res.status.registered, 'boolean');
    assert.equal(typeof res.status.confirmed, 'boolean');
  });

  test('request_sms sends "SMS token was sent" and the code arrives; force=true sends again', opts, async () => {
    const { id, phone } = await registerUser('sms');
    const first = await requestSmsCode(id);
    assert.equal(first.res.cellphone, `+1-XXX-XXX-XX${phone.slice(-2)}`);
    assert.match(first.code, /^\d{7}$/);

    // request_sms(id, force, callback) puts force=true in the query string.
    const forced = await requestSmsCode(id, true);
    assert.equal(forced.res.cellphone, first.res.cellphone);
    assert.match(forced.code, /^\d{7}$/);
    assert.notEqual(forced.message.id, first.message.id);
  });

  test('request_call answers "Call started..." and a voice message is recorded', opts, async () => {
    const { id, phone } = await registerUser('call');
    const seen = await messageIds();
    const { err, res } = await call(authy, 'request_call', id);
    assert.equal(err, null, inspect(err));
    assert.equal(res.success, true);
    assert.equal(res.message, 'Call started...');
    assert.equal(res.cellphone, `+1-XXX-XXX-XX${phone.slice(-2)}`);
    const message = await waitForMessage({ seen, channel: 'voice', to: res.cellphone });
    assert.match(message.text, /\d/, 'the voice text reads the code out');
  });

  test('verify accepts the SMS code ("Token is valid.") and rejects its replay with 60019', opts, async () => {
    const { id } = await registerUser('verify');
    const { code } = await requestSmsCode(id);

    const ok = await call(authy, 'verify', id, code);
    assert.equal(ok.err, null, inspect(ok.err));
    assert.equal(ok.res.token, 'is valid');
    assert.equal(ok.res.message, 'Token is valid.');
    assert.equal(ok.res.success, true);

    const replay = await call(authy, 'verify', id, code);
    assert.equal(replay.res, undefined);
    assertErrorBody(replay.err, '60019', 'Token is invalid. Token was used recently.');
  });

  test('verify rejects a wrong code with 60020 and token "is invalid", with and without force', opts, async () => {
    const { id } = await registerUser('wrong');
    const { code } = await requestSmsCode(id);
    const wrong = code === '0000000' ? '1111111' : '0000000';

    // Default (no force): this server checks every token (the "unregistered user" pass-through is off).
    const plain = await call(authy, 'verify', id, wrong);
    assert.equal(plain.res, undefined);
    assertErrorBody(plain.err, '60020', 'Token is invalid');
    assert.equal(plain.err.token, 'is invalid');

    // verify(id, token, force, callback) puts force=true in the query string.
    const forced = await call(authy, 'verify', id, wrong, true);
    assert.equal(forced.res, undefined);
    assertErrorBody(forced.err, '60020', 'Token is invalid');
    assert.equal(forced.err.token, 'is invalid');

    // Wrong attempts do not consume the real code.
    const ok = await call(authy, 'verify', id, code, true);
    assert.equal(ok.err, null, inspect(ok.err));
    assert.equal(ok.res.token, 'is valid');
  });

  test('delete_user succeeds; user_status then fails with 60026 "User not found."', opts, async () => {
    const { id } = await registerUser('delete');
    const { err, res } = await call(authy, 'delete_user', id);
    assert.equal(err, null, inspect(err));
    assert.equal(res.success, true);
    assert.equal(typeof res.message, 'string');

    const status = await call(authy, 'user_status', id);
    assert.equal(status.res, undefined);
    assertErrorBody(status.err, '60026', 'User not found.');

    const sms = await call(authy, 'request_sms', id);
    assertErrorBody(sms.err, '60026', 'User not found.');
  });

  test('a wrong API key fails with 60001 "Invalid API key"', opts, async () => {
    const { id } = await registerUser('key');
    const intruder = createAuthy(`wrong-${randomBytes(16).toString('hex')}`, BASE_URL);

    const status = await call(intruder, 'user_status', id);
    assert.equal(status.res, undefined);
    assertErrorBody(status.err, '60001', 'Invalid API key');

    const register = await call(intruder, 'register_user', randomEmail('key'), randomPhone(), '1');
    assert.equal(register.res, undefined);
    assertErrorBody(register.err, '60001', 'Invalid API key');
  });

  // OneTouch needs a user with a registered device; the C# side registers one and passes its id.
  const oneTouchUser = process.env.AUTHY_ONETOUCH_USER_ID;

  test('send_approval_request creates a request and check_approval_status reads it as pending', { ...opts, skip: !oneTouchUser && 'AUTHY_ONETOUCH_USER_ID not set' }, async () => {
    const created = await call(
      authy,
      'send_approval_request',
      oneTouchUser,
      { message: 'Login to Interop', details: { 'Account Number': '981266321', Location: 'California, USA' }, seconds_to_expire: 120 },
      { transaction_id: 'TR1' },
      [{ res: 'default', url: 'https://example.com/logo.png' }],
    );
    assert.equal(created.err, null, inspect(created.err));
    assert.equal(created.res.success, true);
    const uuid = created.res.approval_request.uuid;
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const status = await call(authy, 'check_approval_status', uuid);
    assert.equal(status.err, null, inspect(status.err));
    const request = status.res.approval_request;
    assert.equal(status.res.success, true);
    assert.equal(request.status, 'pending');
    assert.equal(request.uuid, uuid);
    assert.equal(request.processed_at, null);
    assert.equal(request.seconds_to_expire, 120);
    assert.equal(String(request._authy_id), String(oneTouchUser));
    assert.ok(Number.isInteger(request._app_serial_id), inspect(request));
    assert.ok(!Number.isNaN(Date.parse(request.created_at)), inspect(request));
  });

  test('send_approval_request to a user without a device succeeds and stays pending, as Authy answered', opts, async () => {
    const { id } = await registerUser('nodevice');
    // The client takes all four arguments before the callback; null hidden details and logos are its defaults.
    const created = await call(authy, 'send_approval_request', id, { message: 'Before any device', seconds_to_expire: 120 }, null, null);
    assert.equal(created.err, null, inspect(created.err));
    assert.equal(created.res.success, true);
    const status = await call(authy, 'check_approval_status', created.res.approval_request.uuid);
    assert.equal(status.err, null, inspect(status.err));
    assert.equal(status.res.approval_request.status, 'pending');
  });

  test('check_approval_status of an unknown uuid fails with 60049', opts, async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const { err, res } = await call(authy, 'check_approval_status', uuid);
    assert.equal(res, undefined);
    assert.equal(err.error_code, '60049');
    assert.equal(err.message, `Approval request not found: ${uuid}`);
    assert.deepEqual(err.errors, {});
  });

  test('phones().info reports the kind and carrier of a number (node sends a form body on GET)', opts, async () => {
    const phones = authy.phones();
    const { err, res } = await new Promise(resolve => phones.info('7911123456', '44', (e, r) => resolve({ err: e, res: r })));
    assert.equal(err, null, inspect(err));
    assert.equal(res.success, true);
    assert.equal(res.type, 'cellphone');
    assert.equal(res.provider, 'JT');
    assert.equal(res.ported, false);
    assert.match(res.message, /^Phone number information as of \d+-\d+-\d+ \d+:\d+:\d+ UTC$/);
  });
  test('phones().verification_start, _status and _check: a 4-digit code, checked once (node sends GET bodies)', opts, async () => {
    const phones = authy.phones();
    const phone = randomPhone();
    const formatted = `+1 ${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}`;
    const seen = await messageIds();

    const started = await new Promise(resolve => phones.verification_start(phone, '1', 'sms', (e, r) => resolve({ err: e, res: r })));
    assert.equal(started.err, null, inspect(started.err));
    assert.equal(started.res.success, true);
    assert.equal(started.res.message, `Text message sent to ${formatted}.`);
    assert.equal(started.res.seconds_to_expire, 600);
    assert.equal(started.res.is_ported, false);
    assert.equal(typeof started.res.carrier, 'string');
    assert.match(started.res.uuid, /^[0-9a-f-]{36}$/);
    const message = await waitForMessage({ seen, channel: 'sms', to: `+1-XXX-XXX-XX${phone.slice(-2)}` });
    const code = /\b(\d{4})\b/.exec(message.text)?.[1];
    assert.ok(code, `no 4-digit code in ${inspect(message.text)}`);

    const pending = await new Promise(resolve => phones.verification_status(phone, '1', (e, r) => resolve({ err: e, res: r })));
    assert.equal(pending.err, null, inspect(pending.err));
    assert.equal(pending.res.message, 'Phone Verification status.');
    assert.equal(pending.res.status, 'pending');

    const wrong = code === '0000' ? '1111' : '0000';
    const rejected = await new Promise(resolve => phones.verification_check(phone, '1', wrong, (e, r) => resolve({ err: e, res: r })));
    assert.equal(rejected.res, undefined);
    assertErrorBody(rejected.err, '60022', 'Verification code is incorrect');

    const accepted = await new Promise(resolve => phones.verification_check(phone, '1', code, (e, r) => resolve({ err: e, res: r })));
    assert.equal(accepted.err, null, inspect(accepted.err));
    assert.equal(accepted.res.success, true);
    assert.equal(accepted.res.message, 'Verification code is correct.');

    const verified = await new Promise(resolve => phones.verification_status(phone, '1', (e, r) => resolve({ err: e, res: r })));
    assert.equal(verified.res.status, 'verified');

    const reused = await new Promise(resolve => phones.verification_check(phone, '1', code, (e, r) => resolve({ err: e, res: r })));
    assertErrorBody(reused.err, '60023', `No pending verifications for ${formatted} found.`);
  });

  test('phones(): a number written with its calling code is the same number (start with +1, status and check without)', opts, async () => {
    const phones = authy.phones();
    const phone = randomPhone();
    const dashed = `${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}`;
    const seen = await messageIds();

    const info = await new Promise(resolve => phones.info(`+1 ${dashed}`, '1', (e, r) => resolve({ err: e, res: r })));
    assert.equal(info.err, null, inspect(info.err));
    assert.equal(info.res.type, 'landline_or_cellphone');

    const started = await new Promise(resolve => phones.verification_start(`+1 ${dashed}`, '1', 'sms', (e, r) => resolve({ err: e, res: r })));
    assert.equal(started.err, null, inspect(started.err));
    assert.equal(started.res.message, `Text message sent to +1 ${dashed}.`);
    const message = await waitForMessage({ seen, channel: 'sms', to: `+1-XXX-XXX-XX${phone.slice(-2)}` });
    const code = /\b(\d{4})\b/.exec(message.text)?.[1];
    assert.ok(code, `no 4-digit code in ${inspect(message.text)}`);

    const pending = await new Promise(resolve => phones.verification_status(phone, '1', (e, r) => resolve({ err: e, res: r })));
    assert.equal(pending.res?.status, 'pending', inspect(pending.err));
    const accepted = await new Promise(resolve => phones.verification_check(dashed, '1', code, (e, r) => resolve({ err: e, res: r })));
    assert.equal(accepted.err, null, inspect(accepted.err));
    assert.equal(accepted.res.message, 'Verification code is correct.');
  });

  test('phones().info of a number of a possible length that libphonenumber calls invalid answers type unknown', opts, async () => {
    const phones = authy.phones();
    const { err, res } = await new Promise(resolve => phones.info('432-123-4567', '1', (e, r) => resolve({ err: e, res: r })));
    assert.equal(err, null, inspect(err));
    assert.equal(res.success, true);
    assert.equal(res.type, 'unknown');
  });

  test('phones().verification_start by call, in Spanish, with a 6-digit code', opts, async () => {
    const phones = authy.phones();
    const phone = randomPhone();
    const seen = await messageIds();

    const { err, res } = await new Promise(resolve =>
      phones.verification_start(phone, '1', { via: 'call', locale: 'es', code_length: 6 }, (e, r) => resolve({ err: e, res: r })));
    assert.equal(err, null, inspect(err));
    assert.equal(res.message, `Llamada a +1 ${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)} fue iniciada.`);
    const call = await waitForMessage({ seen, channel: 'voice', to: `+1-XXX-XXX-XX${phone.slice(-2)}` });
    assert.match(call.text, /(\d, ){5}\d/);
  });
});
