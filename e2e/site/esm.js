// A single-page app that imports the ESM build and mounts the form itself, then takes it down.
import { mount } from '/widget/esm/index.js';

const env = window.e2eEnv;
const inline = new URLSearchParams(location.search).get('isolation') === 'inline';
const host = document.querySelector('.signup-host');
const show = document.getElementById('show');
const hide = document.getElementById('hide');
let handle = null;

function sync() {
  show.disabled = handle !== null;
  hide.disabled = handle === null;
}

show.addEventListener('click', () => {
  handle = mount(host, {
    endpoint: env.endpoint,
    publicKey: env.publicKey,
    omiseJsUrl: env.omiseJsUrl,
    ...(inline ? { cardIsolation: 'inline' } : { cardFrameUrl: env.cardFrameUrl }),
    description: 'Mounted by hand',
    onSuccess: (customer) => window.recordSignupEvent('omise-signup:success', 'mounted', customer),
    onError: (error) => window.recordSignupEvent('omise-signup:error', 'mounted', error),
  });
  sync();
});

hide.addEventListener('click', () => {
  handle?.unmount();
  handle = null;
  sync();
});

sync();
