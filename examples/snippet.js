// The demo's snippet builder page: the public site's builder (site/builder.js), in English, reading
// the build's integrity hashes from dist/sri.json.
import { mountBuilder } from '/site/builder.js';

mountBuilder(document.getElementById('builder-root'), { language: 'en', sriUrl: '/dist/sri.json' });
