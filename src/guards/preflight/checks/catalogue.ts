import type Stripe from 'stripe';
import { formatMoney } from '../../../base/formatMoney';
import { catalogueEntries, describePriceReference, type CatalogueEntry } from '../catalogueEntries';
import { PROVIDER_TIMEOUT_MS } from '../createContext';
import { errorStatus } from '../describeError';
import { failed, passed, skipped } from '../outcome';
import { lowerFirst } from '../sentence';
import type { CheckOutcome, PreflightCheck, PreflightContext } from '../types';

const IN_MODE = 'catalogue-in-mode';
const MINOR_UNITS = 'amounts-in-minor-units';

/**
 * catalogue-in-mode: every catalogue price (the one-time product's, when the merchant sells one, and every plan's)
 * exists at the provider in the run's mode (by id, else lookup key), is active, and has the catalogue's amount,
 * currency and interval. amounts-in-minor-units: each found price's amount
 * and currency are the catalogue's, in minor units (a JPY price at 100× is yen treated as cents).
 */
export const catalogue: PreflightCheck = {
  id: 'provider.catalogue',
  item: [IN_MODE, MINOR_UNITS],
  async run(context) {
    const entries = catalogueEntries(context.target.catalogue);
    if (entries.length === 0) {
      const reason =
        'The catalogue names no product and no plan, so no price could be checked: add what the merchant sells to the target (catalogue.product, catalogue.plans).';
      return [skipped(reason, { item: IN_MODE }), skipped(reason, { item: MINOR_UNITS })];
    }
    const findings = [];
    for (const entry of entries) findings.push(await judge(context, entry));
    const evidence = findings.map((finding) => finding.evidence);

    const inModeProblems = findings.flatMap((finding) => finding.inModeProblems);
    const amountProblems = findings.flatMap((finding) => finding.amountProblems);
    const found = findings.filter((finding) => finding.price !== undefined);
    // A subscription-only merchant sells no one-time product: its plans are all there is to check.
    const details = [
      ...(context.target.catalogue.product
        ? []
        : ['The merchant sells no one-time product (no catalogue.product): only its plans are checked.']),
      ...findings.map((finding) => finding.line),
    ];

    const inMode: CheckOutcome =
      inModeProblems.length === 0
        ? passed(
            `${entries.length === 1 ? 'The catalogue price exists' : `All ${entries.length} catalogue prices exist`} in ${context.mode} mode, active, at the catalogue's amounts.`,
            { item: IN_MODE, details, evidence },
          )
        : failed(summarise(inModeProblems), { item: IN_MODE, details, evidence });

    let minorUnits: CheckOutcome;
    if (found.length === 0) {
      minorUnits = skipped('No catalogue price was found at the provider, so no amount could be compared (see the catalogue item).', {
        item: MINOR_UNITS,
        details,
        evidence,
      });
    } else if (amountProblems.length === 0) {
      const currencies = [...new Set(found.map((finding) => finding.entry.currency.toLowerCase()))].join(', ');
      minorUnits = passed(
        `${found.length === 1 ? 'The price found at the provider charges' : `The ${found.length} prices found at the provider charge`} exactly the catalogue's amounts in minor units (${currencies}).`,
        { item: MINOR_UNITS, details, evidence },
      );
    } else {
      minorUnits = failed(summarise(amountProblems), { item: MINOR_UNITS, details, evidence });
    }
    return [inMode, minorUnits];
  },
};

interface Finding {
  entry: CatalogueEntry;
  price?: Stripe.Price;
  /** Each a sentence: what is wrong with this price, and what to do. */
  inModeProblems: string[];
  amountProblems: string[];
  line: string;
  evidence: unknown;
}

async function judge(context: PreflightContext, entry: CatalogueEntry): Promise<Finding> {
  const reference = describePriceReference(entry.price);
  const where = `${entry.label}, ${reference}`;
  const lookup = await findPrice(context, entry);
  if ('problem' in lookup) {
    return {
      entry,
      inModeProblems: [lookup.problem],
      amountProblems: [],
      line: lookup.problem,
      evidence: { entry: entry.label, reference, problem: lookup.problem },
    };
  }
  const { price } = lookup;
  const inMode: string[] = [];
  const amounts: string[] = [];
  const mode = context.mode;
  if (!price.active)
    inMode.push(`The price of ${where} (${price.id}) is archived at the provider: activate it, or point the catalogue at an active price.`);
  if (price.livemode !== (mode === 'live')) {
    inMode.push(
      `The price of ${where} (${price.id}) is a ${price.livemode ? 'live' : 'test'}-mode price, but this is a ${mode} run: create it in ${mode} mode and use that price.`,
    );
  }
  const currency = price.currency.toLowerCase();
  const expectedCurrency = entry.currency.toLowerCase();
  if (currency !== expectedCurrency || price.unit_amount !== entry.unitAmount) {
    const problem =
      `The price of ${where} (${price.id}) is ${formatMoney(price.unit_amount, currency)} at the provider, but the catalogue says ${formatMoney(entry.unitAmount, expectedCurrency)}` +
      `${scaleNote(price.unit_amount, entry.unitAmount, currency === expectedCurrency)}: create a price at ${formatMoney(entry.unitAmount, expectedCurrency)} and move the catalogue to it.`;
    inMode.push(problem);
    amounts.push(problem);
  }
  const recurring = recurringProblem(entry, price, where);
  if (recurring) inMode.push(recurring);

  const problems = [...new Set([...inMode, ...amounts])];
  return {
    entry,
    price,
    inModeProblems: inMode,
    amountProblems: amounts,
    line:
      problems.length > 0
        ? problems.join(' ')
        : `${entry.label}: price ${price.id} is active in ${mode} mode at ${formatMoney(price.unit_amount, currency)}${entry.recurring ? ` every ${entry.recurring.intervalCount} ${entry.recurring.interval}` : ''}.`,
    evidence: {
      entry: entry.label,
      reference,
      price: {
        id: price.id,
        active: price.active,
        livemode: price.livemode,
        unit_amount: price.unit_amount,
        currency: price.currency,
        lookup_key: price.lookup_key,
        recurring: price.recurring ? { interval: price.recurring.interval, interval_count: price.recurring.interval_count } : null,
      },
      expected: { unitAmount: entry.unitAmount, currency: entry.currency, recurring: entry.recurring ?? null },
    },
  };
}

async function findPrice(context: PreflightContext, entry: CatalogueEntry): Promise<{ price: Stripe.Price } | { problem: string }> {
  const mode = context.mode;
  const { id, lookupKey } = entry.price;
  if (id) {
    try {
      return { price: await context.provider.prices.retrieve(id, {}, { timeout: PROVIDER_TIMEOUT_MS }) };
    } catch (error) {
      if (errorStatus(error) === 404) {
        return {
          problem: `The price ${id} of ${entry.label} does not exist in ${mode} mode at the provider: create the price in ${mode} mode and put its id in the catalogue.`,
        };
      }
      throw error;
    }
  }
  if (lookupKey) {
    const prices = (await context.provider.prices.list({ lookup_keys: [lookupKey], limit: 10 }, { timeout: PROVIDER_TIMEOUT_MS })).data;
    const price = prices.find((candidate) => candidate.active) ?? prices[0];
    if (price) return { price };
    return {
      problem: `No price with lookup key ${lookupKey} (${entry.label}) exists in ${mode} mode at the provider: create it in ${mode} mode with that lookup key.`,
    };
  }
  return { problem: `The catalogue names no price for ${entry.label}: give it the provider's price id or lookup key.` };
}

function recurringProblem(entry: CatalogueEntry, price: Stripe.Price, where: string): string | undefined {
  const actual = price.recurring ? `every ${price.recurring.interval_count} ${price.recurring.interval}` : 'one-time';
  if (!entry.recurring) {
    return price.recurring
      ? `The price of ${where} (${price.id}) is recurring (${actual}), but the catalogue sells it once: use a one-time price.`
      : undefined;
  }
  const expected = `every ${entry.recurring.intervalCount} ${entry.recurring.interval}`;
  if (
    price.recurring &&
    price.recurring.interval === entry.recurring.interval &&
    price.recurring.interval_count === entry.recurring.intervalCount
  )
    return undefined;
  return `The price of ${where} (${price.id}) bills ${actual}, but the catalogue says ${expected}: create a price that bills ${expected} and move the catalogue to it.`;
}

/** Why an amount is off, when it is off by the factor a minor-unit mistake makes. */
function scaleNote(actual: number | null, expected: number, sameCurrency: boolean): string {
  if (!sameCurrency || actual === null) return '';
  if (actual === expected * 100) return ' (100 times too much: the amount was given as if the currency had cents)';
  if (actual * 100 === expected) return ' (1/100 of it: the amount was divided as if the currency had cents)';
  return '';
}

function summarise(problems: string[]): string {
  const unique = [...new Set(problems)];
  if (unique.length === 1) return unique[0]!;
  return `The catalogue has ${unique.length} problems at the provider; the first: ${lowerFirst(unique[0]!)}`;
}
