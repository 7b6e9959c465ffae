import type { ComponentProps } from "react";
import { cn } from "./cn";
import { ScrollArea } from "./scroll-area";

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <ScrollArea label={props["aria-label"]} className="rounded-lg border border-slate-200 bg-white">
      <table className={cn("w-full text-left text-sm", className)} {...props} />
    </ScrollArea>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-slate-200 bg-slate-50 px-4 py-2 font-medium text-slate-600",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return (
    <td className={cn("border-b border-slate-100 px-4 py-2 align-top", className)} {...props} />
  );
}
