import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningDub } from '../../../../sandbox/dub';
import { DUB_ANALYTICS_STUB, dubScriptTag } from '../../../../sandbox/dub/scriptTag';

export interface DubMerchantPage {
  url: string;
  close(): Promise<void>;
}

/** A merchant page on 127.0.0.1 carrying Dub's stub and analytics script, as a shop's <head> would. */
export async function startDubMerchantPage(
  dub: RunningDub,
  options: { queryParam?: string; withStub?: boolean } = {},
): Promise<DubMerchantPage> {
  const tag = dubScriptTag({
    scriptUrl: dub.scriptUrl,
    apiHost: dub.url,
    referDomain: dub.seed.domain,
    publishableKey: dub.publishableKey,
    ...(options.queryParam ? { queryParam: options.queryParam } : {}),
  });
  const html = `<!doctype html><html><head>${options.withStub === false ? '' : DUB_ANALYTICS_STUB}${tag}</head><body><h1>Shop</h1></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
