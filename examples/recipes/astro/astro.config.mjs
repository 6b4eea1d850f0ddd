import { defineConfig } from 'astro/config';

// A static site: the button is plain markup in the pages, the script is bundled by Astro.
export default defineConfig({});
