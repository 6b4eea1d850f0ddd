import { init } from 'hotlinks-embed';
import 'hotlinks-embed/define';
import 'hotlinks-embed/hotlinks.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// Before the first render: the buttons use these settings.
init({ cookieDays: 90 });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
