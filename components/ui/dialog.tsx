"use client";

import { Slot } from "@radix-ui/react-slot";
import {
  createContext,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  type ComponentProps,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { createPortal } from "react-dom";
import { cn } from "./cn";

// Confirmations and small forms in a modal, on the browser's own <dialog> opened with
// showModal(): it moves focus in, keeps the page behind inert, closes on Escape and gives focus
// back to the button that opened it. It replaced @radix-ui/react-dialog and its focus and scroll
// libraries. The dialog is portalled to <body> so a form in it never nests in the page's form.

type DialogState = {
  open: boolean;
  setOpen: (open: boolean) => void;
  titleId: string;
  descriptionId: string;
};

const DialogContext = createContext<DialogState | null>(null);

function useDialog(): DialogState {
  const dialog = useContext(DialogContext);
  if (!dialog) throw new Error("A dialog part is used outside <Dialog>.");
  return dialog;
}

export function Dialog({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <DialogContext.Provider value={{ open, setOpen: onOpenChange, titleId, descriptionId }}>
      {children}
    </DialogContext.Provider>
  );
}

type SlotButtonProps = ComponentProps<"button"> & { asChild?: boolean };

function DialogButton({
  asChild = false,
  onClick,
  opens,
  ...props
}: SlotButtonProps & { opens: boolean }) {
  const { open, setOpen } = useDialog();
  const Component = asChild ? Slot : "button";
  return (
    <Component
      type={asChild ? undefined : "button"}
      aria-haspopup={opens ? "dialog" : undefined}
      aria-expanded={opens ? open : undefined}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) setOpen(opens);
      }}
      {...props}
    />
  );
}

export function DialogTrigger(props: SlotButtonProps) {
  return <DialogButton {...props} opens />;
}

export function DialogClose(props: SlotButtonProps) {
  return <DialogButton {...props} opens={false} />;
}

export function DialogContent({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  const { open } = useDialog();
  return open ? <OpenDialog className={className}>{children}</OpenDialog> : null;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab past the last control comes back to the first (the browser would leave for its own UI). */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== "Tab") return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

function OpenDialog({ className, children }: { className?: string; children: ReactNode }) {
  const { setOpen, titleId, descriptionId } = useDialog();
  const ref = useRef<HTMLDialogElement>(null);

  // A layout effect: its clean-up closes the dialog before React removes it, which is when the
  // browser gives focus back to the opener.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return createPortal(
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        setOpen(false);
      }}
      onKeyDown={keepTabInside}
      // The dialog element itself is hit only outside the panel: the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) setOpen(false);
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40",
        className,
      )}
    >
      <div className="p-6">{children}</div>
    </dialog>,
    document.body,
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<"h2">) {
  const { titleId } = useDialog();
  return <h2 id={titleId} className={cn("text-lg font-semibold", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<"p">) {
  const { descriptionId } = useDialog();
  return (
    <p id={descriptionId} className={cn("mt-2 text-sm text-slate-600", className)} {...props} />
  );
}
