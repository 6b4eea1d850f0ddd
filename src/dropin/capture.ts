/** `dist/hotlinks-capture.js`: capture and link decoration from one script tag, no button. */
import { startDropin } from './start.js';

startDropin();
