import type { ExternalToast } from 'sonner';

/**
 * Toasts without sonner in the first bundle (~12 KB gzipped, styles included): the
 * library loads right after the first paint (see LazyToaster), and a toast raised
 * before then is shown once it arrives (sonner replays toasts to a late Toaster).
 */
let sonner: Promise<typeof import('sonner')> | undefined;
export const loadSonner = () => {
  sonner ??= import('sonner');
  return sonner;
};

type Kind = 'message' | 'success' | 'error' | 'warning';

function show(kind: Kind, message: string, options?: ExternalToast) {
  void loadSonner().then(({ toast: sonnerToast }) => {
    if (kind === 'message') sonnerToast(message, options);
    else sonnerToast[kind](message, options);
  });
}

export const toast = Object.assign(
  (message: string, options?: ExternalToast) => show('message', message, options),
  {
    success: (message: string, options?: ExternalToast) => show('success', message, options),
    error: (message: string, options?: ExternalToast) => show('error', message, options),
    warning: (message: string, options?: ExternalToast) => show('warning', message, options),
  },
);
