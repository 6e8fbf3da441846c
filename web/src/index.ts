export {
  defineOmiseSignup,
  OBSERVED_ATTRIBUTES,
  type OmiseSignupElement,
  type OmiseSignupEventMap,
} from './element.ts';
export type { FieldMessage, FieldName, SignupError, SignupErrorCode } from './errors.ts';
export type { Locale } from './i18n/index.ts';
export { type MountHandle, mount } from './mount.ts';
export type { CardIsolation, CardMode, SignupOptions, Theme } from './options.ts';
export type { SignupCustomer } from './response.ts';
export { type FormControlState, SignupForm, type SignupFormProps } from './SignupForm.tsx';
export { styles } from './styles.ts';
