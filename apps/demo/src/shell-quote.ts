/** Quotes an argument the way a person would type it in a POSIX shell (for display only). */
export function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export const commandLine = (args: readonly string[]) => args.map(shellQuote).join(' ');
