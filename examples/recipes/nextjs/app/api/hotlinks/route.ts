// Receives the reports the script sends (`collect: '/api/hotlinks'` in ./hotlinks.tsx).
import { fetchCollectHandler } from 'hotlinks-embed/server';

export const POST = fetchCollectHandler({
  async onReport(report) {
    // Yours: a table, a log, a queue.
    console.log(`hotlinks ${report.event}: affiliate ${report.affiliate ?? '-'} on ${report.page}`);
  },
});
