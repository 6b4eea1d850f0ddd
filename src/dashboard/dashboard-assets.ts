/**
 * The page's built files (dist/dashboard/: its script, the chart library, the stylesheet, the
 * icon), embedded at build time by build/dashboard-plugin.mjs, so the routes serve them from memory
 * with no file system and no path to find, wherever this package is installed or bundled.
 */
import files from 'virtual:hotlinks-dashboard-assets';

export default files;
