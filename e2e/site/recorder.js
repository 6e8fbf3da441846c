// Loaded first on every fixture page: records what the widget tells the page, and every
// Content-Security-Policy violation, for the tests to read back.
window.signupEvents = [];
window.cspViolations = [];

window.recordSignupEvent = (type, widget, detail) => {
  window.signupEvents.push({ type, widget, detail: JSON.parse(JSON.stringify(detail)) });
};

for (const type of ['omise-signup:success', 'omise-signup:error']) {
  document.addEventListener(type, (event) => {
    const region = event.target.closest('section');
    window.recordSignupEvent(type, region?.querySelector('h2')?.textContent ?? '', event.detail);
  });
}

document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective,
    blockedURI: event.blockedURI,
    sample: event.sample,
  });
});
