/*
 * The demo page's "Sign in as a demo customer" switch. Signed in, the page asks Baton's demo endpoint for an identity
 * token (POST /demo/identity, as a product asks its own server) and starts the messenger with it; signed out, it
 * shuts the messenger down (forgetting that customer's chat on this device) and starts it for an anonymous visitor.
 * The choice is kept for the tab, so a reload stays signed in.
 */
(() => {
  const KEY = 'perkful-demo-customer';
  const signedIn = () => sessionStorage.getItem(KEY) === '1';

  async function bootAsCustomer() {
    const response = await fetch('/demo/identity', { method: 'POST' });
    if (!response.ok) throw new Error(`the demo identity was refused (${response.status})`);
    const { token } = await response.json();
    window.Baton.boot({ user: { token } });
  }

  // Before the messenger's script: a signed-in tab must not start an anonymous chat first.
  if (signedIn()) window.BatonSettings = { autoBoot: false };

  window.addEventListener('load', () => {
    const box = document.getElementById('demo-customer');
    box.checked = signedIn();
    if (signedIn()) bootAsCustomer().catch((e) => console.warn(e.message));
    box.addEventListener('change', () => {
      sessionStorage.setItem(KEY, box.checked ? '1' : '0');
      window.Baton.shutdown();
      if (box.checked) bootAsCustomer().catch((e) => console.warn(e.message));
      else window.Baton.boot({});
    });
  });
})();
