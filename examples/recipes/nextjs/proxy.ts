// Next.js 16's proxy (middleware in Next 15 and before: the same code in middleware.ts, exported as
// `middleware`). Page loads with an affiliate code get the attribution cookie from the server, so
// Safari keeps it as long as the script would (not 7 days).
import { NextResponse } from 'next/server';
import { fetchMiddleware } from 'hotlinks-embed/server';

const withHotLinks = fetchMiddleware({ cookieDomain: 'your-site.example', cookieDays: 90 });

export const proxy = withHotLinks(() => NextResponse.next());

export const config = {
  // Pages only: not Next's own files, not the API routes.
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
};
