// The merchant's page script, as Omise's docs and omise/omise.js-example teach it: tokenize the
// card with Omise.js on submit, put the token in a hidden field, submit the form. The card fields
// have no `name`, so the card number never reaches the merchant's server.
(() => {
  const form = document.getElementById('signup-form');
  Omise.setPublicKey(form.dataset.publicKey);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name) => form.querySelector(`[data-name="${name}"]`).value;
    const card = {
      name: value('nameOnCard'),
      number: value('cardNumber'),
      expiration_month: value('expiryMonth'),
      expiration_year: value('expiryYear'),
      security_code: value('securityCode'),
    };
    Omise.createToken('card', card, (statusCode, response) => {
      if (statusCode === 200) {
        form.omiseToken.value = response.id;
        form.submit();
      } else {
        document.getElementById('error').textContent = response.message;
      }
    });
  });
})();
