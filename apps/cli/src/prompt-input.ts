import type { Readable } from 'node:stream';

export interface StdinLike extends Readable {
  isTTY?: boolean;
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The prompt from the argument and stdin. No argument (or `-`): stdin is the prompt. An argument and
 * piped stdin: the argument comes first, then the piped text as the material it talks about
 * (`git diff | modelstream ask "Summarise this change"`). A terminal on stdin is never read unless asked
 * for with `-`. Returns undefined when there is nothing, so the spec's "prompt is required" message shows.
 */
export async function resolvePrompt(
  argument: string | undefined,
  stdin: StdinLike,
): Promise<string | undefined> {
  const fromStdinOnly = argument === undefined || argument === '-';
  if (fromStdinOnly) {
    if (stdin.isTTY && argument === undefined) return undefined;
    const text = await readAll(stdin);
    return text.trim() === '' ? undefined : text;
  }
  if (stdin.isTTY) return argument;
  const piped = await readAll(stdin);
  if (piped.trim() === '') return argument;
  return `${argument}\n\n${piped}`;
}
