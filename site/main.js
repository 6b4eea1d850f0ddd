// The public site's builder page: the snippet builder in the page's language, with the integrity
// hashes the site build copied beside this file (sri.json).
import { mountBuilder } from './builder.js';

mountBuilder(document.getElementById('builder-root'), {
  language: document.documentElement.lang == 'en' ? 'en' : 'pt-BR',
  sriUrl: new URL('sri.json', import.meta.url),
});
