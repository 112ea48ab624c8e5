import { createInterface } from 'node:readline/promises';
import type { ReferralPlatformName } from '../../model/target/referralPlatform';
import { referralPlatformNamesInWords } from '../../model/target/referralPlatformChoice';
import { referralPlatformOf } from './initArguments';

/**
 * `rehearse init`'s question, asked only at a terminal (stdin and stdout both TTYs) when `--referral-platform` was
 * not given: which referral platform the programme runs on. An empty answer is Dress Rehearsal's own; a wrong one is
 * the same one-line UsageError as the option's. Elsewhere (a script, CI) nothing is asked: Dress Rehearsal's own.
 */
export async function askReferralPlatform(
  io: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream & { isTTY?: boolean } } = {
    input: process.stdin,
    output: process.stdout,
  },
): Promise<ReferralPlatformName | undefined> {
  if (!io.input.isTTY || !io.output.isTTY) return undefined;
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await prompt.question(
      `Which referral platform does the programme run on? ${referralPlatformNamesInWords()} [dress-rehearsal]: `,
    );
    return answer.trim() === '' ? 'dress-rehearsal' : referralPlatformOf(answer);
  } finally {
    prompt.close();
  }
}
