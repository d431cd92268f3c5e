// eslint-plugin-n8n-nodes-base ships no types; the scan config only passes it on to ESLint.
declare module 'eslint-plugin-n8n-nodes-base' {
  const plugin: { configs: Record<string, { rules: Record<string, unknown> }> };
  export default plugin;
}
