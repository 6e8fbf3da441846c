import { CARDS } from '../fixtures/cards.ts';
import { expect, test } from '../fixtures/test.ts';

// Written out here rather than read from the widget's dictionaries, so a missing or English
// string fails the test.
const LOCALES = [
  {
    lang: 'th' as const,
    labels: ['อีเมล', 'คำอธิบาย', 'ชื่อบนบัตร', 'หมายเลขบัตร', 'วันหมดอายุ (MM/YY)', 'รหัสความปลอดภัย'],
    submit: 'สร้างบัญชี',
    emailRequired: 'กรุณากรอกอีเมล',
    luhn: 'หมายเลขบัตรไม่ถูกต้อง กรุณาตรวจสอบ',
    upstream: 'ผู้ให้บริการชำระเงินไม่ตอบสนอง กรุณาลองใหม่ภายหลัง',
    retry: 'ลองอีกครั้ง',
    resultTitle: 'บัญชีของคุณพร้อมแล้ว',
    card: 'Visa ลงท้ายด้วย 4242',
  },
  {
    lang: 'ja' as const,
    labels: ['メールアドレス', '説明', 'カード名義', 'カード番号', '有効期限（MM/YY）', 'セキュリティコード'],
    submit: 'アカウントを作成',
    emailRequired: 'メールアドレスを入力してください。',
    luhn: 'カード番号に誤りがあります。',
    upstream: '決済サービスが応答しません。しばらくしてからお試しください。',
    retry: 'もう一度試す',
    resultTitle: 'アカウントの準備ができました',
    card: 'Visa（末尾 4242）',
  },
];

for (const t of LOCALES) {
  test(`speaks ${t.lang}: labels, checks, failures and the result`, async ({ demo, page, sandbox, saveScreenshot }) => {
    const signup = await demo.open({ lang: t.lang });
    for (const label of t.labels) await expect(signup.field(label)).toBeVisible();
    await saveScreenshot(`form-${t.lang}`, page.getByRole('region', { name: 'Create your account' }));
    await expect(page.getByLabel('Email', { exact: true })).toHaveCount(0);

    await expect(signup.submitButton).toHaveText(t.submit);
    await signup.submit();
    const [email, , , number] = t.labels;
    await expect(await signup.errorFor(email ?? '')).toHaveText(t.emailRequired);

    await signup.fill({ email: `${t.lang}@example.com`, card: { ...CARDS.visa, number: '4242424242424241' } });
    await signup.field(t.labels[5] ?? '').press('Enter');
    await expect(await signup.errorFor(number ?? '')).toHaveText(t.luhn);

    await sandbox.inject({ kind: 'status', status: 500, method: 'POST', path: '/customers' });
    await signup.fill({ card: { number: CARDS.visa.number } });
    await signup.submit();
    await expect(signup.status).toHaveText(t.upstream);
    await expect(signup.root.getByRole('button', { name: t.retry, exact: true })).toBeVisible();
    await signup.retry();

    await expect(page.getByRole('heading', { name: t.resultTitle })).toBeVisible();
    expect(Object.values(await signup.result())).toContain(t.card);
    expect((await sandbox.customers()).map((c) => c.email)).toEqual([`${t.lang}@example.com`]);
  });
}
