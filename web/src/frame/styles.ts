import { FRAME_BLEED, fieldStyles, LIGHT } from '../styles.ts';

/**
 * The card frame's stylesheet: the widget's field rules over a transparent page, with the light
 * palette as defaults until the widget sends its resolved theme (set on `.os-root`).
 */
export const frameStyles = `html,body{margin:0;padding:0;background:transparent;overflow:hidden}
.os-root{--t:${LIGHT.text};--m:${LIGHT.muted};--f:${LIGHT.field};--b:${LIGHT.border};--e:${LIGHT.error};--p:${LIGHT.primary};--soft:${LIGHT.soft};--r:8px;--s:16px;box-sizing:border-box;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai","Noto Sans JP",sans-serif;color:var(--t);padding:${FRAME_BLEED}px}
.os-root form{display:grid;gap:var(--s);margin:0}
${fieldStyles}`;
