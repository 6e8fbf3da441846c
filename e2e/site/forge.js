// Test support on the merchant's pages: window.forge(url) frames forger.js from `url` (another
// origin, with the channel in the fragment), lets it pose as both ends of the card frame's
// handshake, waits a second for any answer, and resolves with what it reached and heard.
window.forge = async (url) => {
  const forger = document.createElement('iframe');
  forger.src = url;
  const loaded = new Promise((resolve) => forger.addEventListener('load', resolve));
  document.body.append(forger);
  await loaded;
  forger.contentWindow.postMessage('go', '*');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return new Promise((resolve) => {
    addEventListener('message', (event) => {
      if (event.source === forger.contentWindow && event.data?.forger) resolve(event.data);
    });
    forger.contentWindow.postMessage('report', '*');
  });
};
