/** The dashboard's routes for the producer's own Node server (and `npx hotlinks-embed serve`). */
export {
  dashboardRoutes,
  parseRange,
  CONTENT_SECURITY_POLICY,
  SESSION_COOKIE,
  type DashboardOptions,
  type DashboardRoutes,
  type SummaryRange,
} from './routes.js';
