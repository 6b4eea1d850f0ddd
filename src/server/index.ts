/**
 * hotlinks-embed/server: for the producer's own server. The attribution cookie set from an HTTP
 * response (so Safari does not cap it at 7 days), as Node and fetch-style middleware, and a
 * receiver for the browser's reports. Plain Node or any edge runtime: no DOM needed.
 */
export { attributionCookie, resolveServerOptions, type CookieRequest, type ResolvedServerOptions, type ServerOptions } from './attribution-cookie';
export { nodeMiddleware, nodeCollectHandler, type NodeMiddlewareOptions, type NodeRequest, type NodeResponse } from './node';
export { fetchMiddleware, fetchCollectHandler, type FetchMiddlewareOptions } from './fetch';
export { parseReport, type CollectOptions } from './collect';
export { reportSchema, MAX_REPORT_BYTES, type Report } from './report-schema';
export { isPageRequest, publicUrl } from './page-request';
