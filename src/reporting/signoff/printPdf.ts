import { rename } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { OFFLINE_CHROMIUM_ARGS } from '../../run/browser/chromiumFlags';
import { findBrowser } from '../../run/browser/findBrowser';
import { escapeHtml } from './html';

export interface PrintPdfOptions {
  /** A Chromium binary; default the one findBrowser() finds (CHROMIUM_PATH, system, Playwright's download). */
  executablePath?: string;
  /** Printed in every page's footer next to the page number, e.g. the run id. */
  footer: string;
}

/**
 * Prints the sign-off page to an A4 PDF with Chromium (headless, offline flags). Any request the page would make to
 * the network is refused, so the PDF shows exactly what the self-contained file holds. Written to `<pdf>.partial`
 * first, then renamed.
 */
export async function printPdf(htmlPath: string, pdfPath: string, options: PrintPdfOptions): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const executablePath = options.executablePath ?? findBrowser()?.executablePath;
  const browser = await chromium.launch({ executablePath, headless: true, args: OFFLINE_CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 60_000 });
    const partial = `${pdfPath}.partial`;
    await page.pdf({
      path: partial,
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#475569">` +
        `<span>${escapeHtml(options.footer)}</span>` +
        `<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
    await rename(partial, pdfPath);
  } finally {
    await browser.close();
  }
}
