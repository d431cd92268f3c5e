/**
 * Response headers as the core reads them (lower-case names, one string each) from whatever an HTTP
 * client hands back: a fetch `Headers`, an object with `toJSON` (axios), or a plain object whose values
 * may be arrays.
 */
export function headersFrom(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!source || typeof source !== 'object') return out;
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  };
  const withForEach = source as { forEach?: unknown; toJSON?: unknown };
  if (typeof withForEach.forEach === 'function' && !Array.isArray(source)) {
    (source as { forEach(cb: (value: unknown, name: string) => void): void }).forEach((value, name) => {
      add(name, value);
    });
    return out;
  }
  const plain = typeof withForEach.toJSON === 'function' ? (withForEach.toJSON as () => unknown)() : source;
  if (!plain || typeof plain !== 'object') return out;
  for (const [name, value] of Object.entries(plain as Record<string, unknown>)) add(name, value);
  return out;
}
