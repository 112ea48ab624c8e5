export const HELP_TEXT = `rehearse — rehearse a payment (Stripe) + referral integration end to end, with evidence for sign-off.

Usage: rehearse [command] [options]        (npm run rehearse -- [command] [options])

Commands:
  run             Run the rehearsal scenarios, then build the report (the default)
  report          Build the report and the sign-off of the last run (--run <runId> for another run)
  setup           Find or install the Chromium the rehearsal drives, and check it starts
  cleanup         Refund and cancel what an interrupted rehearsal left behind (STRIPE_SECRET_KEY, journal in .rehearsal/)
  help            Show this list (also --help, -h)
  preflight       Check the go-live checklist items no browser flow covers (--mode test|live, --confirm-live)
  verify-report   Check a run folder against its manifest: rehearse verify-report reports/<runId> names every
                  changed, missing or added file (a symbolic link or FIFO is added, never followed). The manifest
                  cannot list itself: run prints its SHA-256 for the signer to record; give it back with
                  --manifest-sha256 <hex> to catch a manifest rewritten after sign-off
  init            Write targets/<name>/ for your own integration: rehearse init my-shop (then follow its README);
                  --payment-form embedded-elements for Stripe's Payment Element in your page (default hosted-checkout)

Options for run:
  --mode test|live          The run's mode (wins over REHEARSAL_MODE); live charges the REHEARSAL_LIVE_CARD_* card
  --confirm-live            Confirm a live run (also needs REHEARSAL_CONFIRM_LIVE, a cap: REHEARSAL_MAX_AMOUNT or
                            amountCap in rehearsal.config.ts, and the live card)

Options for run passed to Playwright Test:
  -g, --grep <regex>        Only scenarios whose title matches, e.g. --grep refund
  -G, --grep-invert <regex> Skip scenarios whose title matches
  --headed                  Show the browser window
  --debug                   Step through with the Playwright Inspector
  -j, --workers <n>         Scenarios run at once
  --retries <n>, --repeat-each <n>, --max-failures <n>, -x, --timeout <ms>, --global-timeout <ms>,
  --last-failed, --list, --fail-on-flaky-tests, --shard <i/n>, --shuffle, --pass-with-no-tests
  <file filter>             After "run": only spec files matching, e.g. rehearse run refund

Other options:
  -v, --version             Print the version

Environment: REHEARSAL_MODE (test or live), REHEARSAL_TARGET (a folder of targets/), CHROMIUM_PATH (a Chromium or
Chrome binary), REHEARSAL_REPORTS_DIR (where results and the report go; default reports/), REHEARSAL_MERCHANT_URL and
the keys of a running integration (instead of the embedded sandbox). The chosen target's targets/<name>/.env and
the project's .env are read too (the environment wins, then the target's file); .env.example lists them all. rehearsal.config.ts sets the target, URLs, referral platform, skipped checklist items and per-currency
amount caps (the environment wins; keys and secrets only in .env).
Output: reports/rehearsal-report.html, one self-contained file that opens offline, and the sign-off of each run:
reports/<runId>/signoff.html, signoff.pdf, signoff.json and manifest.json.`;

/** `rehearse --help`: the subcommands, one line each. */
export async function helpCommand(): Promise<number> {
  console.log(HELP_TEXT);
  return 0;
}
