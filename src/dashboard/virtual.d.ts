/** Written at build time by build/dashboard-plugin.mjs from dist/dashboard/: each file by name. */
declare module 'virtual:hotlinks-dashboard-assets' {
  const files: Record<string, { body: string; etag: string }>;
  export default files;
}
