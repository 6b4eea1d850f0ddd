import { defineConfig } from 'vitest/config';
import hotlinksOptions from './build/options-plugin.mjs';

export default defineConfig({
  plugins: [hotlinksOptions()],
  // The ESM package's value (src/build-flags.d.ts): tests import the companion modules directly.
  define: { DROPIN: 'false' },
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'https://www.shop.example/' } },
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
  },
});
