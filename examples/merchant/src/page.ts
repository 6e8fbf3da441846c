const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The shop's own signup page: its fields, and the widget as one more field of the form. */
export function signupPage(error?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Join Baan Books</title>
  <link rel="stylesheet" href="/shop.css">
  <script src="/widget/omise-signup.js" defer></script>
</head>
<body>
  <main>
    <h1>Join Baan Books</h1>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/signup">
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8">
      <omise-signup name="omise_customer" required></omise-signup>
      <button type="submit">Join</button>
    </form>
  </main>
</body>
</html>
`;
}

export function welcomePage(username: string, customerId: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Welcome</title><link rel="stylesheet" href="/shop.css"></head>
<body><main>
  <h1>Welcome, ${escapeHtml(username)}</h1>
  <p>Your payment profile <code>${escapeHtml(customerId)}</code> is saved.</p>
</main></body>
</html>
`;
}
