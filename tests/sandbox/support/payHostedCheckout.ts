/**
 * Pays a checkout session on the sandbox provider's hosted page as a customer's browser would (the form's POST), with
 * Stripe's 4242 test card; resolves the page's answer (303 to the success URL when the payment went through).
 */
export function payHostedCheckout(
  providerUrl: string,
  sessionId: string,
  billing: { country: string; postalCode: string } = { country: 'US', postalCode: '94107' },
): Promise<Response> {
  return fetch(`${providerUrl}/c/pay/${sessionId}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'buyer@example.test',
      cardNumber: '4242 4242 4242 4242',
      cardExpiry: '12 / 34',
      cardCvc: '123',
      billingName: 'Buyer',
      billingCountry: billing.country,
      billingPostalCode: billing.postalCode,
    }),
  });
}
