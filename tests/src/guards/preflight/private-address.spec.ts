import { expect, test } from '@playwright/test';
import { isLoopbackUrl, nonPublicHost, nonPublicUrl } from '../../../../src/base/loopback';

/* Where a webhook URL is, from the text alone: this machine, a private network, or (anything else) the internet. */

const CASES: Array<[host: string, kind: 'loopback' | 'private' | 'public']> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['[::1]', 'loopback'],
  ['::1', 'loopback'],
  ['localhost', 'loopback'],
  ['LOCALHOST', 'loopback'],
  ['shop.localhost', 'loopback'],
  ['localhost.', 'loopback'],
  ['0.0.0.0', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'], // ::ffff:127.0.0.1, as URL writes it
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.20', 'private'],
  ['169.254.169.254', 'private'],
  ['100.64.0.1', 'private'],
  ['100.127.255.254', 'private'],
  ['[fd12:3456::1]', 'private'],
  ['[fc00::1]', 'private'],
  ['[fe80::1]', 'private'],
  ['[::ffff:a00:1]', 'private'], // ::ffff:10.0.0.1
  ['laptop.local', 'private'],
  ['shop.internal', 'private'],
  ['172.15.255.255', 'public'],
  ['172.32.0.1', 'public'],
  ['100.63.255.255', 'public'],
  ['100.128.0.1', 'public'],
  ['11.0.0.1', 'public'],
  ['192.169.0.1', 'public'],
  ['8.8.8.8', 'public'],
  ['[2001:db8::1]', 'public'],
  ['[fec0::1]', 'public'],
  ['api.stripe.com', 'public'],
  ['localhost.example.com', 'public'],
  ['local', 'public'],
  ['staging.internal.example.com', 'public'], // a name, not an IP: judged by suffix only, no DNS lookup
];

for (const [host, kind] of CASES) {
  test(`${host} is ${kind === 'public' ? 'treated as public' : `a ${kind} address`}`, () => {
    expect(nonPublicHost(host)?.kind ?? 'public').toBe(kind);
  });
}

test('the reason names the range, for the middle of a sentence', () => {
  expect(nonPublicHost('127.0.0.1')?.why).toBe("it is this machine's loopback address");
  expect(nonPublicHost('192.168.1.20')?.why).toBe('it is a private network address (192.168.0.0/16)');
  expect(nonPublicHost('172.20.0.3')?.why).toBe('it is a private network address (172.16.0.0/12)');
  expect(nonPublicHost('[fe80::1]')?.why).toContain('fe80::/10');
  expect(nonPublicHost('shop.internal')?.why).toBe('it is an .internal name, reserved for private networks');
});

test('URLs: the host decides (IPv4 shorthand as URL normalises it), and what is not a URL is neither', () => {
  expect(nonPublicUrl('http://127.0.0.1:4242/webhooks/stripe')?.kind).toBe('loopback');
  expect(nonPublicUrl('http://10.1:8080/hook')?.kind).toBe('private'); // 10.0.0.1
  expect(nonPublicUrl('http://2130706433/hook')?.kind).toBe('loopback'); // 127.0.0.1
  expect(nonPublicUrl('https://shop.example.com/webhooks/stripe')).toBeUndefined();
  expect(nonPublicUrl('not a url')).toBeUndefined();
  expect(isLoopbackUrl('http://[::1]:4000/')).toBe(true);
  expect(isLoopbackUrl('http://192.168.1.20/')).toBe(false);
  expect(isLoopbackUrl('not a url')).toBe(false);
});
