/**
 * hotlinks-embed/server: for the producer's own server. The attribution cookie set from an HTTP
 * response (so Safari does not cap it at 7 days), as Node and fetch-style middleware, a
 * receiver for the browser's reports, and one for Hotmart's webhook. Plain Node or any edge runtime: no DOM needed.
 */
export { attributionCookie, resolveServerOptions, type CookieRequest, type ResolvedServerOptions, type ServerOptions } from './attribution-cookie.js';
export { nodeMiddleware, nodeCollectHandler, nodeWebhookHandler, type NodeMiddlewareOptions, type NodeRequest, type NodeResponse } from './node.js';
export { fetchMiddleware, fetchCollectHandler, fetchWebhookHandler, type FetchMiddlewareOptions } from './fetch.js';
export { parseReport, type CollectOptions } from './collect.js';
export { MAX_DELIVERY_BYTES, type WebhookOptions } from './webhook.js';
export { parseDelivery, type Delivery } from './hotmart-delivery.js';
export { reportSchema, MAX_REPORT_BYTES, type Report } from '../report/report-schema.js';
export { isPageRequest, publicUrl } from './page-request.js';
export { dashboardRoutes, parseRange, CONTENT_SECURITY_POLICY, SESSION_COOKIE, type DashboardOptions, type DashboardRoutes, type SummaryRange } from '../dashboard/index.js';
