export const OMISE_JS_PATH = '/omise.js';

/** Omise.js gives up on the vault after 30 s (js `src/Omise.js`); `?timeout_ms=` shortens it for tests. */
export const OMISE_JS_TIMEOUT_MS = 30_000;

/**
 * The browser script the vault serves at `/omise.js`: Omise.js's public API (`Omise.setPublicKey`,
 * `Omise.createToken('card', data, (statusCode, response) => …)`, as omise.js's src/Omise.js has it) talking to this
 * vault with fetch instead of Omise's iframe RPC. The vault URL comes from the script's own `src`, so
 * one file works on any host and port; `fallbackVaultUrl` only helps a page that loads it in a way
 * that hides `document.currentScript`. No eval and nothing inline: it runs under a strict CSP.
 */
export function omiseJsSource(fallbackVaultUrl: string): string {
  return `/* Omise.js stand-in served by the omise-signup sandbox. Same public API as https://cdn.omise.co/omise.js. */
(function () {
  'use strict';
  var FALLBACK_VAULT_URL = ${JSON.stringify(fallbackVaultUrl)};
  var DEFAULT_TIMEOUT_MS = ${OMISE_JS_TIMEOUT_MS};

  function ownSource() {
    var current = document.currentScript;
    if (current && current.src) return current.src;
    var scripts = document.querySelectorAll ? document.querySelectorAll('script[src]') : [];
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\\/omise\\.js(?:[?#]|$)/.test(scripts[i].src)) return scripts[i].src;
    }
    return FALLBACK_VAULT_URL + '${OMISE_JS_PATH}';
  }

  var source = new URL(ownSource(), document.baseURI);
  var vaultUrl = source.origin + source.pathname.replace(/\\/omise\\.js$/, '');
  var timeoutMs = Number(source.searchParams.get('timeout_ms')) || DEFAULT_TIMEOUT_MS;
  var publicKey = '';

  function rpcError() {
    return { code: 'rpc_error', message: 'unable to connect to provider after timeout' };
  }

  function setPublicKey(key) {
    publicKey = key;
    return key;
  }

  function createToken(type, data, callback) {
    var done = false;
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = setTimeout(function () {
      if (controller) controller.abort();
      finish(0, rpcError());
    }, timeoutMs);

    function finish(status, response) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        callback(status, response);
      } catch (error) {
        // Surface the page's own error instead of swallowing it in our promise chain.
        setTimeout(function () { throw error; }, 0);
      }
    }

    if (type !== 'card') {
      // Asynchronously, as Omise.js always answers: never before createToken has returned.
      setTimeout(function () {
        finish(400, { object: 'error', code: 'bad_request', message: 'type is currently not supported' });
      }, 0);
      return;
    }
    var request;
    try {
      request = fetch(vaultUrl + '/tokens', {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        headers: { Authorization: 'Basic ' + btoa(publicKey + ':'), 'Content-Type': 'application/json' },
        body: JSON.stringify({ card: data }),
        signal: controller ? controller.signal : undefined
      });
    } catch (error) {
      finish(0, rpcError());
      return;
    }
    request
      .then(function (response) {
        return response.json().then(function (json) {
          finish(response.status, json);
        });
      })
      .catch(function () {
        finish(0, rpcError());
      });
  }

  window.Omise = { setPublicKey: setPublicKey, createToken: createToken };
})();
`;
}
