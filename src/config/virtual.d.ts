/** Compiled at build time from `schema.ts` by `build/options-plugin.mjs`: each option's rule. */
declare module 'virtual:hotlinks-options' {
  const rules: Record<string, import('./validate.js').OptionRule>;
  export default rules;
}
