import { CONFIRM_LIVE_FLAG_VARIABLE } from './rehearsalConfig';

/** The operator's card for live mode, as typed into the environment (REHEARSAL_LIVE_CARD_*); any part may be missing. */
export interface LiveCardSettings {
  number?: string;
  /** MM/YY */
  expiry?: string;
  cvc?: string;
  name?: string;
  postalCode?: string;
}

/**
 * The settings the live guard (src/guards/liveMode) judges, read as typed: nothing here is validated, so the guard
 * can report every problem at once, one line each.
 */
export interface LiveSettings {
  /** `--confirm-live` was given (REHEARSAL_CONFIRM_LIVE_FLAG=1). */
  confirmLiveFlag: boolean;
  /** REHEARSAL_CONFIRM_LIVE: the provider account's display name or the merchant's host, typed by the operator. */
  confirmLive?: string;
  /** REHEARSAL_MAX_AMOUNT as typed (minor units, every currency); wins over `amountCap`. */
  maxAmount?: string;
  /** rehearsal.config.ts's `amountCap`: minor units per lowercase currency (see amountCapFor in ./amountCaps). */
  amountCap?: Record<string, number>;
  card: LiveCardSettings;
}

export const LIVE_CARD_VARIABLES = {
  number: 'REHEARSAL_LIVE_CARD_NUMBER',
  expiry: 'REHEARSAL_LIVE_CARD_EXPIRY',
  cvc: 'REHEARSAL_LIVE_CARD_CVC',
  name: 'REHEARSAL_LIVE_CARD_NAME',
  postalCode: 'REHEARSAL_LIVE_CARD_POSTAL_CODE',
} as const satisfies Record<keyof LiveCardSettings, string>;

/**
 * The live guard's settings from the environment, plus the per-currency caps of rehearsal.config.ts when given
 * (`loadRehearsal(...).amountCap`).
 */
export function readLiveSettings(
  env: NodeJS.ProcessEnv = process.env,
  fromFile: { amountCap?: Record<string, number> } = {},
): LiveSettings {
  const card: LiveCardSettings = {};
  for (const [part, variable] of Object.entries(LIVE_CARD_VARIABLES) as Array<[keyof LiveCardSettings, string]>) {
    const value = text(env[variable]);
    if (value !== undefined) card[part] = value;
  }
  const settings: LiveSettings = { confirmLiveFlag: env[CONFIRM_LIVE_FLAG_VARIABLE]?.trim() === '1', card };
  const confirmLive = text(env.REHEARSAL_CONFIRM_LIVE);
  if (confirmLive !== undefined) settings.confirmLive = confirmLive;
  const maxAmount = text(env.REHEARSAL_MAX_AMOUNT);
  if (maxAmount !== undefined) settings.maxAmount = maxAmount;
  if (fromFile.amountCap && Object.keys(fromFile.amountCap).length > 0) settings.amountCap = { ...fromFile.amountCap };
  return settings;
}

/** REHEARSAL_MAX_AMOUNT as a number of minor units, or undefined when it is unset or not a positive whole number. */
export function parseMaxAmount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const amount = Number(text.trim());
  return Number.isSafeInteger(amount) && amount > 0 ? amount : undefined;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
