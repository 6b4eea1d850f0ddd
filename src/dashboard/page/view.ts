/** What every part of the page is drawn with: the visitor's words and formats, and the server's facts. */
import type { Messages } from '../messages/en.js';
import type { Format } from './format.js';

export interface View {
  m: Messages;
  f: Format;
  locale: string;
  /** Where this server receives the script's reports and Hotmart's webhook (absolute URLs). */
  collectUrl: string;
  webhookUrl: string;
  hottokConfigured: boolean;
}
