"use client";

import { Slot } from "@radix-ui/react-slot";
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { cn } from "./cn";

// A menu button (WAI-ARIA menu pattern) for the shell's two menus, on every organisation page.
// It replaced @radix-ui/react-dropdown-menu, whose positioning and focus libraries were about a
// fifth of each page's JavaScript. The menu opens below its button; arrow keys, Home and End move
// between items, Escape and Tab close it, and a click outside closes it.

type MenuState = {
  open: boolean;
  setOpen: (open: boolean) => void;
  menuId: string;
  triggerRef: RefObject<HTMLElement | null>;
};

const MenuContext = createContext<MenuState | null>(null);

function useMenu(): MenuState {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error("A menu part is used outside <DropdownMenu>.");
  return menu;
}

export function DropdownMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const triggerRef = useRef<HTMLElement | null>(null);
  return (
    <MenuContext.Provider value={{ open, setOpen, menuId, triggerRef }}>
      <div className="relative inline-block">{children}</div>
    </MenuContext.Provider>
  );
}

const items = (menu: HTMLElement): HTMLElement[] => [
  ...menu.querySelectorAll<HTMLElement>('[role="menuitem"]'),
];

function focusItem(menu: HTMLElement | null, which: "first" | "last"): void {
  const all = menu ? items(menu) : [];
  (which === "first" ? all[0] : all.at(-1))?.focus();
}

export function DropdownMenuTrigger({
  asChild = false,
  onClick,
  onKeyDown,
  ...props
}: ComponentProps<"button"> & { asChild?: boolean }) {
  const { open, setOpen, menuId, triggerRef } = useMenu();
  const Component = asChild ? Slot : "button";
  return (
    <Component
      ref={triggerRef as RefObject<HTMLButtonElement>}
      type={asChild ? undefined : "button"}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? menuId : undefined}
      data-state={open ? "open" : "closed"}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) setOpen(!open);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          setOpen(true);
        }
      }}
      {...props}
    />
  );
}

export function DropdownMenuContent({
  className,
  align = "end",
  children,
}: {
  className?: string;
  align?: "start" | "end";
  children: ReactNode;
}) {
  const { open, setOpen, menuId, triggerRef } = useMenu();
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    focusItem(menuRef.current, "first");
    const closeOnOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menuRef.current?.contains(target) || triggerRef.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutside);
    return () => document.removeEventListener("pointerdown", closeOnOutside);
  }, [open, setOpen, triggerRef]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const menu = menuRef.current;
    if (!menu) return;
    const all = items(menu);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(all.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    } else if (event.key === "Tab") setOpen(false);
  };

  return (
    <div
      ref={menuRef}
      id={menuId}
      role="menu"
      aria-orientation="vertical"
      onKeyDown={onKeyDown}
      className={cn(
        "absolute top-full z-50 mt-1.5 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg",
        align === "end" ? "right-0" : "left-0",
        className,
      )}
    >
      {children}
    </div>
  );
}

export function DropdownMenuItem({
  className,
  asChild = false,
  onSelect,
  onClick,
  onKeyDown,
  ...props
}: ComponentProps<"div"> & { asChild?: boolean; onSelect?: () => void }) {
  const { setOpen } = useMenu();
  const Component = asChild ? Slot : "div";
  return (
    <Component
      role="menuitem"
      tabIndex={-1}
      className={cn(
        "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none focus:bg-slate-100 hover:bg-slate-100",
        className,
      )}
      onClick={(event: MouseEvent<HTMLDivElement>) => {
        onClick?.(event);
        onSelect?.();
        setOpen(false);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        // A link follows itself on Enter; any other item is chosen by Enter or Space.
        if (!asChild && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          event.currentTarget.click();
        }
      }}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<"div">) {
  return (
    <div className={cn("px-2 py-1.5 text-xs font-medium text-slate-500", className)} {...props} />
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<"div">) {
  return <div role="separator" className={cn("my-1 h-px bg-slate-200", className)} {...props} />;
}
