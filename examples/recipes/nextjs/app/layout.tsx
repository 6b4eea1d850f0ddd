import type { ReactNode } from 'react';
import 'hotlinks-embed/hotlinks.css';
import { HotLinks } from './hotlinks';

export const metadata = { title: 'Curso (hotlinks-embed on Next.js)' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="pt-BR">
      <body>
        <HotLinks />
        {children}
      </body>
    </html>
  );
}
