import { test, expect } from '@playwright/test';
import { ConfigError } from '../../../../src/base/configError';
import { DEFAULT_SINK_PORT, sinkForwardingFrom } from '../../../../src/model/config/sinkForwarding';

/** The ConfigError sinkForwardingFrom throws for `env` (fails the test when it throws nothing, or something else). */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  let thrown: unknown;
  try {
    sinkForwardingFrom(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const message = (thrown as ConfigError).message;
  expect(message, 'a ConfigError is one line').not.toContain('\n');
  return thrown as ConfigError;
}

test('without REHEARSAL_SINK_URL (unset or blank) there is no forwarder, whatever REHEARSAL_SINK_PORT says', () => {
  expect(sinkForwardingFrom({})).toBeUndefined();
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: '   ' })).toBeUndefined();
  expect(sinkForwardingFrom({ REHEARSAL_SINK_PORT: 'not a port' })).toBeUndefined();
});

test('a tunnel URL is taken without its trailing slashes, forwarding to port 4480 by default', () => {
  expect(DEFAULT_SINK_PORT).toBe(4480);
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: ' https://abc.trycloudflare.com/ ' })).toEqual({
    publicUrl: 'https://abc.trycloudflare.com',
    port: 4480,
  });
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: 'http://tunnel.example:8443/hooks//' })).toEqual({
    publicUrl: 'http://tunnel.example:8443/hooks',
    port: 4480,
  });
});

test('REHEARSAL_SINK_PORT picks the local port the tunnel forwards to', () => {
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: 'https://t.example', REHEARSAL_SINK_PORT: ' 9000 ' })?.port).toBe(9000);
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: 'https://t.example', REHEARSAL_SINK_PORT: '65535' })?.port).toBe(65535);
  expect(sinkForwardingFrom({ REHEARSAL_SINK_URL: 'https://t.example', REHEARSAL_SINK_PORT: '1' })?.port).toBe(1);
});

test('a REHEARSAL_SINK_URL that is not a URL is a ConfigError saying what to set it to', () => {
  const error = configErrorFor({ REHEARSAL_SINK_URL: 'abc.trycloudflare.com' });
  expect(error.message).toContain('REHEARSAL_SINK_URL=abc.trycloudflare.com is not a URL');
  expect(error.message).toContain('public http(s) URL your tunnel forwards');
});

test('a REHEARSAL_SINK_URL with another scheme, credentials, a query or a fragment is a ConfigError', () => {
  for (const raw of [
    'ftp://t.example',
    'https://user:pass@t.example',
    'https://t.example/?token=1',
    'https://t.example/#hooks',
    // A bare "?" or "#" has an empty search/hash, yet would end up in the middle of every sink URL built on it.
    'https://t.example/?',
    'https://t.example/#',
  ]) {
    const error = configErrorFor({ REHEARSAL_SINK_URL: raw });
    expect(error.message, raw).toContain('must be a plain http(s) URL without credentials, query or fragment');
  }
});

test('a REHEARSAL_SINK_PORT that is not a port is a ConfigError naming it and the default', () => {
  for (const raw of ['0', '65536', '80a', '-1', '8080.5', 'http']) {
    const error = configErrorFor({ REHEARSAL_SINK_URL: 'https://t.example', REHEARSAL_SINK_PORT: raw });
    expect(error.message, raw).toContain(`REHEARSAL_SINK_PORT=${raw} is not a port`);
    expect(error.message, raw).toContain('default 4480');
  }
});
