// The `<script src=".../omise-signup.js">` entry: defines <omise-signup> on load and exposes
// `window.OmiseSignup.mount` for pages that prefer to mount by hand.
import { defineOmiseSignup } from './element.ts';

export { mount } from './mount.ts';

defineOmiseSignup();
