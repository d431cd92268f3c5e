import { spawn } from 'node:child_process';
import type { CommandResult, RunOptions } from './demo-context.js';

/**
 * Runs a command as a user would: stdout is shown as it arrives and kept, stderr goes straight to the
 * terminal (so the CLI's spinner shows on a TTY), stdin is the piped input or nothing.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions & { baseEnv: NodeJS.ProcessEnv; out: NodeJS.WritableStream },
): Promise<CommandResult> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      env: { ...options.baseEnv, ...options.env },
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      stdout += text;
      if (options.showStdout !== false) options.out.write(text);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), stdout, ms: Date.now() - startedAt });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
