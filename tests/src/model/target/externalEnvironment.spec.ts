import { test, expect } from '@playwright/test';
import { ConfigError } from '../../../../src/base/configError';
import { externalEnvironment } from '../../../../src/model/target/externalEnvironment';

const BASE: NodeJS.ProcessEnv = {
  REHEARSAL_MERCHANT_URL: 'https://shop.example.com/',
  STRIPE_SECRET_KEY: 'sk_test_external_0000',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_external_0000',
  REFERRAL_API_BASE: 'https://referral.example.com',
  REFERRAL_SECRET_KEY: 'sk_test_referral_external_0000',
  REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_external_0000',
};
const SIGNING_SECRET = 'whsec_external_signing_secret_0000';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    externalEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

test.describe('the external environment (a running integration)', () => {
  test('needs only the referral platform endpoint, at its default URL, when the merchant names no webhook', () => {
    const environment = externalEnvironment(BASE);
    expect(environment.merchant.webhook).toBeUndefined();
    expect(environment.requiredWebhookEndpoints).toEqual([
      {
        name: 'the referral platform',
        url: 'https://referral.example.com/v1/provider/webhooks',
        events: ['checkout.session.completed', 'invoice.paid', 'charge.refunded'],
      },
    ]);
  });

  test("adds the merchant's endpoint from MERCHANT_WEBHOOK_URL, its secret and the default events", () => {
    const environment = externalEnvironment({
      ...BASE,
      MERCHANT_WEBHOOK_URL: 'https://shop.example.com/webhooks/stripe/',
      MERCHANT_WEBHOOK_SECRET: SIGNING_SECRET,
      REFERRAL_PROVIDER_WEBHOOK_URL: 'https://hooks.referral.example.com/stripe',
    });
    expect(environment.merchant.baseUrl).toBe('https://shop.example.com');
    expect(environment.merchant.webhook?.url, 'the URL exactly as registered').toBe('https://shop.example.com/webhooks/stripe/');
    // A boolean: a failing comparison must not print the secret.
    expect(environment.merchant.webhook?.signingSecret === SIGNING_SECRET, 'the signing secret is passed on').toBe(true);
    expect(environment.requiredWebhookEndpoints).toEqual([
      { name: 'the merchant', url: 'https://shop.example.com/webhooks/stripe/', events: ['checkout.session.completed', 'charge.refunded'] },
      {
        name: 'the referral platform',
        url: 'https://hooks.referral.example.com/stripe',
        events: ['checkout.session.completed', 'invoice.paid', 'charge.refunded'],
      },
    ]);
  });

  test('reads MERCHANT_WEBHOOK_EVENTS as a comma list; the signing secret stays optional', () => {
    const environment = externalEnvironment({
      ...BASE,
      MERCHANT_WEBHOOK_URL: 'https://shop.example.com/webhooks/stripe',
      MERCHANT_WEBHOOK_EVENTS: ' checkout.session.completed, charge.refunded ,invoice.paid,',
    });
    expect(environment.merchant.webhook).toEqual({ url: 'https://shop.example.com/webhooks/stripe' });
    expect(environment.requiredWebhookEndpoints[0]?.events).toEqual(['checkout.session.completed', 'charge.refunded', 'invoice.paid']);
  });

  test("defaults the merchant's events by the target's payment form: a Payment Element shop needs payment_intent.succeeded", () => {
    const env = { ...BASE, MERCHANT_WEBHOOK_URL: 'https://shop.example.com/webhooks/stripe' };
    const merchantEvents = (options?: Parameters<typeof externalEnvironment>[1]) =>
      externalEnvironment(env, options).requiredWebhookEndpoints[0];
    expect(merchantEvents({ paymentForm: 'embedded-elements' })).toEqual({
      name: 'the merchant',
      url: 'https://shop.example.com/webhooks/stripe',
      events: ['payment_intent.succeeded', 'charge.refunded'],
    });
    expect(merchantEvents({ paymentForm: 'hosted-checkout' })?.events).toEqual(['checkout.session.completed', 'charge.refunded']);
    expect(merchantEvents({})?.events, 'no payment form: hosted Checkout').toEqual(['checkout.session.completed', 'charge.refunded']);
    expect(merchantEvents()?.events, 'no options: hosted Checkout').toEqual(['checkout.session.completed', 'charge.refunded']);
    const listed = externalEnvironment(
      { ...env, MERCHANT_WEBHOOK_EVENTS: 'payment_intent.succeeded,payment_intent.payment_failed' },
      { paymentForm: 'embedded-elements' },
    );
    expect(listed.requiredWebhookEndpoints[0]?.events, 'MERCHANT_WEBHOOK_EVENTS wins over the default').toEqual([
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
    ]);
    const referral = externalEnvironment(env, { paymentForm: 'embedded-elements' }).requiredWebhookEndpoints[1];
    expect(referral?.events, "the referral platform's events do not depend on the payment form").toEqual([
      'checkout.session.completed',
      'invoice.paid',
      'charge.refunded',
    ]);
  });

  test("a target that declares plans needs invoice.paid and customer.subscription.deleted at the merchant's endpoint, unless MERCHANT_WEBHOOK_EVENTS says", () => {
    const env = { ...BASE, MERCHANT_WEBHOOK_URL: 'https://shop.example.com/webhooks/stripe' };
    const plan = {
      slug: 'club',
      name: 'Club',
      unitAmount: 1500,
      currency: 'usd',
      interval: 'month' as const,
      intervalCount: 1,
      price: { lookupKey: 'club' },
      expectedCommission: 300,
    };
    const merchantEvents = (options: Parameters<typeof externalEnvironment>[1], variables: NodeJS.ProcessEnv = env) =>
      externalEnvironment(variables, options).requiredWebhookEndpoints[0]?.events;
    expect(merchantEvents({ plans: [plan] })).toEqual([
      'checkout.session.completed',
      'charge.refunded',
      'invoice.paid',
      'customer.subscription.deleted',
    ]);
    expect(merchantEvents({ paymentForm: 'embedded-elements', plans: [plan] })).toEqual([
      'payment_intent.succeeded',
      'charge.refunded',
      'invoice.paid',
      'customer.subscription.deleted',
    ]);
    expect(merchantEvents({ plans: [] }), 'no plans: the payment form alone').toEqual(['checkout.session.completed', 'charge.refunded']);
    expect(
      merchantEvents({ plans: [plan] }, { ...env, MERCHANT_WEBHOOK_EVENTS: 'checkout.session.completed' }),
      'MERCHANT_WEBHOOK_EVENTS wins',
    ).toEqual(['checkout.session.completed']);
  });

  test("reads REFERRAL_PROVIDER_WEBHOOK_EVENTS as the referral platform endpoint's events", () => {
    const environment = externalEnvironment({ ...BASE, REFERRAL_PROVIDER_WEBHOOK_EVENTS: ' payment_intent.succeeded ,charge.refunded,, ' });
    expect(environment.requiredWebhookEndpoints).toEqual([
      {
        name: 'the referral platform',
        url: 'https://referral.example.com/v1/provider/webhooks',
        events: ['payment_intent.succeeded', 'charge.refunded'],
      },
    ]);
    const everything = externalEnvironment({ ...BASE, REFERRAL_PROVIDER_WEBHOOK_EVENTS: '*' });
    expect(everything.requiredWebhookEndpoints[0]?.events).toEqual(['*']);
  });

  test('refuses a REFERRAL_PROVIDER_WEBHOOK_EVENTS that is not a list of event types, suggesting its default', () => {
    for (const value of ['invoice paid', ',', 'Invoice.Paid']) {
      const error = configErrorOf({ ...BASE, REFERRAL_PROVIDER_WEBHOOK_EVENTS: value });
      expect(error.message).toBe(
        `REFERRAL_PROVIDER_WEBHOOK_EVENTS="${value}" is not a comma-separated list of event types: set it to e.g. checkout.session.completed,invoice.paid,charge.refunded.`,
      );
    }
  });

  test('refuses a signing secret without the URL it signs for, without printing the secret', () => {
    const error = configErrorOf({ ...BASE, MERCHANT_WEBHOOK_SECRET: SIGNING_SECRET });
    expect(error.message).toContain('MERCHANT_WEBHOOK_URL');
    expect(error.message.includes(SIGNING_SECRET)).toBe(false);
  });

  test('refuses a webhook URL that is not http(s) and an event list that is not one', () => {
    expect(configErrorOf({ ...BASE, MERCHANT_WEBHOOK_URL: 'shop.example.com/webhooks' }).message).toContain('MERCHANT_WEBHOOK_URL');
    expect(configErrorOf({ ...BASE, REFERRAL_PROVIDER_WEBHOOK_URL: 'ftp://referral.example.com' }).message).toContain(
      'REFERRAL_PROVIDER_WEBHOOK_URL',
    );
    const events = configErrorOf({
      ...BASE,
      MERCHANT_WEBHOOK_URL: 'https://shop.example.com/hooks',
      MERCHANT_WEBHOOK_EVENTS: 'checkout session completed',
    });
    expect(events.message).toContain('MERCHANT_WEBHOOK_EVENTS');
  });

  test('refuses secrets shorter than 8 characters (they cannot be redacted), naming each variable and never its value', () => {
    const admin = configErrorOf({ ...BASE, MERCHANT_ADMIN_KEY: ' adm1234 ' });
    expect(admin.message).toBe(
      "MERCHANT_ADMIN_KEY is shorter than 8 characters, too short to be kept out of the reports: set it to the real secret (see .env.example), or unset MERCHANT_ADMIN_KEY if your target's flows do not need it.",
    );
    const both = configErrorOf({
      ...BASE,
      STRIPE_SECRET_KEY: 'sk_1',
      MERCHANT_WEBHOOK_URL: 'https://shop.example.com/hooks',
      MERCHANT_WEBHOOK_SECRET: 'whsec_',
    });
    expect(both.message).toMatch(/^STRIPE_SECRET_KEY, MERCHANT_WEBHOOK_SECRET are shorter than 8 characters/);
    expect(both.message.includes('sk_1') || both.message.includes('whsec_')).toBe(false);
    expect(
      externalEnvironment({ ...BASE, MERCHANT_ADMIN_KEY: 'adm12345' }).merchant.adminKey === 'adm12345',
      'eight characters are enough',
    ).toBe(true);
  });
});
