import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="focus:outline-none flex min-h-screen items-center justify-center px-4 py-12"
    >
      <div className="w-full max-w-sm space-y-6">
        <p className="text-center text-2xl font-bold tracking-tight text-brand-900">Assay</p>
        <Card>
          <h1 className="mb-4 text-xl font-semibold">{title}</h1>
          {children}
        </Card>
        <div className="text-center text-sm text-slate-600">{footer}</div>
      </div>
    </main>
  );
}
