import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { apiReference } from "@/lib/server/api/reference";

export const metadata: Metadata = { title: "API reference" };

/** /docs/api: the /api/v1 reference, rendered from the OpenAPI document. Public, like the document. */
export default function ApiReferencePage() {
  const reference = apiReference();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-6 py-10">
      <PageHeader
        title="API reference"
        description={
          <>
            {reference.description}{" "}
            <a className="text-brand-700 hover:underline" href="/api/v1/openapi.json">
              The OpenAPI document
            </a>{" "}
            is the source of this page.
          </>
        }
      />
      <ApiReference reference={reference} />
    </main>
  );
}
