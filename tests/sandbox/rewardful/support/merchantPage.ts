import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A merchant site on its own origin whose pages carry Rewardful's snippet as its docs show it, with `key` in data-rewardful. */
export async function startRewardfulMerchantPage(scriptUrl: string, key: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><title>Merchant</title>
<script>(function(w,r){w._rwq=r;w[r]=w[r]||function(){(w[r].q=w[r].q||[]).push(arguments)}})(window,'rewardful');</script>
<script async src='${scriptUrl}' data-rewardful='${key}'></script>
<script>window.readyCalls = 0; rewardful('ready', function () { window.readyCalls += 1; window.readyReferral = Rewardful.referral; });</script>
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
