// A window of an origin the card frame does not allow, framed by the merchant's page, that knows
// the widget's channel (from its URL fragment): it poses as the card frame to the widget, and as
// the widget to every frame it can reach. It reports every answer it gets, and how far it got.
const channel = location.hash.slice(1);
const heard = [];
let reached = 0;
addEventListener('message', (event) => {
  if (event.data === 'go' && event.source === parent) {
    // To the widget's window: "I am the card frame".
    parent.postMessage({ protocol: 'omise-card-frame', v: 1, type: 'hello', channel }, '*');
    // To every other frame of the page: "I am the widget", and a tokenize without any handshake.
    for (let i = 0; i < parent.frames.length; i++) {
      const frame = parent.frames[i];
      if (frame === window) continue;
      reached++;
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (answer) => heard.push(JSON.stringify(answer.data));
      frame.postMessage({ protocol: 'omise-card-frame', v: 1, type: 'connect', channel }, '*', [port2]);
      frame.postMessage({ v: 1, type: 'tokenize', id: 1 }, '*');
    }
  } else if (event.data === 'report' && event.source === parent) {
    parent.postMessage({ forger: true, reached, heard }, '*');
  } else if (event.source !== parent || event.data !== 'go') {
    // Anything sent to this window (a connect from the widget, say) is an answer it must not get.
    heard.push(JSON.stringify(event.data));
  }
});
