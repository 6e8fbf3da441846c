import { describe, expect, it } from 'vitest';
import { sandboxCustomers, useProxies, useSandbox } from '../test-support/harness.ts';

const world = useSandbox();
const newProxy = useProxies(world);
/** The real proxy with a quota of one create per mailbox per hour. */
const onePerMailbox = () => newProxy({ RATE_LIMIT_EMAIL_PER_HOUR: '1' });

describe('the per-email limit', () => {
  it.each([
    ['victim+1@gmail.com', 'a +tag'],
    ['vi.ctim@gmail.com', 'dots at Gmail'],
    ['VICTIM@googlemail.com', 'upper case at googlemail.com'],
    ['Vi.Ctim+promo@GoogleMail.COM', 'all of them'],
  ])('counts %j (%s) against victim@gmail.com', async (spelling) => {
    const limited = await onePerMailbox();
    expect((await limited.post({ email: 'victim@gmail.com' })).status).toBe(201);
    const again = await limited.post({ email: spelling });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'rate_limited' });
    expect(again.body.message).toMatch(
      /^Too many sign-up attempts for this email address\. Try again in \d+ minutes\.$/,
    );
  });

  it('gives the spellings of one mailbox one quota, whichever comes first', async () => {
    const limited = await onePerMailbox();
    const spellings = ['victim+1@gmail.com', 'vi.ctim@gmail.com', 'VICTIM@googlemail.com', 'victim+2@gmail.com'];
    const statuses = [];
    for (const email of spellings) statuses.push((await limited.post({ email })).status);
    expect(statuses).toEqual([201, 429, 429, 429]);
  });

  it('keeps the address as typed on the customer', async () => {
    const limited = await onePerMailbox();
    const response = await limited.post({ email: 'Vi.Ctim+Shop@GoogleMail.com' });
    expect(response.status).toBe(201);
    expect(response.body.email).toBe('Vi.Ctim+Shop@GoogleMail.com');
    expect((await sandboxCustomers(world.sandbox)).map((customer) => customer.email)).toEqual([
      'Vi.Ctim+Shop@GoogleMail.com',
    ]);
  });

  it('keeps other mailboxes apart: dots count outside Gmail, other names and domains are others', async () => {
    const limited = await onePerMailbox();
    for (const email of ['vi.ctim@example.com', 'victim@example.com', 'victim2@gmail.com', 'victim@gmail.co']) {
      expect((await limited.post({ email })).status).toBe(201);
    }
  });
});
