import { test, expect } from '@playwright/test';
import { CloudPostureError, cloudPostureFromEnv, startSandbox } from '../../sandbox/index';
import { WebhookReach } from '../../sandbox/webhookReach';

test.describe('reading the cloud posture (SANDBOX_CLOUD, --cloud, SANDBOX_REACHABLE)', () => {
  test('SANDBOX_CLOUD 1 or true plays cloud; 0, false, empty or unset does not', () => {
    for (const on of ['1', 'true', 'TRUE', ' 1 ']) expect(cloudPostureFromEnv({ SANDBOX_CLOUD: on }), on).toEqual({ reachable: [] });
    for (const off of ['0', 'false', '', undefined]) expect(cloudPostureFromEnv({ SANDBOX_CLOUD: off }), String(off)).toBeUndefined();
  });

  test('--cloud plays cloud whatever SANDBOX_CLOUD says', () => {
    expect(cloudPostureFromEnv({ SANDBOX_CLOUD: '0' }, { flag: true })).toEqual({ reachable: [] });
    expect(cloudPostureFromEnv({}, { flag: true })).toEqual({ reachable: [] });
  });

  test('refuses any other SANDBOX_CLOUD value in one line naming the variable and the accepted values', () => {
    const error = (() => {
      try {
        cloudPostureFromEnv({ SANDBOX_CLOUD: 'yes' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CloudPostureError);
    expect((error as Error).message).toBe('SANDBOX_CLOUD=yes is not a switch: use 1 or true to play cloud, 0, false or empty for off.');
  });

  test('turns each SANDBOX_REACHABLE entry into host:port', () => {
    expect(
      cloudPostureFromEnv({
        SANDBOX_CLOUD: '1',
        SANDBOX_REACHABLE: 'http://127.0.0.1:4480, 127.0.0.1:3000,https://staging.example.com,[::1]:4481,,http://LOCALHOST:8080/hooks',
      }),
    ).toEqual({ reachable: ['127.0.0.1:4480', '127.0.0.1:3000', 'staging.example.com:443', '[::1]:4481', 'localhost:8080'] });
  });

  test('refuses a bad SANDBOX_REACHABLE entry in one line, even while the posture is off', () => {
    for (const bad of ['127.0.0.1', 'ftp://127.0.0.1:21', '127.0.0.1:99999', 'not a host:1']) {
      expect(() => cloudPostureFromEnv({ SANDBOX_REACHABLE: `127.0.0.1:3000,${bad}` }), bad).toThrow(
        new CloudPostureError(
          `SANDBOX_REACHABLE entry "${bad}" is not an origin (http://127.0.0.1:4480) or host:port (127.0.0.1:4480): list them comma-separated.`,
        ),
      );
    }
  });

  test('startSandbox refuses a bad cloud.reachable entry before starting anything', async () => {
    await expect(
      startSandbox({ providerPort: 0, referralPort: 0, shopPort: 0, injection: null, cloud: { reachable: ['nowhere'] } }),
    ).rejects.toThrow(/^cloud\.reachable entry "nowhere" is not an origin/);
  });
});

test.describe('where the sandbox delivers webhooks', () => {
  test('offline, every URL may be sent to', () => {
    expect(WebhookReach.everywhere().unreachableReason('http://127.0.0.1:9/hooks')).toBeNull();
  });

  test('playing cloud, only listed and allowed hosts are reachable, compared by host and port', () => {
    const reach = WebhookReach.cloud(['127.0.0.1:4480']);
    reach.allow('http://127.0.0.1:4242');
    expect(reach.unreachableReason('http://127.0.0.1:4480/webhooks')).toBeNull();
    expect(reach.unreachableReason('http://127.0.0.1:4242/webhooks/stripe')).toBeNull();
    expect(reach.unreachableReason('http://127.0.0.1:4481/webhooks')).toBe(
      'unreachable: http://127.0.0.1:4481 cannot be reached from the internet (the sandbox plays cloud: SANDBOX_CLOUD=1; SANDBOX_REACHABLE lists hosts that can be)',
    );
    expect(reach.unreachableReason('http://localhost:4480/webhooks'), 'another name for the host is another host').toMatch(
      /^unreachable: /,
    );
  });
});
