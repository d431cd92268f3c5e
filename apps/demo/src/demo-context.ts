/** What a demo step can do: run the CLI (or any command) as a user would, and talk to the reader. */
export interface DemoContext {
  /** The embedded emulator's base URL (MODELSTREAM_BASE_URL of every command run). */
  baseUrl: string;
  /** The repository root, for steps that run other packages' built files. */
  repoRoot: string;
  /** A scratch folder for files a step writes; removed at the end. */
  tmpDir: string;
  /** Runs `modelstream ARGS` through the built dist/bin.js; shows the command line and its output. */
  cli(args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Runs any command (`display` is what the reader sees after `$`). */
  exec(display: string, file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** A line of explanation for the reader. */
  say(text: string): void;
  /** Requests the emulator has seen since the demo started. */
  requests(): readonly { method: string; path: string }[];
}

export interface RunOptions {
  /** Text piped to the command's stdin (shown as `printf ... |` in the command line). */
  input?: string;
  /** How the piped input is shown in the command line, e.g. `git diff`. */
  inputLabel?: string;
  env?: Record<string, string>;
  /** Working directory (default: the demo's own). */
  cwd?: string;
  /** The exit code the step expects (default 0); any other fails the demo. */
  expectCode?: number;
  /** Show stdout as it arrives (default true). */
  showStdout?: boolean;
}

export interface CommandResult {
  code: number;
  stdout: string;
  ms: number;
}

export interface DemoStep {
  title: string;
  /** One or two sentences on what the step shows and why it matters. */
  intro: string;
  run(ctx: DemoContext): Promise<void>;
}
