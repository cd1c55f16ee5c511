import { lazy, Suspense } from 'react';
import { loadSonner } from './toast';

const Toaster = lazy(async () => ({ default: (await loadSonner()).Toaster }));

/** sonner's Toaster, fetched after the first paint (see toast.ts). */
export function LazyToaster() {
  return (
    <Suspense fallback={null}>
      <Toaster position="bottom-right" closeButton />
    </Suspense>
  );
}
