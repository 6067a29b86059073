// The reference authenticator: a device of the device API (docs/api.md, "Device API"), in the browser.
//
// - Registration: a phone number, the 6-digit code sent to it, then a P-256 key pair made here with WebCrypto.
//   The private key is non-extractable: it never leaves this browser, not even to this script. The key pair and
//   the device id live in IndexedDB (CryptoKey objects are structured-cloneable).
// - Every authenticated request carries a fresh ES256-signed JWT (one-use jti, 2 minute lifetime).
// - Codes are RFC 6238 TOTP computed here from the synced secrets, on the server's clock (server_time). The server
//   sends a secret once per seed version (on the first sync and after a rotation), so each one is imported at once as
//   a non-extractable HMAC key and kept in IndexedDB with the device (`seeds`); later syncs list the token without it.
// - Events also say when the seeds changed (another device was removed: sync again) and when a new device was
//   added to the account (a notice).
// - Events (token requests, OneTouch approval requests) arrive over Server-Sent Events, read with fetch so that the
//   Authorization header can be sent, and resumed with Last-Event-ID after a drop.
// - OneTouch (docs/onetouch.md): approval requests arrive live on the event stream and from
//   GET approval_requests (on load and after every reconnect). The user's answer is signed with the device key
//   (ES256 over `uuid|status|signed_at`) and posted; the card shows the outcome, then goes away.
//
// No build step and no dependencies: plain ES2022 in a module script.

const API_BASE = new URL('../device/v1/', document.baseURI);
const DB_NAME = 'authy-authenticator';
const DB_STORE = 'device';
const DB_KEY = 'current';
const PENDING_KEY = 'authy-authenticator.pending-registration';
const TOKEN_LIFETIME_S = 120; // the server accepts at most 300
const TOKEN_REFRESH_MS = 5 * 60_000;
const NOTICE_LIMIT = 5;
// A new stream replays the events the server kept (a day of them): older requests are no longer worth a notice.
const NOTICE_MAX_AGE_S = 5 * 60;
// An approval_request event older than this is a replay: the list (GET approval_requests) says whether it is pending.
const APPROVAL_EVENT_MAX_AGE_S = 60;
// How long a card stays with its outcome (approved, denied, expired...) before it goes.
const APPROVAL_OUTCOME_MS = 5000;

const $ = (selector) => document.querySelector(selector);

// --- state ---------------------------------------------------------------------------------------

const state = {
  device: null, // { device_id, authy_id, keyPair, cellphone, name }
  clockOffset: 0, // seconds to add to the local clock to get the server's
  clockSource: 'local', // 'local' | 'date-header' | 'server_time'
  tokens: new Map(), // app_id -> { token, hmacKey, seedVersion, lastCode, element }
  ticker: 0,
  refreshTimer: 0,
  events: null, // { controller }
  lastEventId: null,
  seenEventIds: new Set(),
  approvals: new Map(), // uuid -> { request, element, addedAt, phase: 'pending' | 'deciding' | 'done', removeTimer }
  approvalsSync: null, // the running GET approval_requests, if any
  approvalsSyncTimer: 0,
  approvalsSyncAgain: false,
};

// --- small helpers -------------------------------------------------------------------------------

const encoder = new TextEncoder();

function base64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) throw new Error('The secret is not base32.');
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

/** The server's time in seconds (fractional), from the local clock and the last known offset. */
function serverNow() {
  return Date.now() / 1000 + state.clockOffset;
}

function groupCode(code) {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "4:59", "1:02:03" or "2 d 3 h": time left until an approval request expires. */
function formatLeft(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  if (s >= 2 * 86400) return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : date.toLocaleDateString([], { year: 'numeric', month: 'long', day: 'numeric' });
}

function defaultDeviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge'
    : /Firefox\//.test(ua) ? 'Firefox'
    : /Chromium\//.test(ua) || /HeadlessChrome\//.test(ua) ? 'Chromium'
    : /Chrome\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari'
    : 'Browser';
  const platform = /Android/.test(ua) ? 'Android'
    : /iPhone|iPad/.test(ua) ? 'iOS'
    : /Mac OS X/.test(ua) ? 'macOS'
    : /Windows/.test(ua) ? 'Windows'
    : /Linux/.test(ua) ? 'Linux'
    : '';
  return platform ? `${browser} on ${platform}` : browser;
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

// --- messages on the page ------------------------------------------------------------------------

function showError(message, source = '') {
  const box = $('#error');
  box.textContent = message;
  box.dataset.source = source;
  box.hidden = false;
}

function clearError() {
  const box = $('#error');
  box.textContent = '';
  box.hidden = true;
}

function announce(message) {
  const status = $('#status');
  status.textContent = '';
  // A new text node in a fresh task, so that repeating the same message is announced again.
  setTimeout(() => { status.textContent = message; }, 50);
}

function setBusy(button, busy, busyLabel) {
  if (busy) {
    button.dataset.label = button.textContent;
    button.textContent = busyLabel;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  } else {
    if (button.dataset.label) button.textContent = button.dataset.label;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

function showView(name, focusSelector) {
  for (const view of document.querySelectorAll('.view')) {
    view.hidden = view.id !== `view-${name}`;
  }
  $('#loading').hidden = true;
  const main = $('#main');
  main.dataset.view = name;
  main.removeAttribute('aria-busy');
  if (focusSelector) $(focusSelector)?.focus();
}

// --- IndexedDB -----------------------------------------------------------------------------------

function openDb() {
  return new Promise((resolve, reject) => {
    if (!('indexedDB' in window)) {
      reject(new Error('This browser has no IndexedDB, so it cannot keep a device key.'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(DB_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this page.'));
  });
}

async function dbRequest(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(DB_STORE, mode);
      const request = action(tx.objectStore(DB_STORE));
      let result;
      request.onsuccess = () => { result = request.result; };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'));
    });
  } finally {
    db.close();
  }
}

const loadDevice = () => dbRequest('readonly', (store) => store.get(DB_KEY));
const saveDevice = (device) => dbRequest('readwrite', (store) => store.put(device, DB_KEY));
const forgetDevice = () => dbRequest('readwrite', (store) => store.delete(DB_KEY));

// --- pending registration (between "send code" and "add this device"; survives a reload) -------------

function loadPending() {
  try {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
    if (pending && pending.expires_at > Date.now()) return pending;
  } catch { /* unreadable: start again */ }
  sessionStorage.removeItem(PENDING_KEY);
  return null;
}

function savePending(pending) {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
}

function clearPending() {
  sessionStorage.removeItem(PENDING_KEY);
}

// --- HTTP ----------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code;
  }
}

/** The server's clock offset according to a response's Date header (1 s resolution), or null. */
function dateHeaderOffset(response) {
  const date = Date.parse(response.headers.get('Date') ?? '');
  return Number.isNaN(date) ? null : (date + 500) / 1000 - Date.now() / 1000;
}

/** Learns the server's clock from the Date header until a server_time is known. */
function noteDateHeader(response) {
  if (state.clockSource === 'server_time') return;
  const offset = dateHeaderOffset(response);
  if (offset !== null) {
    state.clockOffset = offset;
    state.clockSource = 'date-header';
  }
}

/** Before the first signed request: the device tokens' iat and exp are checked against the server's clock. */
async function syncClock() {
  if (state.clockSource !== 'local') return;
  try {
    noteDateHeader(await fetch(document.baseURI, { method: 'HEAD', cache: 'no-store' }));
  } catch { /* offline: the first real request says so */ }
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch { /* not JSON after all */ }
  }
  return { title: response.statusText || `HTTP ${response.status}` };
}

async function makeJwt() {
  const now = Math.floor(serverNow());
  const header = { alg: 'ES256', typ: 'JWT' };
  const payload = {
    sub: String(state.device.device_id),
    iat: now,
    exp: now + TOKEN_LIFETIME_S,
    jti: base64url(crypto.getRandomValues(new Uint8Array(18))),
  };
  const signingInput = `${base64url(encoder.encode(JSON.stringify(header)))}.${base64url(encoder.encode(JSON.stringify(payload)))}`;
  // WebCrypto's ECDSA signature is r||s (64 bytes for P-256): exactly JWS ES256's encoding.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, state.device.keyPair.privateKey, encoder.encode(signingInput));
  return `${signingInput}.${base64url(new Uint8Array(signature))}`;
}

async function api(path, { method = 'GET', body, auth = false, signal, headers = {} } = {}) {
  for (let attempt = 1; ; attempt++) {
    const init = { method, headers: { Accept: 'application/json', ...headers }, signal, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (auth) init.headers.Authorization = `Bearer ${await makeJwt()}`;
    let response;
    try {
      response = await fetch(new URL(path, API_BASE), init);
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new Error('The server cannot be reached. Check your connection and try again.');
    }
    noteDateHeader(response);
    if (response.status === 401 && auth && attempt === 1) {
      // Refused, perhaps because the server's clock moved since server_time was read: sign once more on its Date.
      const offset = dateHeaderOffset(response);
      if (offset !== null && Math.abs(offset - state.clockOffset) > 10) {
        state.clockOffset = offset;
        state.clockSource = 'date-header';
        continue;
      }
    }
    if (!response.ok) throw new ApiError(response.status, await readProblem(response));
    if (response.status === 204) return null;
    return response.json();
  }
}

function describe(error, context) {
  if (!(error instanceof ApiError)) return error.message || String(error);
  const detail = error.problem.detail || error.problem.title || '';
  switch (error.status) {
    case 400: return `${context === 'phone' ? 'That phone number was not accepted' : 'The request was not accepted'}${detail ? `: ${detail}` : '.'}`;
    case 401: return context === 'code'
      ? 'That code is not right. Check the message and try again.'
      : 'The server no longer accepts this device. If it was removed, remove it here too and add it again.';
    case 404: return context === 'code'
      ? 'This code has expired or was already used. Choose “Use another number” to get a new one.'
      : 'The server does not know this device any more. Remove it here and add it again.';
    case 429: return `Too many attempts. Wait a few minutes, then try again.${detail ? ` (${detail})` : ''}`;
    default: return `Something went wrong (${error.status}${detail ? `: ${detail}` : ''}).`;
  }
}

// --- TOTP (RFC 6238 on RFC 4226) --------------------------------------------------------------------

const HMAC_HASHES = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

async function importTotpKey(token) {
  const hash = HMAC_HASHES[String(token.algorithm ?? 'SHA1').toUpperCase().replace('-', '')];
  if (!hash) throw new Error(`Unsupported algorithm ${token.algorithm}`);
  return crypto.subtle.importKey('raw', base32Decode(token.secret), { name: 'HMAC', hash }, false, ['sign']);
}

async function totp(hmacKey, counter, digits) {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// --- view (a): phone number ---------------------------------------------------------------------------

async function onPhoneSubmit(event) {
  event.preventDefault();
  clearError();
  const countryInput = $('#country-code');
  const phoneInput = $('#phone-number');
  const countryCode = countryInput.value.trim().replace(/^\+/, '');
  const phone = phoneInput.value.replace(/[\s().-]/g, '');
  const via = new FormData(event.target).get('via') === 'call' ? 'call' : 'sms';
  countryInput.setAttribute('aria-invalid', String(!/^\d{1,4}$/.test(countryCode)));
  phoneInput.setAttribute('aria-invalid', String(!/^\d{4,15}$/.test(phone)));
  if (!/^\d{1,4}$/.test(countryCode)) {
    showError('Enter the country code as digits, for example 1 or 44.');
    countryInput.focus();
    return;
  }
  if (!/^\d{4,15}$/.test(phone)) {
    showError('Enter the phone number as digits, without the country code.');
    phoneInput.focus();
    return;
  }

  const button = $('#send-code');
  setBusy(button, true, 'Sending…');
  try {
    const result = await api('registrations', {
      method: 'POST',
      body: { country_code: Number(countryCode), phone_number: phone, via },
    });
    const pending = {
      registration_id: result.registration_id,
      cellphone: result.cellphone,
      via: result.via ?? via,
      expires_at: Date.now() + (Number(result.expires_in) || 600) * 1000,
    };
    savePending(pending);
    showCodeView(pending);
  } catch (error) {
    showError(describe(error, 'phone'));
    if (error instanceof ApiError && error.status === 400) {
      phoneInput.setAttribute('aria-invalid', 'true');
      phoneInput.focus();
    }
  } finally {
    setBusy(button, false);
  }
}

// --- view (b): the code ------------------------------------------------------------------------------

function showCodeView(pending, { focus = true } = {}) {
  const how = pending.via === 'call' ? 'We are calling' : 'We sent an SMS to';
  $('#code-sent').textContent = `${how} ${pending.cellphone || 'your phone'} with a 6-digit code.`;
  const minutes = Math.max(1, Math.round((pending.expires_at - Date.now()) / 60_000));
  $('#registration-code-hint').textContent = `The code expires in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  const nameInput = $('#device-name');
  if (!nameInput.value) nameInput.value = defaultDeviceName();
  $('#registration-code').value = '';
  showView('code', focus ? '#registration-code' : null);
}

async function onCodeSubmit(event) {
  event.preventDefault();
  clearError();
  const pending = loadPending();
  if (!pending) {
    showError('The registration has expired. Enter your phone number again.');
    showView('phone', '#phone-number');
    return;
  }
  const codeInput = $('#registration-code');
  const code = codeInput.value.replace(/\s/g, '');
  const name = $('#device-name').value.trim() || defaultDeviceName();
  if (!/^\d{6}$/.test(code)) {
    codeInput.setAttribute('aria-invalid', 'true');
    showError('Enter the 6 digits of the code you received.');
    codeInput.focus();
    return;
  }
  codeInput.setAttribute('aria-invalid', 'false');

  const button = $('#complete-registration');
  setBusy(button, true, 'Adding…');
  try {
    // The private key is not extractable: it can sign here, and nothing (not even this page) can read it.
    const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
    const result = await api(`registrations/${encodeURIComponent(pending.registration_id)}/complete`, {
      method: 'POST',
      body: { code, name, os_type: 'web', public_key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } },
    });
    const device = {
      device_id: result.device_id,
      authy_id: result.authy_id,
      keyPair,
      cellphone: pending.cellphone,
      name,
      registered_at: new Date().toISOString(),
    };
    await saveDevice(device);
    clearPending();
    announce('This device was added.');
    await startDevice(device);
  } catch (error) {
    showError(describe(error, 'code'));
    if (error instanceof ApiError && error.status === 401) {
      codeInput.setAttribute('aria-invalid', 'true');
      codeInput.select();
      codeInput.focus();
    } else if (error instanceof ApiError && error.status === 404) {
      $('#start-over').focus();
    }
  } finally {
    setBusy(button, false);
  }
}

function onStartOver() {
  clearPending();
  clearError();
  showView('phone', '#phone-number');
}

// --- view (c): codes -----------------------------------------------------------------------------------

async function startDevice(device, { focus = true } = {}) {
  state.device = device;
  renderDevice(device);
  showView('tokens', focus ? '#tokens-heading' : null);
  await syncClock();
  startTicker();
  connectEvents();
  await Promise.allSettled([refreshDevice(), refreshTokens()]);
  scheduleRefresh();
}

function stopDevice() {
  refreshAgain = false;
  clearInterval(state.ticker);
  clearTimeout(state.refreshTimer);
  state.events?.controller.abort();
  state.events = null;
  state.device = null;
  state.tokens.clear();
  state.lastEventId = null;
  state.seenEventIds.clear();
  clearTimeout(state.approvalsSyncTimer);
  for (const entry of state.approvals.values()) clearTimeout(entry.removeTimer);
  state.approvals.clear();
  $('#approvals').replaceChildren();
  $('#approvals-section').hidden = true;
  $('#tokens').replaceChildren();
  $('#notices').replaceChildren();
  setEventsStatus('idle', 'Live updates off');
}

function renderDevice(device) {
  $('#device-name-value').textContent = device.name || '–';
  $('#device-phone-value').textContent = device.cellphone || '–';
  $('#device-created-value').textContent = formatDate(device.created_at ?? device.registered_at);
}

async function refreshDevice() {
  try {
    const info = await api('device', { auth: true });
    Object.assign(state.device, { name: info.name, cellphone: info.cellphone, created_at: info.created_at, authy_id: info.authy_id });
    renderDevice(state.device);
  } catch (error) {
    showError(describe(error, 'device'));
  }
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(async () => {
    if (!state.device) return;
    await refreshTokens();
    scheduleRefresh();
  }, TOKEN_REFRESH_MS);
}

let refreshing = null;
let refreshAgain = false;
/**
 * Fetches the synced tokens and corrects the clock from server_time. One fetch at a time; a call made while one runs
 * (after tokens_changed, say) fetches once more when it ends, since the running one may predate the change.
 */
function refreshTokens() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      const sentAt = Date.now();
      const result = await api('tokens', { auth: true });
      const receivedAt = Date.now();
      if (Number.isFinite(result.server_time)) {
        // server_time is whole seconds, taken somewhere during the round trip: assume its middle.
        state.clockOffset = result.server_time + 0.5 - (sentAt + receivedAt) / 2000;
        state.clockSource = 'server_time';
      }
      const device = state.device;
      const tokens = Array.isArray(result.tokens) ? result.tokens : [];
      if (!device) return; // removed meanwhile
      await storeSecrets(device, tokens);
      if (state.device !== device) return;
      await renderTokens(tokens);
      if ($('#error').dataset.source === 'tokens') clearError();
    } catch (error) {
      showError(describe(error, 'tokens'), 'tokens');
    } finally {
      refreshing = null;
      if (refreshAgain && state.device) {
        refreshAgain = false;
        refreshTokens();
      }
    }
  })();
  return refreshing;
}

/**
 * Keeps each secret the server sent (it sends one only when this device does not hold that seed version yet) as a
 * non-extractable HMAC key in the device's IndexedDB record, replacing the one it had for that application. A key is
 * never dropped because its token left the list: the server would not send it again if the token came back.
 */
async function storeSecrets(device, tokens) {
  const seeds = { ...(device.seeds ?? {}) };
  let changed = false;
  for (const token of tokens) {
    if (typeof token.secret !== 'string' || token.secret === '') continue;
    seeds[String(token.app_id)] = {
      seed_version: token.seed_version ?? null,
      algorithm: token.algorithm ?? 'SHA1',
      key: await importTotpKey(token),
    };
    changed = true;
  }
  if (!changed || state.device !== device) return;
  device.seeds = seeds;
  // Before any code is shown: the server already counts these secrets as this device's.
  await saveDevice(device);
}

async function renderTokens(tokens) {
  const list = $('#tokens');
  const seen = new Set();
  let position = 0;
  for (const token of tokens) {
    const id = String(token.app_id);
    seen.add(id);
    let entry = state.tokens.get(id);
    const stored = state.device.seeds?.[id];
    // A seed of another version than the server's current one is dead: this device lost the new one.
    const held = stored && (token.seed_version === undefined || stored.seed_version === token.seed_version) ? stored : null;
    const changed = !entry || entry.hmacKey !== (held?.key ?? null) || entry.token.digits !== token.digits
      || entry.token.period !== token.period;
    if (!entry) {
      const element = $('#token-card-template').content.firstElementChild.cloneNode(true);
      element.dataset.appId = id;
      element.querySelector('.copy').addEventListener('click', () => copyCode(id));
      entry = { token, element, hmacKey: null, seedVersion: null, lastCode: null, lastCounter: null };
      state.tokens.set(id, entry);
    }
    entry.token = token;
    if (changed) {
      entry.hmacKey = held?.key ?? null;
      entry.seedVersion = held?.seed_version ?? null;
      entry.lastCounter = null;
      entry.lastCode = null;
      const codeElement = entry.element.querySelector('.code');
      if (!held) {
        delete codeElement.dataset.code;
        codeElement.textContent = '––– ––––';
        codeElement.setAttribute('aria-label', 'No code');
      }
    }
    entry.element.dataset.state = held ? 'ready' : 'missing-secret';
    entry.element.dataset.seedVersion = String(entry.seedVersion ?? '');
    entry.element.querySelector('.card-missing').hidden = Boolean(held);
    const title = entry.element.querySelector('.card-title');
    title.textContent = token.app_name || `Application ${id}`;
    title.id = `token-title-${id}`;
    entry.element.setAttribute('aria-labelledby', title.id);
    // The server's order. Only move a card that is out of place: moving a node takes the focus out of it.
    if (list.children[position] !== entry.element) list.insertBefore(entry.element, list.children[position] ?? null);
    position++;
  }
  for (const [id, entry] of state.tokens) {
    if (!seen.has(id)) {
      entry.element.remove();
      state.tokens.delete(id);
    }
  }
  $('#tokens-empty').hidden = tokens.length > 0;
  await tick();
}

function startTicker() {
  clearInterval(state.ticker);
  state.ticker = setInterval(tick, 250);
}

let ticking = false;
async function tick() {
  if (ticking) return;
  ticking = true;
  try {
    const now = serverNow();
    tickApprovals(now);
    for (const entry of state.tokens.values()) {
      if (!entry.hmacKey) continue; // no secret on this device: the card says so
      const period = Number(entry.token.period) || 30;
      const digits = Number(entry.token.digits) || 6;
      const counter = Math.floor(now / period);
      if (counter !== entry.lastCounter) {
        const code = await totp(entry.hmacKey, counter, digits);
        entry.lastCounter = counter;
        if (code !== entry.lastCode) {
          entry.lastCode = code;
          const codeElement = entry.element.querySelector('.code');
          codeElement.dataset.code = code;
          codeElement.textContent = groupCode(code);
          codeElement.setAttribute('aria-label', code.split('').join(' '));
        }
      }
      const left = Math.max(0, period - (now - counter * period));
      const seconds = Math.ceil(left);
      const text = entry.element.querySelector('.countdown-text');
      const label = `Next code in ${seconds} s`;
      if (text.textContent !== label) text.textContent = label;
      entry.element.querySelector('.bar-fill').style.transform = `scaleX(${(left / period).toFixed(3)})`;
      entry.element.classList.toggle('expiring', left <= 5);
    }
  } catch (error) {
    showError(`A code could not be computed: ${error.message}`);
  } finally {
    ticking = false;
  }
}

async function copyCode(id) {
  const entry = state.tokens.get(id);
  if (!entry?.lastCode) return;
  try {
    await navigator.clipboard.writeText(entry.lastCode);
    announce(`${entry.token.app_name} code copied.`);
  } catch {
    announce('The browser did not allow copying. Select the code instead.');
  }
}

// --- events (Server-Sent Events over fetch) -------------------------------------------------------------------

function setEventsStatus(stateName, text) {
  const element = $('#events-status');
  element.dataset.state = stateName;
  $('#events-status-text').textContent = text;
}

function connectEvents() {
  state.events?.controller.abort();
  const controller = new AbortController();
  state.events = { controller };
  runEvents(controller.signal);
}

async function runEvents(signal) {
  let retryMs = 2000;
  let failures = 0;
  while (!signal.aborted) {
    setEventsStatus('connecting', failures ? 'Reconnecting…' : 'Connecting…');
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${await makeJwt()}` };
      if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
      const response = await fetch(new URL('events', API_BASE), { headers, signal, cache: 'no-store' });
      noteDateHeader(response);
      if (!response.ok) throw new ApiError(response.status, await readProblem(response));
      if (!(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
        throw new Error('The events endpoint did not answer with text/event-stream.');
      }
      setEventsStatus('connected', 'Live updates on');
      if ($('#error').dataset.source === 'events') clearError();
      failures = 0;
      // Whatever arrived while the stream was down (or before the page was open): the pending requests, oldest first.
      syncApprovals();
      await readEventStream(response.body, signal, {
        onEvent: handleEvent,
        onRetry: (ms) => { retryMs = ms; },
      });
    } catch (error) {
      if (signal.aborted) break;
      failures++;
      console.warn('Event stream:', error);
      if (error instanceof ApiError && error.status === 401 && failures >= 3) {
        showError(describe(error, 'events'), 'events');
      }
      if (error instanceof ApiError && error.status === 404) {
        // A server without the event stream: codes still work, requests are just not announced. Try again rarely.
        setEventsStatus('unavailable', 'Live updates unavailable');
        syncApprovals();
        await sleep(5 * 60_000, signal);
        continue;
      }
    }
    if (signal.aborted) break;
    setEventsStatus('connecting', 'Reconnecting…');
    // The server's retry hint, backing off up to a minute while it keeps failing, with some jitter.
    const delay = Math.min(60_000, retryMs * 2 ** Math.min(failures, 5)) * (0.75 + Math.random() / 2);
    await sleep(failures ? delay : retryMs, signal);
  }
}

/** The text/event-stream format (HTML Living Standard, "Parsing an event stream"). */
async function readEventStream(body, signal, { onEvent, onRetry }) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  let data = [];
  let type = '';
  let id = null;
  let first = true;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    if (first) {
      buffer = buffer.replace(/^\uFEFF/, '');
      first = false;
    }
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop(); // an incomplete last line (a trailing \r may still become \r\n: harmless, gives one empty line)
    for (const line of lines) {
      if (line === '') {
        if (id !== null) state.lastEventId = id;
        if (data.length) onEvent({ type: type || 'message', data: data.join('\n'), id: id ?? state.lastEventId });
        data = [];
        type = '';
        id = null;
        continue;
      }
      if (line.startsWith(':')) continue; // a comment, e.g. ": ping"
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let fieldValue = colon < 0 ? '' : line.slice(colon + 1);
      if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
      if (field === 'data') data.push(fieldValue);
      else if (field === 'event') type = fieldValue;
      else if (field === 'id' && !fieldValue.includes('\0')) id = fieldValue;
      else if (field === 'retry' && /^\d+$/.test(fieldValue)) onRetry(Number(fieldValue));
    }
  }
}

function handleEvent(event) {
  if (event.id) {
    if (state.seenEventIds.has(event.id)) return; // a replay after a reconnect
    state.seenEventIds.add(event.id);
  }
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    console.warn('Ignoring an event whose data is not JSON:', event);
    return;
  }
  switch (event.type) {
    case 'token_requested':
      showTokenRequest(data, event.id);
      break;
    case 'approval_request':
      onApprovalEvent(data);
      break;
    case 'tokens_changed':
      onTokensChanged(data, event.id);
      break;
    case 'device_added':
      showDeviceAdded(data, event.id);
      break;
    default:
      // Later types: not handled by this version of the page (docs/api.md: ignore unknown types).
      console.info('Ignoring event type', event.type);
  }
}

/** Adds a notice at the top (newest first, at most NOTICE_LIMIT); the live region announces it. */
function addNotice({ kind, title, detail, dismissLabel, id, appId = '' }) {
  const notice = $('#notice-template').content.firstElementChild.cloneNode(true);
  notice.dataset.kind = kind;
  notice.dataset.appId = appId;
  if (id) notice.dataset.eventId = id;
  notice.querySelector('.notice-title').textContent = title;
  notice.querySelector('.notice-detail').textContent = detail;
  notice.querySelector('.dismiss').setAttribute('aria-label', dismissLabel);
  notice.querySelector('.dismiss').addEventListener('click', () => {
    notice.remove();
    $('#tokens-heading').focus();
  });
  const notices = $('#notices');
  notices.prepend(notice);
  while (notices.children.length > NOTICE_LIMIT) notices.lastElementChild.remove();
  return notice;
}

/** True when an event's time (ISO 8601) is too old for a notice: a replay the user has seen or no longer needs. */
function tooOldForNotice(iso) {
  return serverNow() - Date.parse(iso ?? '') / 1000 > NOTICE_MAX_AGE_S;
}

function showTokenRequest(data, id) {
  const appId = data.app_id == null ? '' : String(data.app_id);
  if (tooOldForNotice(data.requested_at)) {
    if (!state.tokens.has(appId)) refreshTokens();
    return;
  }
  const appName = data.app_name || state.tokens.get(appId)?.token.app_name || 'An application';
  const how = data.channel === 'call' ? 'a phone call' : data.channel === 'sms' ? 'an SMS' : 'a code';
  const at = data.requested_at ? formatTime(data.requested_at) : '';
  addNotice({
    kind: 'token_requested',
    appId,
    id,
    title: `Open this app: ${appName} wants your code`,
    detail: `${appName} asked for ${how}${at ? ` at ${at}` : ''}. Use the ${appName} code below instead.`,
    dismissLabel: `Dismiss the ${appName} request`,
  });

  const card = state.tokens.get(appId)?.element;
  if (card) {
    card.classList.remove('requested');
    void card.offsetWidth; // restart the highlight animation
    card.classList.add('requested');
  } else {
    refreshTokens(); // a new application, perhaps: its token comes with the next sync
  }
  if (navigator.userActivation?.hasBeenActive) navigator.vibrate?.(200); // browsers refuse it before a tap
}

/** Seeds were replaced (a device that had them was removed): the next sync brings the new secrets, once. */
function onTokensChanged(data, id) {
  refreshTokens();
  if (tooOldForNotice(data.changed_at)) return;
  const removed = data.reason === 'device_removed' && data.device_name ? `the device “${data.device_name}” was removed` : 'they were replaced';
  addNotice({
    kind: 'tokens_changed',
    id,
    title: 'Your codes were renewed',
    detail: `Codes changed because ${removed}${data.changed_at ? ` at ${formatTime(data.changed_at)}` : ''}. The codes below are the new ones.`,
    dismissLabel: 'Dismiss the renewed codes notice',
  });
}

/** Another device was registered with this account's phone: the user should know, in case it was not them. */
function showDeviceAdded(data, id) {
  if (tooOldForNotice(data.added_at)) return;
  const name = data.name || 'Unnamed device';
  addNotice({
    kind: 'device_added',
    id,
    title: `A new device “${name}” was added to your account`,
    detail: `Added${data.added_at ? ` at ${formatTime(data.added_at)}` : ''}. If you did not add it, someone else may be receiving your codes: tell the applications you use.`,
    dismissLabel: `Dismiss the new device notice for ${name}`,
  });
  if (navigator.userActivation?.hasBeenActive) navigator.vibrate?.(200);
}

// --- OneTouch approval requests ---------------------------------------------------------------------------------

const OUTCOMES = {
  approved: { text: 'Approved. The application has been told.', announce: 'approved' },
  denied: { text: 'Denied. The application has been told.', announce: 'denied' },
  expired: { text: 'Expired: this request can no longer be answered.', announce: 'expired' },
  answered: { text: 'Already answered or expired: nothing was changed.', announce: 'already answered or expired' },
};

function expiresAtSeconds(request) {
  if (request.expires_at == null || request.expires_at === '') return null;
  const ms = Date.parse(request.expires_at);
  return Number.isNaN(ms) ? null : ms / 1000;
}

function onApprovalEvent(data) {
  if (!data || typeof data.uuid !== 'string') return;
  const createdAt = Date.parse(data.created_at ?? '') / 1000;
  if (!(serverNow() - createdAt <= APPROVAL_EVENT_MAX_AGE_S)) {
    // A replay of an older request (or one without a time): it may have been answered since. The list knows.
    scheduleApprovalsSync();
    return;
  }
  addApproval(data, { announceIt: true });
}

function scheduleApprovalsSync(delayMs = 500) {
  clearTimeout(state.approvalsSyncTimer);
  state.approvalsSyncTimer = setTimeout(syncApprovals, delayMs);
}

/**
 * GET approval_requests: adds the pending requests not shown yet, and closes the shown ones that are no longer pending
 * (answered on another device, or expired). A card added after the list was asked for is left alone: it is newer.
 */
function syncApprovals() {
  clearTimeout(state.approvalsSyncTimer);
  if (!state.device) return Promise.resolve();
  if (state.approvalsSync) {
    // One at a time, but the caller wants an answer from after its call: ask again once this one is done.
    state.approvalsSyncAgain = true;
    return state.approvalsSync;
  }
  state.approvalsSync = (async () => {
    const startedAt = performance.now();
    try {
      const result = await api('approval_requests', { auth: true });
      if (!state.device) return; // removed meanwhile
      const list = Array.isArray(result?.approval_requests) ? result.approval_requests : [];
      const pending = new Set(list.map((r) => String(r.uuid).toLowerCase()));
      for (const [uuid, entry] of state.approvals) {
        if (entry.phase === 'pending' && entry.addedAt < startedAt && !pending.has(uuid)) finishApproval(entry, 'answered');
      }
      const fresh = list.filter((r) => !state.approvals.has(String(r.uuid).toLowerCase()));
      for (const request of fresh) addApproval(request, { announceIt: false });
      if (fresh.length === 1) announce(`${fresh[0].app_name || 'An application'} asks you to approve: ${fresh[0].message ?? ''}`);
      else if (fresh.length > 1) announce(`${fresh.length} requests are waiting for your approval.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return; // a server without OneTouch
      console.warn('Approval requests:', error);
    } finally {
      state.approvalsSync = null;
      if (state.approvalsSyncAgain) {
        state.approvalsSyncAgain = false;
        syncApprovals();
      }
    }
  })();
  return state.approvalsSync;
}

function addApproval(request, { announceIt }) {
  const uuid = String(request.uuid).toLowerCase();
  if (state.approvals.has(uuid)) return;
  const expiresAt = expiresAtSeconds(request);
  if (expiresAt !== null && expiresAt <= serverNow()) return; // too late to show

  const element = $('#approval-card-template').content.firstElementChild.cloneNode(true);
  const appName = request.app_name || 'An application';
  const idBase = `approval-${uuid}`;
  element.dataset.uuid = uuid;
  element.dataset.state = 'pending';
  if (request.app_id != null) element.dataset.appId = String(request.app_id);

  const title = element.querySelector('.approval-app');
  title.id = `${idBase}-app`;
  title.textContent = appName;
  const message = element.querySelector('.approval-message');
  message.id = `${idBase}-message`;
  message.textContent = request.message ?? '';
  element.setAttribute('aria-labelledby', `${title.id} ${message.id}`);

  const logo = (Array.isArray(request.logos) ? request.logos : []).find((l) => l?.res === 'default' && typeof l.url === 'string');
  const img = element.querySelector('.approval-logo');
  if (logo && /^https?:\/\//i.test(logo.url)) {
    img.alt = `${appName} logo`;
    img.addEventListener('error', () => { img.hidden = true; }, { once: true }); // a broken picture says nothing useful
    img.src = logo.url;
    img.hidden = false;
  } else {
    img.remove();
  }

  const list = element.querySelector('.approval-details');
  const details = request.details && typeof request.details === 'object' ? Object.entries(request.details) : [];
  for (const [name, value] of details) {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = name;
    dd.textContent = value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value ?? '');
    row.append(dt, dd);
    list.append(row);
  }
  if (!details.length) list.remove();

  const approve = element.querySelector('.approve');
  const deny = element.querySelector('.deny');
  for (const button of [approve, deny]) button.setAttribute('aria-describedby', `${title.id} ${message.id}`);
  approve.addEventListener('click', () => decideApproval(uuid, 'approved'));
  deny.addEventListener('click', () => decideApproval(uuid, 'denied'));
  element.querySelector('.approval-outcome').id = `${idBase}-outcome`;

  // The time left never reads more than the request's whole lifetime (the clocks agree only to within a second).
  const createdAt = Date.parse(request.created_at ?? '') / 1000;
  const lifetime = expiresAt !== null && Number.isFinite(createdAt) && expiresAt > createdAt ? expiresAt - createdAt : Infinity;
  const entry = { request, element, expiresAt, lifetime, addedAt: performance.now(), phase: 'pending', removeTimer: 0 };
  state.approvals.set(uuid, entry);
  // Oldest first, like the server's list: a new request goes last and takes nobody's focus.
  $('#approvals').append(element);
  $('#approvals-section').hidden = false;
  updateApprovalCountdown(entry, serverNow());
  if (announceIt) announce(`${appName} asks you to approve: ${request.message ?? ''}`);
  if (announceIt && navigator.userActivation?.hasBeenActive) navigator.vibrate?.(200);
}

function tickApprovals(now) {
  for (const entry of state.approvals.values()) {
    if (entry.phase !== 'pending') continue;
    if (entry.expiresAt !== null && entry.expiresAt <= now) finishApproval(entry, 'expired');
    else updateApprovalCountdown(entry, now);
  }
}

function updateApprovalCountdown(entry, now) {
  const text = entry.expiresAt === null ? 'No expiry' : `Expires in ${formatLeft(Math.min(entry.expiresAt - now, entry.lifetime))}`;
  const element = entry.element.querySelector('.approval-countdown');
  if (element.textContent !== text) element.textContent = text;
  entry.element.classList.toggle('expiring', entry.expiresAt !== null && entry.expiresAt - now <= 30);
}

async function decideApproval(uuid, status) {
  const entry = state.approvals.get(uuid);
  if (!entry || entry.phase !== 'pending' || !state.device) return;
  entry.phase = 'deciding';
  entry.element.dataset.state = 'deciding';
  const approve = entry.element.querySelector('.approve');
  const deny = entry.element.querySelector('.deny');
  const clicked = status === 'approved' ? approve : deny;
  const other = status === 'approved' ? deny : approve;
  const error = entry.element.querySelector('.approval-error');
  error.hidden = true;
  setBusy(clicked, true, status === 'approved' ? 'Approving…' : 'Denying…');
  other.disabled = true;
  try {
    // Signed on the server's clock: it refuses a signed_at far from its own time.
    const signedAt = Math.floor(serverNow());
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      state.device.keyPair.privateKey,
      encoder.encode(`${uuid}|${status}|${signedAt}`),
    );
    const result = await api(`approval_requests/${encodeURIComponent(uuid)}/decision`, {
      method: 'POST',
      auth: true,
      body: { status, signed_at: signedAt, signature: base64url(new Uint8Array(signature)) },
    });
    finishApproval(entry, result?.status === 'denied' ? 'denied' : result?.status === 'approved' ? 'approved' : status);
  } catch (failure) {
    if (failure instanceof ApiError && (failure.status === 409 || failure.status === 404)) {
      finishApproval(entry, 'answered');
      return;
    }
    // Nothing was decided: say why, and let the user try again (or let the request expire).
    entry.phase = 'pending';
    entry.element.dataset.state = 'pending';
    setBusy(clicked, false);
    other.disabled = false;
    error.textContent = failure instanceof ApiError && failure.status === 401 && String(failure.code) === '60087'
      ? 'The server did not accept this device’s signature. Check this device’s clock, then try again.'
      : `Your answer was not sent: ${describe(failure, 'approval')}`;
    error.hidden = false;
    clicked.focus();
    if (entry.expiresAt !== null && entry.expiresAt <= serverNow()) finishApproval(entry, 'expired');
  }
}

/** Shows the outcome on the card (no more buttons), then removes the card a few seconds later. */
function finishApproval(entry, outcome) {
  if (entry.phase === 'done') return;
  entry.phase = 'done';
  const { element } = entry;
  const info = OUTCOMES[outcome] ?? OUTCOMES.answered;
  const hadFocus = element.contains(document.activeElement);
  element.dataset.state = outcome;
  element.classList.remove('expiring');
  element.querySelector('.approval-actions').hidden = true;
  element.querySelector('.approval-error').hidden = true;
  element.querySelector('.approval-countdown').hidden = true;
  const box = element.querySelector('.approval-outcome');
  box.dataset.outcome = outcome;
  box.textContent = info.text;
  box.hidden = false;
  // The buttons are gone: the focus goes to the outcome; the outcome is announced either way.
  if (hadFocus) box.focus();
  announce(`${entry.request.app_name || 'The'} request ${info.announce}.`);
  entry.removeTimer = setTimeout(() => removeApproval(entry), APPROVAL_OUTCOME_MS);
}

function removeApproval(entry) {
  const uuid = entry.element.dataset.uuid;
  if (state.approvals.get(uuid) !== entry) return;
  const hadFocus = entry.element.contains(document.activeElement);
  const next = entry.element.nextElementSibling ?? entry.element.previousElementSibling;
  entry.element.remove();
  state.approvals.delete(uuid);
  const empty = state.approvals.size === 0;
  $('#approvals-section').hidden = empty;
  if (hadFocus) {
    const target = next?.querySelector('.approve:not([disabled])') ?? next?.querySelector('.approval-outcome:not([hidden])');
    (target ?? $('#tokens-heading')).focus();
  }
}

// --- removing the device -------------------------------------------------------------------------------

function onRemoveClick() {
  $('#remove-device').hidden = true;
  $('#remove-confirm').hidden = false;
  $('#remove-device-cancel').focus();
}

function onRemoveCancel() {
  $('#remove-confirm').hidden = true;
  $('#remove-device').hidden = false;
  $('#remove-device').focus();
}

async function onRemoveConfirm() {
  clearError();
  const button = $('#remove-device-confirm');
  setBusy(button, true, 'Removing…');
  try {
    try {
      await api('device', { method: 'DELETE', auth: true });
    } catch (error) {
      // Already gone on the server (or no longer trusted): forgetting it here is what is left to do.
      if (!(error instanceof ApiError && (error.status === 401 || error.status === 404))) throw error;
    }
    stopDevice();
    await forgetDevice();
    $('#remove-confirm').hidden = true;
    $('#remove-device').hidden = false;
    $('#phone-number').value = '';
    showView('phone', '#phone-number');
    announce('This device was removed.');
  } catch (error) {
    showError(`The device could not be removed: ${describe(error, 'remove')}`);
  } finally {
    setBusy(button, false);
  }
}

// --- start ---------------------------------------------------------------------------------------------

async function main() {
  $('#phone-form').addEventListener('submit', onPhoneSubmit);
  $('#code-form').addEventListener('submit', onCodeSubmit);
  $('#start-over').addEventListener('click', onStartOver);
  $('#remove-device').addEventListener('click', onRemoveClick);
  $('#remove-device-cancel').addEventListener('click', onRemoveCancel);
  $('#remove-device-confirm').addEventListener('click', onRemoveConfirm);
  $('#registration-code').addEventListener('input', (event) => {
    event.target.value = event.target.value.replace(/\D/g, '').slice(0, 6);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.device) {
      refreshTokens();
      syncApprovals();
    }
  });

  if (!window.isSecureContext || !globalThis.crypto?.subtle) {
    showView('phone');
    $('#phone-form').querySelectorAll('input, button').forEach((element) => { element.disabled = true; });
    showError('This page must be opened over HTTPS (or on localhost): the browser only offers its key storage and signing to secure pages.');
    return;
  }

  let device = null;
  try {
    device = await loadDevice();
  } catch (error) {
    showView('phone');
    showError(error.message);
    return;
  }
  if (device?.keyPair?.privateKey && device.device_id != null) {
    await startDevice(device, { focus: false });
    return;
  }
  const pending = loadPending();
  if (pending) showCodeView(pending, { focus: false });
  else showView('phone');
}

main().catch((error) => {
  showError(`The page could not start: ${error.message}`);
});
