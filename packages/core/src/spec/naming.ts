/** reasoning_effort → reasoning-effort (action.yml inputs, CLI flags). */
export function toKebabCase(name: string): string {
  return name.replace(/_/g, '-');
}

/** reasoning_effort → reasoningEffort (n8n parameter names). */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** reasoningEffort or reasoning-effort → reasoning_effort. */
export function toCanonicalName(name: string): string {
  return name
    .replace(/-/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
