// Browser suite: the reference authenticator (/authenticator/) in headless Chromium, driven by playwright-core.
//
// It registers the page as a device with the 6-digit code read from /dev/messages, waits for the application's
// token card, checks that the code it shows passes the Authy API's verify, asks the API for an SMS and checks
// that the page shows the "open this app" notice, writes a screenshot, creates a OneTouch approval request through the
// API, approves it on the page (a second screenshot while its card is shown) and polls its status until `approved`,
// registers a second device from here (WebCrypto in Node) and sees the page's "new device" notice, removes that
// second device and sees the page fetch the replaced seed (its old code now fails, its new one verifies), and finally
// removes the device. The approved request's uuid is printed as `# approval_uuid <uuid>` so that the
// caller can match it with the callback its application received.
//
// Configuration (environment):
//   AUTHY_BASE_URL      the server, e.g. http://127.0.0.1:5123 (run in Development: /dev/messages must answer)
//   AUTHY_API_KEY       an application's API key
//   AUTHY_USER_ID       the authy_id of a user of that application
//   AUTHY_COUNTRY_CODE  that user's country code (default 1)
//   AUTHY_PHONE         that user's phone number, national digits
//   SCREENSHOT_PATH     where to write the full-page PNG (default ./screenshots/authenticator.png); the OneTouch one
//                       goes next to it, with -onetouch before .png
//   CHROMIUM_PATH       the browser (default /usr/bin/chromium: Debian's `chromium`; never a downloaded one)

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see the comment at the top of authenticator.test.mjs).`);
  return value;
}

const BASE_URL = required('AUTHY_BASE_URL').replace(/\/+$/, '');
const API_KEY = required('AUTHY_API_KEY');
const USER_ID = required('AUTHY_USER_ID');
const PHONE = required('AUTHY_PHONE').replace(/\D/g, '');
const COUNTRY_CODE = (process.env.AUTHY_COUNTRY_CODE || '1').replace(/\D/g, '');
const SCREENSHOT_PATH = path.resolve(process.env.SCREENSHOT_PATH || path.join('screenshots', 'authenticator.png'));
const ONETOUCH_SCREENSHOT_PATH = SCREENSHOT_PATH.replace(/(\.png)?$/i, '-onetouch.png');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The flags known to work here: no sandbox (root in CI), no GPU, and none of Chromium's own network traffic
// (this machine's network is closed). playwright-core adds --headless and a fresh temporary --user-data-dir itself
// (it refuses a --user-data-dir in args for launch()).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const STEP_TIMEOUT_MS = 20_000;
const PERIOD_S = 30;
const TEST_TIMEOUT_MS = 60_000;

// --- the Authy API and /dev/messages ----------------------------------------------------------------

async function apiGet(pathAndQuery) {
  const response = await fetch(`${BASE_URL}${pathAndQuery}`, { headers: { 'X-Authy-API-Key': API_KEY } });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

async function apiPostForm(pathAndQuery, fields) {
  const response = await fetch(`${BASE_URL}${pathAndQuery}`, {
    method: 'POST',
    headers: { 'X-Authy-API-Key': API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

async function listMessages() {
  const response = await fetch(`${BASE_URL}/dev/messages?limit=200`);
  assert.equal(response.status, 200, 'GET /dev/messages must answer 200: run the server in Development');
  const messages = await response.json();
  assert.ok(Array.isArray(messages), 'GET /dev/messages must return a JSON array');
  return messages;
}

/** Waits for a message not in `seen`, on `channel`, to this test's phone, with a 6-digit code; returns the code. */
async function waitForRegistrationCode(seen, channel) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const lastTwo = PHONE.slice(-2);
  for (;;) {
    const messages = await listMessages();
    const found = messages.find((m) => !seen.has(m.id) && m.channel === channel
      && String(m.to).startsWith(`+${COUNTRY_CODE}`) && String(m.to).endsWith(lastTwo) && /\b\d{6}\b/.test(m.text));
    if (found) return /\b(\d{6})\b/.exec(found.text)[1];
    if (Date.now() > deadline) {
      assert.fail(`no new ${channel} message with a 6-digit code to +${COUNTRY_CODE}…${lastTwo} within ${STEP_TIMEOUT_MS} ms; `
        + `latest: ${JSON.stringify(messages.slice(0, 3).map(({ channel: c, to, text }) => ({ c, to, text })))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// --- a second device, driven from here with WebCrypto (docs/api.md) --------------------------------------

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

async function deviceToken(device) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })));
  const body = b64url(Buffer.from(JSON.stringify({ sub: String(device.id), iat: now, exp: now + 120, jti: b64url(crypto.getRandomValues(new Uint8Array(18))) })));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.keys.privateKey, Buffer.from(`${head}.${body}`));
  return `${head}.${body}.${b64url(new Uint8Array(signature))}`;
}

async function deviceCall(device, method, pathAndQuery) {
  const response = await fetch(`${BASE_URL}${pathAndQuery}`, { method, headers: { Authorization: `Bearer ${await deviceToken(device)}` } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Registers another device for this test's phone, as an app would, and returns { id, keys }. */
async function registerOtherDevice(name) {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const seen = new Set((await listMessages()).map((m) => m.id));
  const started = await fetch(`${BASE_URL}/device/v1/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ country_code: Number(COUNTRY_CODE), phone_number: PHONE, via: 'sms' }),
  });
  assert.equal(started.status, 201, `start a registration: ${await started.clone().text()}`);
  const { registration_id: registrationId } = await started.json();
  const code = await waitForRegistrationCode(seen, 'sms');
  const completed = await fetch(`${BASE_URL}/device/v1/registrations/${registrationId}/complete`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name, os_type: 'desktop', public_key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } }),
  });
  assert.equal(completed.status, 201, `complete the registration: ${await completed.clone().text()}`);
  return { id: (await completed.json()).device_id, keys };
}

// --- the suite -----------------------------------------------------------------------------------------

describe('reference authenticator in headless Chromium', { concurrency: 1 }, () => {
  let browser;
  let page;
  const pageErrors = [];
  const consoleLines = [];
  let appName;
  let verifiedStep; // the TOTP step of the last code verify accepted: a later code must be of a later step

  before(async () => {
    assert.ok(existsSync(CHROMIUM_PATH),
      `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium; ./test.sh does) or set CHROMIUM_PATH.`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
    // A phone-sized window: the page is mobile first.
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  });

  after(async () => {
    if (consoleLines.length) console.log(`browser console:\n${consoleLines.map((l) => `  ${l}`).join('\n')}`);
    await browser?.close();
  });

  /** On failure, leaves a picture of the page next to SCREENSHOT_PATH, then rethrows. */
  async function withFailureScreenshot(name, body) {
    try {
      await body();
    } catch (error) {
      if (page) {
        const file = SCREENSHOT_PATH.replace(/\.png$/i, '') + `.failed-${name}.png`;
        await mkdir(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        const alert = await page.locator('#error').textContent().catch(() => null);
        error.message += `\n(page screenshot: ${file}; page alert: ${JSON.stringify(alert)}; page errors: ${JSON.stringify(pageErrors)})`;
      }
      throw error;
    }
  }

  test('registers as a device with the phone and the 6-digit code from /dev/messages', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('register', async () => {
      const response = await page.goto(`${BASE_URL}/authenticator/`);
      assert.equal(response.status(), 200);
      assert.equal(await page.title(), 'Authenticator');
      // The page works under its own strict policy: no inline script, no framing (checked at the end: no violation).
      assert.match(response.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
      assert.equal(response.headers()['x-content-type-options'], 'nosniff');

      // The fields are found by their visible labels as well as by id: the form is labelled.
      await page.getByLabel('Country code').fill(COUNTRY_CODE);
      await page.getByLabel('Phone number').fill(PHONE);
      assert.equal(await page.locator('#phone-number').inputValue(), PHONE);
      await page.getByLabel('SMS').check();

      const seen = new Set((await listMessages()).map((m) => m.id));
      await page.locator('#send-code').click();
      await page.locator('#registration-code').waitFor({ state: 'visible' });
      assert.match(await page.locator('#code-sent').textContent(), new RegExp(`XX${PHONE.slice(-2)}`));

      const code = await waitForRegistrationCode(seen, 'sms');
      await page.getByLabel('6-digit code').fill(code);
      await page.locator('#complete-registration').click();
      await page.locator('#view-tokens').waitFor({ state: 'visible' });

      // The key pair is in IndexedDB, as CryptoKeys; the private one cannot be exported.
      const stored = await page.evaluate(() => new Promise((resolve, reject) => {
        const open = indexedDB.open('authy-authenticator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('device').objectStore('device').get('current');
          get.onerror = () => reject(get.error);
          get.onsuccess = async () => {
            const device = get.result;
            let exportRefused = false;
            try {
              await crypto.subtle.exportKey('jwk', device.keyPair.privateKey);
            } catch {
              exportRefused = true;
            }
            resolve({
              deviceId: device.device_id,
              authyId: device.authy_id,
              isCryptoKey: device.keyPair.privateKey instanceof CryptoKey,
              extractable: device.keyPair.privateKey.extractable,
              algorithm: device.keyPair.privateKey.algorithm,
              exportRefused,
            });
          };
        };
      }));
      assert.ok(Number.isInteger(stored.deviceId), `device_id in ${JSON.stringify(stored)}`);
      assert.equal(String(stored.authyId), String(USER_ID), 'the device belongs to the user registered with that phone');
      assert.equal(stored.isCryptoKey, true);
      assert.equal(stored.extractable, false);
      assert.deepEqual(stored.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
      assert.equal(stored.exportRefused, true);
    }));

  test('shows a live code for the application, and that code passes verify', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('code', async () => {
      const card = page.locator('[data-testid="token-card"]').first();
      await card.waitFor({ state: 'visible' });
      assert.match(await card.getAttribute('data-app-id'), /^\d+$/);
      appName = (await card.locator('[data-testid="token-app-name"]').textContent()).trim();
      assert.ok(appName.length > 0, 'the card names its application');

      const codeElement = card.locator('[data-testid="token-code"]');
      await page.waitForFunction((element) => /^\d{6,8}$/.test(element.dataset.code ?? ''), await codeElement.elementHandle());
      const code = await codeElement.getAttribute('data-code');
      const shown = (await codeElement.textContent()).trim();
      assert.equal(shown.replace(/\s/g, ''), code, 'the displayed code is the code');
      assert.match(shown, /^\d{3,4} \d{3,4}$/, 'the displayed code is grouped');
      assert.match(await card.locator('[data-testid="token-countdown"]').textContent(), /^Next code in \d+ s$/);

      const { status, body } = await apiGet(`/protected/json/verify/${code}/${USER_ID}`);
      verifiedStep = Math.floor(Date.now() / 1000 / PERIOD_S);
      assert.equal(status, 200, `verify of the page's code ${code}: ${JSON.stringify(body)}`);
      assert.equal(body.token, 'is valid');
      assert.equal(body.success, true);
    }));

  test('shows the "open this app" notice when the application asks for an SMS', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('notice', async () => {
      assert.ok(appName, 'the previous test found the token card');
      // The event stream must be open before the request, or the event is (rightly) not replayed to it.
      const eventsStatus = page.locator('[data-testid="events-status"]');
      await page.locator('[data-testid="events-status"]:is([data-state="connected"], [data-state="unavailable"])').waitFor({ state: 'attached' });
      assert.equal(await eventsStatus.getAttribute('data-state'), 'connected',
        'the page could not open GET /device/v1/events: the server answered 404 (no event stream)');

      assert.equal(await page.locator('[data-testid="notice"]').count(), 0, 'no notice before any request');

      const { status, body } = await apiGet(`/protected/json/sms/${USER_ID}`);
      assert.equal(status, 200, `sms: ${JSON.stringify(body)}`);
      assert.equal(body.success, true, `sms: ${JSON.stringify(body)}`);

      const notice = page.locator('[data-testid="notice"]').filter({ hasText: appName });
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), new RegExp(`Open this app: ${appName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} wants your code`));
      assert.equal(await page.locator('#notices-region').getAttribute('aria-live'), 'assertive');

      await mkdir(path.dirname(SCREENSHOT_PATH), { recursive: true });
      await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
      console.log(`screenshot: ${SCREENSHOT_PATH}`);
    }));

  test('shows a OneTouch request live, approves it, and the status endpoint says approved', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('onetouch', async () => {
      // Live, through the event stream: it must be open before the request is created.
      await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('[data-testid="approval-card"]').count(), 0, 'no approval card before any request');

      const message = `Payment of 10 USD to Acme Browser (${Date.now()})`;
      const logoUrl = 'https://example.com/acme-logo.png';
      const created = await apiPostForm(`/onetouch/json/users/${USER_ID}/approval_requests`, [
        ['message', message],
        ['details[Amount]', '10 USD'],
        ['details[Merchant]', 'Acme Browser'],
        ['hidden_details[ip]', '203.0.113.7'],
        ['logos[][res]', 'default'],
        ['logos[][url]', logoUrl],
        ['seconds_to_expire', '300'],
      ]);
      assert.equal(created.status, 200, `create approval request: ${JSON.stringify(created.body)}`);
      const uuid = created.body?.approval_request?.uuid;
      assert.match(String(uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, JSON.stringify(created.body));

      const card = page.locator(`[data-testid="approval-card"][data-uuid="${uuid}"]`);
      await card.waitFor({ state: 'visible' });
      assert.equal(await card.getAttribute('data-state'), 'pending');
      assert.equal((await card.locator('[data-testid="approval-message"]').textContent()).trim(), message);
      assert.ok((await card.locator('[data-testid="approval-app-name"]').textContent()).trim().length > 0, 'the card names its application');

      // Details as a definition list: the shown ones, never the hidden ones.
      const details = await card.locator('[data-testid="approval-details"] div').evaluateAll((rows) =>
        Object.fromEntries(rows.map((row) => [row.querySelector('dt').textContent, row.querySelector('dd').textContent])));
      assert.equal(details.Amount, '10 USD', JSON.stringify(details));
      assert.equal(details.Merchant, 'Acme Browser', JSON.stringify(details));
      assert.doesNotMatch(await card.textContent(), /203\.0\.113\.7/, 'hidden details are not shown');

      // The default logo, with alt text (it may not load on a closed network: then it is hidden, not broken).
      const logo = card.locator('img[data-testid="approval-logo"]');
      assert.equal(await logo.getAttribute('src'), logoUrl);
      assert.match(await logo.getAttribute('alt'), /\S/, 'the logo has alt text');

      // Time left, counting down from 5 minutes.
      assert.match(await card.locator('[data-testid="approval-countdown"]').textContent(), /^Expires in [45]:\d\d$/);

      // Accessible buttons, in order: Approve, then Deny.
      const approve = card.getByRole('button', { name: 'Approve' });
      const deny = card.getByRole('button', { name: 'Deny' });
      assert.equal(await approve.getAttribute('data-testid'), 'approve');
      assert.equal(await deny.getAttribute('data-testid'), 'deny');
      await approve.focus();
      await page.keyboard.press('Tab');
      assert.equal(await deny.evaluate((element) => element === document.activeElement), true, 'Tab goes from Approve to Deny');

      await mkdir(path.dirname(ONETOUCH_SCREENSHOT_PATH), { recursive: true });
      await page.screenshot({ path: ONETOUCH_SCREENSHOT_PATH, fullPage: true });
      console.log(`screenshot: ${ONETOUCH_SCREENSHOT_PATH}`);

      await approve.click();
      const outcome = card.locator('[data-testid="approval-outcome"]');
      await outcome.waitFor({ state: 'visible' });
      assert.equal(await outcome.getAttribute('data-outcome'), 'approved');
      assert.match(await outcome.textContent(), /Approved/);
      assert.equal(await card.locator('[data-testid="approve"]').isVisible(), false, 'no buttons once answered');

      const deadline = Date.now() + STEP_TIMEOUT_MS;
      let status;
      for (;;) {
        const polled = await apiGet(`/onetouch/json/approval_requests/${uuid}`);
        assert.equal(polled.status, 200, `status: ${JSON.stringify(polled.body)}`);
        status = polled.body?.approval_request?.status;
        if (status === 'approved') break;
        assert.equal(status, 'pending', `status: ${JSON.stringify(polled.body)}`);
        if (Date.now() > deadline) assert.fail(`still pending after ${STEP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      console.log(`# approval_uuid ${uuid}`);

      // The card goes after a few seconds.
      await card.waitFor({ state: 'detached' });
      assert.equal(await page.locator('#approvals-section').isVisible(), false, 'no empty approvals section');
    }));

  test('a OneTouch request that expires while shown becomes "expired", with no answer sent', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('onetouch-expiry', async () => {
      const decisions = [];
      const onRequest = (request) => { if (/\/decision$/.test(request.url())) decisions.push(request.url()); };
      page.on('request', onRequest);
      try {
        const created = await apiPostForm(`/onetouch/json/users/${USER_ID}/approval_requests`, [
          ['message', 'Short-lived login request'],
          ['seconds_to_expire', '3'],
        ]);
        assert.equal(created.status, 200, `create approval request: ${JSON.stringify(created.body)}`);
        const uuid = created.body.approval_request.uuid;
        const card = page.locator(`[data-testid="approval-card"][data-uuid="${uuid}"]`);
        await card.waitFor({ state: 'visible' });
        assert.match(await card.locator('[data-testid="approval-countdown"]').textContent(), /^Expires in 0:0[0-3]$/);
        assert.equal(await card.locator('[data-testid="approval-details"]').count(), 0, 'no empty details list');
        const outcome = card.locator('[data-testid="approval-outcome"]');
        await outcome.waitFor({ state: 'visible' });
        assert.equal(await outcome.getAttribute('data-outcome'), 'expired');
        assert.equal(await card.locator('[data-testid="approve"]').isVisible(), false);
        // The page's clock is the server's to within a second or so, and it gives up first: the server follows shortly.
        const deadline = Date.now() + 5000;
        for (;;) {
          const polled = await apiGet(`/onetouch/json/approval_requests/${uuid}`);
          const status = polled.body?.approval_request?.status;
          if (status === 'expired') break;
          assert.equal(status, 'pending', JSON.stringify(polled.body));
          if (Date.now() > deadline) assert.fail(`the server still says pending: ${JSON.stringify(polled.body)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        await card.waitFor({ state: 'detached' });
        assert.deepEqual(decisions, [], 'no decision posted for an expired request');
      } finally {
        page.off('request', onRequest);
      }
    }));

  test('another device added shows a notice; removing it gives the page a new seed, and the old codes fail', { timeout: 2 * TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('other-device', async () => {
      await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor({ state: 'attached' });
      const card = page.locator('[data-testid="token-card"]').first();
      const appId = await card.getAttribute('data-app-id');
      assert.equal(await card.getAttribute('data-seed-version'), '1');

      // The seed was stored when it came, as a key this page cannot read back.
      const stored = await page.evaluate((id) => new Promise((resolve, reject) => {
        const open = indexedDB.open('authy-authenticator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('device').objectStore('device').get('current');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const seed = get.result.seeds?.[id];
            resolve(seed && { version: seed.seed_version, isCryptoKey: seed.key instanceof CryptoKey, extractable: seed.key.extractable });
          };
        };
      }), appId);
      assert.deepEqual(stored, { version: 1, isCryptoKey: true, extractable: false });

      const name = `Second test device ${Date.now()}`;
      const other = await registerOtherDevice(name);
      const notice = page.locator('[data-testid="notice"][data-kind="device_added"]').filter({ hasText: name });
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), /A new device “Second test device \d+” was added to your account/);
      await page.screenshot({ path: SCREENSHOT_PATH.replace(/(\.png)?$/i, '-new-device.png'), fullPage: true });

      // The other device syncs (so it holds the seed) and is removed: the seed is replaced.
      const synced = await deviceCall(other, 'GET', '/device/v1/tokens');
      assert.equal(synced.status, 200, JSON.stringify(synced.body));
      assert.ok(synced.body.tokens.every((t) => typeof t.secret === 'string'), 'a first sync carries the secrets');
      const oldCode = await card.locator('[data-testid="token-code"]').getAttribute('data-code');
      const removed = await deviceCall(other, 'DELETE', '/device/v1/device');
      assert.equal(removed.status, 204);

      // The page hears tokens_changed, syncs, and shows codes of the new seed.
      await page.locator(`[data-testid="token-card"][data-app-id="${appId}"][data-seed-version="2"][data-state="ready"]`).waitFor({ state: 'attached' });
      await page.locator('[data-testid="notice"][data-kind="tokens_changed"]').filter({ hasText: name }).waitFor({ state: 'visible' });
      const old = await apiGet(`/protected/json/verify/${oldCode}/${USER_ID}`);
      assert.equal(old.status, 401, `the old seed's code ${oldCode}: ${JSON.stringify(old.body)}`);
      assert.equal(old.body.error_code, '60020');

      // A new code of a step after the one verified earlier (the same step would be refused as used).
      while (Math.floor(Date.now() / 1000 / PERIOD_S) <= verifiedStep) await new Promise((resolve) => setTimeout(resolve, 250));
      await new Promise((resolve) => setTimeout(resolve, 750)); // the page's ticker runs every 250 ms
      const code = await card.locator('[data-testid="token-code"]').getAttribute('data-code');
      const fresh = await apiGet(`/protected/json/verify/${code}/${USER_ID}`);
      verifiedStep = Math.floor(Date.now() / 1000 / PERIOD_S);
      assert.equal(fresh.status, 200, `the new seed's code ${code}: ${JSON.stringify(fresh.body)}`);
    }));

  test('removes the device and forgets its key', { timeout: TEST_TIMEOUT_MS }, () =>
    withFailureScreenshot('remove', async () => {
      await page.locator('#remove-device').click();
      await page.locator('#remove-device-confirm').click();
      await page.locator('#phone-number').waitFor({ state: 'visible' });
      const left = await page.evaluate(() => new Promise((resolve, reject) => {
        const open = indexedDB.open('authy-authenticator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('device').objectStore('device').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }));
      assert.equal(left, 0, 'nothing is left in IndexedDB');
      assert.equal(await page.locator('#error').isVisible(), false, `no error shown: ${await page.locator('#error').textContent()}`);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
      assert.deepEqual(consoleLines.filter((line) => /Content Security Policy/i.test(line)), [],
        'nothing the page does is refused by its Content-Security-Policy');
    }));
});
