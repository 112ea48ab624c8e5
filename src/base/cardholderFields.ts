/**
 * Which fields of a provider object hold the card holder's personal data: their name, postal address and phone.
 * In live mode they are a real person's, so attachments mask them (redact's `cardholder` option); in test mode they
 * are the fake run customer's and stay. The email is kept: a run's customer email is the run's own marker
 * (`rehearsal+<runId>@…`), which evidence and cleanup look objects up by.
 */

/** Key names (lower case, without `-`, `_`, spaces) that hold the holder's data wherever they appear. */
const ALWAYS = new Set([
  'address',
  'billingaddress',
  'shippingaddress',
  'customeraddress',
  'postalcode',
  'billingpostalcode',
  'phone',
  'customerphone',
  'customername',
  'cardholdername',
  'holdername',
]);

/**
 * Objects that describe the person who paid: the provider's billing_details (payment method, charge),
 * customer_details (checkout session), shipping / shipping_details (charge, payment intent, session), an invoice's
 * customer_shipping, a source's owner. Their `name` is the holder's.
 */
const PERSON_OBJECTS = new Set([
  'billingdetails',
  'customerdetails',
  'shipping',
  'shippingdetails',
  'customershipping',
  'owner',
  'cardholder',
  'customer',
]);

/** Name fields of a person object. */
const NAME_FIELDS = new Set(['name', 'individualname']);

/**
 * True when `owner[key]` is the card holder's name, address or phone: an address, phone or holder-name field
 * anywhere, or the name of an object describing the person who paid (under one of PERSON_OBJECTS, a provider
 * customer, the run's customer with its billing country and postal code).
 */
export function isCardholderField(owner: object, key: string, ownerKey: string | undefined): boolean {
  const name = normalize(key);
  if (ALWAYS.has(name)) return true;
  if (!NAME_FIELDS.has(name)) return false;
  if (ownerKey !== undefined && PERSON_OBJECTS.has(normalize(ownerKey))) return true;
  const fields = owner instanceof Map ? Object.fromEntries(owner) : (owner as Record<string, unknown>);
  return fields.object === 'customer' || 'billingPostalCode' in fields || 'billingCountry' in fields;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}
