/**
 * `@omise-signup/web/omise-signup.js` is the script-tag bundle, a classic script rather than a
 * module: serve the file (`import.meta.resolve` finds it) and load it with
 * `<script src="…/omise-signup.js" defer>`. It defines `<omise-signup>` and
 * `window.OmiseSignup.mount`, and exports nothing; import `@omise-signup/web` for the API.
 */
export {};
