import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { FormatProvider } from '../format/FormatProvider.js';
import { UpdatePrompt } from '../pwa/UpdatePrompt.js';
import { ReplicaProvider } from './replicaContext.js';
import { routes } from './routes.js';
import { SessionProvider } from './session.js';

export function App() {
  const router = useMemo(() => createBrowserRouter(routes), []);
  return (
    <SessionProvider>
      <ReplicaProvider>
        <FormatProvider>
          <RouterProvider router={router} />
        </FormatProvider>
        <UpdatePrompt />
      </ReplicaProvider>
    </SessionProvider>
  );
}
