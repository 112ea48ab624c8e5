import { CHECKLIST, isChecklistItemId, type ChecklistItemId } from '../checklist/catalogue';
import { isReferralPlatformName, readReferralPlatformName, type ReferralPlatformChoice } from '../target/referralPlatformChoice';
import { closeMatches } from './closeMatches';
import { ConfigError } from '../../base/configError';
import type { RehearsalFileConfig } from './defineConfig';

/** `rehearsal.config.ts` once checked: every field validated, currencies lowercased; empty when there is no file. */
export interface FileSettings {
  /** The file it was read from; absent when there was none (built-in defaults). */
  file?: string;
  target?: string;
  urls: { merchant?: string; providerApi?: string; referralApi?: string };
  referralPlatform?: ReferralPlatformChoice;
  checklistSkip: ChecklistItemId[];
  /** Minor units per lowercase currency code. */
  amountCap: Record<string, number>;
  eventTimeoutMs?: number;
  settleWindowMs?: number;
}

const SETTINGS = [
  'target',
  'urls',
  'referral',
  'checklist',
  'amountCap',
  'eventTimeoutMs',
  'settleWindowMs',
] as const satisfies ReadonlyArray<keyof RehearsalFileConfig>;
const URL_SETTINGS = ['merchant', 'providerApi', 'referralApi'] as const;
/** A key's prefix anywhere in a string: sk_/rk_/pk_ (provider and referral keys) or whsec_ (webhook signing secrets). */
const KEY_LOOKALIKE = /(?:^|[^A-Za-z0-9])(sk|rk|pk|whsec)_/;

/**
 * Checks what `rehearsal.config.ts` exported, in the order a newcomer fixes things: first that no value looks like
 * a key or secret (never echoed back), then every field. Throws a one-line ConfigError starting with `label`.
 */
export function checkFileConfig(value: unknown, label: string): FileSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${label}: its default export is not a config object: write \`export default defineConfig({ ... })\`.`);
  }
  rejectSecrets(value, label);
  const config = value as Record<string, unknown>;
  const unknown = Object.keys(config).filter((key) => !(SETTINGS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(`${label}: unknown setting ${quoteList(unknown)} (the settings are ${SETTINGS.join(', ')}).`);
  }
  const settings: FileSettings = {
    urls: readUrls(config.urls, label),
    checklistSkip: readSkip(config.checklist, label),
    amountCap: readAmountCap(config.amountCap, label),
  };
  const target = readTarget(config.target, label);
  if (target !== undefined) settings.target = target;
  const platform = readPlatform(config.referral, label);
  if (platform !== undefined) settings.referralPlatform = platform;
  if (config.eventTimeoutMs !== undefined)
    settings.eventTimeoutMs = positiveWhole(config.eventTimeoutMs, `${label}: eventTimeoutMs`, 'milliseconds, e.g. 15000');
  if (config.settleWindowMs !== undefined)
    settings.settleWindowMs = positiveWhole(config.settleWindowMs, `${label}: settleWindowMs`, 'milliseconds, e.g. 5000');
  return settings;
}

/** Any string (at any depth, keys included) that looks like a key: one line naming where, never the value. */
function rejectSecrets(value: unknown, label: string): void {
  const found = findKeyLookalike(value, '');
  if (found !== undefined) {
    throw new ConfigError(
      `${label}: ${found.where} looks like a key (${found.prefix}_…): keys and secrets belong in .env, not rehearsal.config.ts.`,
    );
  }
}

function findKeyLookalike(value: unknown, where: string): { where: string; prefix: string } | undefined {
  if (typeof value === 'string') {
    const match = KEY_LOOKALIKE.exec(value);
    return match ? { where: where || 'a value', prefix: match[1]! } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findKeyLookalike(item, `${where}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const path = where ? `${where}.${key}` : key;
      const keyMatch = KEY_LOOKALIKE.exec(key);
      if (keyMatch) return { where: `the setting name ${where ? `under ${where}` : 'at the top'}`, prefix: keyMatch[1]! };
      const found = findKeyLookalike(item, path);
      if (found) return found;
    }
  }
  return undefined;
}

function readTarget(value: unknown, label: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) {
    throw new ConfigError(
      `${label}: target must name a directory of targets/ (lowercase letters, digits and dashes, e.g. "my-shop"), not ${show(value)}.`,
    );
  }
  return value;
}

function readUrls(value: unknown, label: string): FileSettings['urls'] {
  if (value === undefined) return {};
  const urls = plainObject(value, `${label}: urls`, `{ merchant: 'https://shop.example' }`);
  const unknown = Object.keys(urls).filter((key) => !(URL_SETTINGS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${label}: unknown setting ${quoteList(unknown.map((key) => `urls.${key}`))} (urls takes ${URL_SETTINGS.join(', ')}).`,
    );
  }
  const read: FileSettings['urls'] = {};
  for (const name of URL_SETTINGS) {
    const url = urls[name];
    if (url === undefined) continue;
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      throw new ConfigError(`${label}: urls.${name} must be an http(s) URL, e.g. https://shop.example, not ${show(url)}.`);
    }
    read[name] = url.trim().replace(/\/+$/, '');
  }
  return read;
}

function readPlatform(value: unknown, label: string): ReferralPlatformChoice | undefined {
  if (value === undefined) return undefined;
  const referral = plainObject(value, `${label}: referral`, "{ platform: 'rewardful' }");
  const unknown = Object.keys(referral).filter((key) => key !== 'platform');
  if (unknown.length > 0)
    throw new ConfigError(`${label}: unknown setting ${quoteList(unknown.map((key) => `referral.${key}`))} (referral takes platform).`);
  const platform = referral.platform;
  if (platform === undefined) return undefined;
  if (typeof platform === 'string')
    return isReferralPlatformName(platform) ? platform : readReferralPlatformName(platform, `${label}: referral.platform`);
  if (typeof platform !== 'function') {
    throw new ConfigError(
      `${label}: referral.platform must be a platform's name ('rewardful', 'dub', 'dress-rehearsal') or a function (access) => ReferralPlatform (see docs/referral-adapter.md), not ${show(platform)}.`,
    );
  }
  return platform as ReferralPlatformChoice;
}

function readSkip(value: unknown, label: string): ChecklistItemId[] {
  if (value === undefined) return [];
  const checklist = plainObject(value, `${label}: checklist`, "{ skip: ['payout-account-verified'] }");
  const unknown = Object.keys(checklist).filter((key) => key !== 'skip');
  if (unknown.length > 0)
    throw new ConfigError(`${label}: unknown setting ${quoteList(unknown.map((key) => `checklist.${key}`))} (checklist takes skip).`);
  if (checklist.skip === undefined) return [];
  if (!Array.isArray(checklist.skip) || checklist.skip.some((id) => typeof id !== 'string')) {
    throw new ConfigError(`${label}: checklist.skip must be a list of checklist item ids, e.g. ['payout-account-verified'].`);
  }
  const ids = CHECKLIST.map((item) => item.id);
  const skip: ChecklistItemId[] = [];
  for (const id of checklist.skip as string[]) {
    if (isChecklistItemId(id)) {
      if (!skip.includes(id)) skip.push(id);
      continue;
    }
    const close = closeMatches(id, ids);
    const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : 'no item has a similar id';
    throw new ConfigError(
      `${label}: checklist.skip has "${id}", which is not a checklist item (${hint}); the ids are in src/model/checklist/catalogue.ts.`,
    );
  }
  return skip;
}

function readAmountCap(value: unknown, label: string): Record<string, number> {
  if (value === undefined) return {};
  const caps = plainObject(value, `${label}: amountCap`, '{ usd: 5000, jpy: 5000 }');
  const read: Record<string, number> = {};
  for (const [currency, amount] of Object.entries(caps)) {
    if (!/^[a-z]{3}$/i.test(currency)) {
      throw new ConfigError(
        `${label}: amountCap has "${currency}", which is not a currency code: use three-letter ISO codes, e.g. { usd: 5000, jpy: 5000 }.`,
      );
    }
    read[currency.toLowerCase()] = positiveWhole(
      amount,
      `${label}: amountCap.${currency}`,
      `minor units, e.g. 5000 (= 50.00 usd, or 5000 jpy)`,
    );
  }
  return read;
}

function positiveWhole(value: unknown, what: string, example: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`${what} must be a positive whole number of ${example}, not ${show(value)}.`);
  }
  return value;
}

function plainObject(value: unknown, what: string, example: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${what} must be an object, e.g. ${example}, not ${show(value)}.`);
  }
  return value as Record<string, unknown>;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
