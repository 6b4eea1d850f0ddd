import { defineConfig } from 'vitest/config';
import hotlinksOptions from './build/options-plugin.mjs';

export default defineConfig({
  plugins: [hotlinksOptions()],
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'https://www.shop.example/' } },
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
  },
});
