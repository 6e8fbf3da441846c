import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARDS } from '../fixtures/cards.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: Thai', () => {
  const webkit = useWebKit();

  test('speaks Thai: labels, a check, the result', async () => {
    const signup = await webkit.openDemo({ lang: 'th' });
    // Written out, not read from the widget's dictionary, so an English or missing string fails.
    for (const label of ['อีเมล', 'คำอธิบาย', 'ชื่อบนบัตร', 'หมายเลขบัตร', 'วันหมดอายุ (MM/YY)', 'รหัสความปลอดภัย']) {
      assert.equal(await signup.hasField(label), true, `a field labelled ${label}`);
    }
    assert.equal(await signup.hasField('Email'), false);
    assert.equal(await signup.hasField('Card number'), false);
    // The card frame speaks it too, and names itself in it.
    assert.equal(await signup.inCardFrame(() => document.documentElement.lang), 'th');
    const frame = await webkit.browser.execute(() => {
      const iframe = document.querySelector('omise-signup')?.shadowRoot?.querySelector('iframe');
      return { title: iframe?.title, role: iframe?.getAttribute('role') ?? null };
    });
    assert.deepEqual(frame, { title: 'ช่องข้อมูลบัตร', role: null });

    await signup.fill({ email: 'th@example.com', card: { ...CARDS.visa, number: '4242424242424241' } });
    await signup.press('สร้างบัญชี');
    await signup.errorIs('หมายเลขบัตร', 'หมายเลขบัตรไม่ถูกต้อง กรุณาตรวจสอบ');

    await signup.type('หมายเลขบัตร', CARDS.visa.number);
    await signup.press('สร้างบัญชี');
    assert.ok(Object.values(await signup.result()).includes('Visa ลงท้ายด้วย 4242'));
    assert.deepEqual(
      (await webkit.sandbox.customers()).map((c) => c.email),
      ['th@example.com'],
    );
    await webkit.screenshot('webkit-th-result', 'section[aria-labelledby="signup-title"]');
  });
});
