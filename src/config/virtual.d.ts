/** Made at build time from `schema.ts` by `build/options-plugin.mjs`: JSON Schema of each option. */
declare module 'virtual:hotlinks-options' {
  const properties: Record<string, import('./validate').JsonSchema>;
  export default properties;
}
