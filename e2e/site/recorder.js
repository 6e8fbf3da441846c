// Loaded first on every fixture page: records what the widget tells the page, every
// Content-Security-Policy violation and every uncaught error, for the tests to read back
// (WebDriver classic, which drives WebKit, has no page-error events of its own).
window.signupEvents = [];
window.cspViolations = [];
window.pageErrors = [];

window.addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.pageErrors.push(String(event.reason)));

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
