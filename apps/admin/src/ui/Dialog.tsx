import { type ReactNode, useEffect, useId, useRef } from 'react';

const FOCUSABLE = 'button, input, textarea, select, a[href]';

/**
 * A modal: focus moves into it and back out to where it was, Escape and a click on the
 * backdrop close it, Tab stays inside. Hand-rolled (not <dialog>) so it behaves the same in
 * jsdom tests. Escape is heard on the document, and focus that escapes (a focused button
 * disabled while saving drops it to <body>) is brought back, so the dialog never stops
 * answering the keyboard.
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  /** Room for a table (a transfer's lines): wider on a laptop, the full width on a phone. */
  wide?: boolean;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>(
      'textarea, input, select, button:not([data-close])',
    );
    (first ?? ref.current)?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose.current();
    };
    // Focus that left the dialog (to <body>, or behind the backdrop) comes back to it.
    const keepFocus = () => {
      const dialog = ref.current;
      if (!dialog || dialog.contains(document.activeElement)) return;
      dialog.focus();
    };
    const onFocusOut = () => queueMicrotask(keepFocus);
    const dialog = ref.current;
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', keepFocus);
    dialog?.addEventListener('focusout', onFocusOut);
    // A focused control that turns disabled loses focus without any event in Chromium.
    const observer = new MutationObserver(keepFocus);
    if (dialog) observer.observe(dialog, { subtree: true, attributeFilter: ['disabled'] });
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', keepFocus);
      dialog?.removeEventListener('focusout', onFocusOut);
      observer.disconnect();
      before?.focus?.();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => !element.hasAttribute('disabled'),
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (
      event.shiftKey &&
      (document.activeElement === first || document.activeElement === ref.current)
    ) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    // The backdrop is a pointer convenience; keyboard users have Escape and Cancel.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose.current();
      }}
    >
      <div
        ref={ref}
        className={props.wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-footer">{props.footer}</div>
      </div>
    </div>
  );
}
