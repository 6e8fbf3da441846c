import { en } from './en.ts';
import { ja } from './ja.ts';
import { th } from './th.ts';

/** Every locale's strings, for test kits that find the widget's fields by their labels. */
export const messages = { en, th, ja } as const;
export type { Messages } from './en.ts';
