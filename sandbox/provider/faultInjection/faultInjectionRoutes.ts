import type { FastifyInstance } from 'fastify';
import type { FaultInjectionState } from '../../../contracts/faultPlan';
import type { FaultInjector } from './faultInjector';
import { validateInjectionPlan } from './injectionPlan';

/**
 * Sandbox-only `PUT|GET|DELETE /_sandbox/fault_injection` (Bearer secret key, checked by the core's onRequest hook):
 * PUT replaces the plan, GET shows it with everything injected so far, DELETE turns injection off and clears the record.
 */
export function registerFaultInjectionRoutes(app: FastifyInstance, injector: FaultInjector): void {
  const state = (): FaultInjectionState => ({ plan: injector.plan, injected: injector.records() });
  app.put('/_sandbox/fault_injection', async (request) => {
    injector.replace(validateInjectionPlan(request.body));
    return state();
  });
  app.get('/_sandbox/fault_injection', async () => state());
  app.delete('/_sandbox/fault_injection', async () => {
    injector.clear();
    return state();
  });
}
