import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CliError } from '../cli-error.js';

/**
 * Where the CLI keeps its job ledger: MODELSTREAM_STATE_DIR, else `$XDG_STATE_HOME/modelstream`, else
 * `~/.local/state/modelstream` (the XDG base directory rules: state that outlives a run, not config).
 */
export function stateDirectory(env: NodeJS.ProcessEnv): string {
  const own = env.MODELSTREAM_STATE_DIR?.trim();
  if (own) {
    if (!isAbsolute(own)) {
      throw new CliError(
        `MODELSTREAM_STATE_DIR: ${JSON.stringify(own)} is not allowed; use an absolute path`,
      );
    }
    return own;
  }
  const xdg = env.XDG_STATE_HOME?.trim();
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'modelstream');
  return join(env.HOME?.trim() || homedir(), '.local', 'state', 'modelstream');
}
