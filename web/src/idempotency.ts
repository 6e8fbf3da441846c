/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, so a page served over
 * plain http on a LAN address falls back to `getRandomValues`.
 */
export function randomUuid(): string {
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (Number(c) ^ ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) & (15 >> (Number(c) / 4)))).toString(16),
    )
  );
}

/** A fresh Idempotency-Key. */
export const newIdempotencyKey = randomUuid;
