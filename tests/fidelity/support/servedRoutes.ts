import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProvider } from '../../../sandbox/provider';
import type { RecordedCall } from './recordingClient';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../sandbox/provider/resources');

export interface ServedRoute {
  method: string;
  /** As the sandbox's resource tables write it: `/v1/customers/:id`. */
  path: string;
}

/** Every `/v1` endpoint declared by a table in sandbox/provider/resources/ (each module's exported `Resource`s). */
async function declaredRoutes(): Promise<ServedRoute[]> {
  const routes: ServedRoute[] = [];
  for (const file of readdirSync(resourcesDir)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    const module = (await import(pathToFileURL(path.join(resourcesDir, file)).href)) as Record<string, unknown>;
    for (const exported of Object.values(module)) {
      const endpoints = (exported as { endpoints?: unknown } | null)?.endpoints;
      if (!Array.isArray(endpoints)) continue;
      for (const endpoint of endpoints as { method: string; path: string }[]) {
        if (endpoint.path.startsWith('/v1/')) routes.push({ method: endpoint.method, path: endpoint.path });
      }
    }
  }
  return routes;
}

/**
 * The declared routes a running sandbox answers (a table not yet registered in sandbox/provider/index.ts is not
 * served). Each is probed with an unknown parameter, which the sandbox refuses before any handler runs: served
 * routes answer 400 `parameter_unknown`, others Stripe's "Unrecognized request URL" 404.
 */
export async function servedRoutes(): Promise<ServedRoute[]> {
  const provider = await startProvider({ port: 0 });
  try {
    const served: ServedRoute[] = [];
    for (const route of await declaredRoutes()) {
      const concrete = route.path.replace(/:[^/]+/g, 'fidelity_probe');
      const response = await fetch(`${provider.url}${concrete}${route.method === 'POST' ? '' : '?fidelity_probe=1'}`, {
        method: route.method,
        headers: { authorization: `Bearer ${provider.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
        ...(route.method === 'POST' ? { body: 'fidelity_probe=1' } : {}),
      });
      const body = (await response.json()) as { error?: { message?: string } };
      if (!(response.status === 404 && body.error?.message?.startsWith('Unrecognized request URL'))) served.push(route);
    }
    return served;
  } finally {
    await provider.close();
  }
}

/** The served routes no recorded call reached (a call counts for the most literal route it matches). */
export function unvisited(routes: ServedRoute[], calls: RecordedCall[]): ServedRoute[] {
  const patterns = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+')}$`),
    params: (route.path.match(/:/g) ?? []).length,
  }));
  const visited = new Set<ServedRoute>();
  for (const call of calls) {
    const match = patterns
      .filter((candidate) => candidate.route.method === call.method && candidate.pattern.test(call.path))
      .sort((a, b) => a.params - b.params)[0];
    if (match) visited.add(match.route);
  }
  return routes.filter((route) => !visited.has(route));
}
