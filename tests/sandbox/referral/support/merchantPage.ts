import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal merchant site on its own origin whose every page includes the platform's tracking snippet. */
export async function startMerchantPage(platformUrl: string, publishableKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><title>Merchant</title>
<script src="${platformUrl}/snippet.js" data-merchant="${publishableKey}" defer></script>
</head><body><h1>Rehearsal T-shirt</h1></body></html>`;
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/favicon')) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
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
