// The widget inside the merchant's own form: only its endpoint comes from the test stack.
document.querySelector('omise-signup').setAttribute('endpoint', window.e2eEnv.endpoint);
