// Demo only: what HotLinks knows, with the debug panel's facts (the same as ?hotlinks_debug=1).
import { showDebugPanel } from '/dist/hotlinks-debug.js';

showDebugPanel(document.getElementById('facts'));
