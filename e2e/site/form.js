// The widget inside the merchant's own form: only its endpoint and card frame come from the test stack.
const widget = document.querySelector('omise-signup');
widget.setAttribute('endpoint', window.e2eEnv.endpoint);
if (new URLSearchParams(location.search).get('isolation') === 'inline') widget.setAttribute('card-isolation', 'inline');
else widget.setAttribute('card-frame-url', window.e2eEnv.cardFrameUrl);
// ?reload=true: a page the back-forward cache does not keep (an unload listener), so Back loads it
// again and the browser restores its form fields, the widget's through formStateRestoreCallback.
if (new URLSearchParams(location.search).get('reload') === 'true') addEventListener('unload', () => {});
