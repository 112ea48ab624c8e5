import type { FastifyInstance } from 'fastify';
import type { ReferralContext } from '../context';
import { assertFaultName, type FaultName } from '../../faults';
import { invalidParam } from '../apiError';

interface FaultsBody {
  enable?: unknown;
  disable?: unknown;
}

function faultNames(value: unknown, param: 'enable' | 'disable'): FaultName[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) {
    throw invalidParam(param, `Invalid ${param}: expected a list of fault names.`);
  }
  for (const name of value) {
    try {
      assertFaultName(name);
    } catch (error) {
      throw invalidParam(param, (error as Error).message);
    }
  }
  return value as FaultName[];
}

/** Sandbox-only routes: health and the fault switches (sk auth). */
export function registerSandboxRoutes(app: FastifyInstance, { faults, guards }: ReferralContext): void {
  app.get('/_sandbox/health', async () => ({ ok: true }));

  app.post<{ Body: FaultsBody | undefined }>('/_sandbox/faults', { preHandler: guards.requireSecretKey }, async (request) => {
    const enable = faultNames(request.body?.enable, 'enable');
    const disable = faultNames(request.body?.disable, 'disable');
    for (const name of enable) faults.enable(name);
    for (const name of disable) faults.disable(name);
    return { object: 'list', data: faults.list() };
  });
}
