import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type {
  ApiReference as Reference,
  ReferenceOperation,
  ReferenceSchema,
} from "@/lib/server/api/reference";

// The API reference: every operation of the OpenAPI document by tag, then its named schemas.
// Names of schemas in a type link to the schema.

const tagId = (tag: string): string => `tag-${tag.replace(/\W+/g, "-")}`;

function TypeText({ type, schemas }: { type: string; schemas: ReadonlySet<string> }) {
  const parts: ReactNode[] = type.split(/(\b[A-Z][A-Za-z0-9]+\b)/).map((part, index) =>
    schemas.has(part) ? (
      <a key={index} className="text-brand-700 hover:underline" href={`#schema-${part}`}>
        {part}
      </a>
    ) : (
      part
    ),
  );
  return <code className="text-xs">{parts}</code>;
}

function Operation({
  operation,
  schemas,
}: {
  operation: ReferenceOperation;
  schemas: ReadonlySet<string>;
}) {
  return (
    <section aria-labelledby={operation.id} className="mb-8">
      <h3 id={operation.id} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <Badge>{operation.method}</Badge>
        <code className="text-sm">{operation.path}</code>
        <span className="font-normal text-slate-600">{operation.summary}</span>
      </h3>
      {operation.description ? (
        <p className="mt-1 text-sm text-slate-700">{operation.description}</p>
      ) : null}
      {operation.parameters.length > 0 ? (
        <Table aria-label={`Parameters of ${operation.method} ${operation.path}`} className="mt-3">
          <thead>
            <tr>
              <Th>Parameter</Th>
              <Th>In</Th>
              <Th>Type</Th>
              <Th>Description</Th>
            </tr>
          </thead>
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr key={`${parameter.location}-${parameter.name}`}>
                <Td>
                  <code className="text-xs">{parameter.name}</code>
                  {parameter.required ? (
                    <span className="text-xs text-slate-500"> required</span>
                  ) : null}
                </Td>
                <Td>{parameter.location}</Td>
                <Td>
                  <TypeText type={parameter.type} schemas={schemas} />
                </Td>
                <Td>{parameter.description}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {operation.requestBody ? (
        <p className="mt-3 text-sm">
          Request body: <TypeText type={operation.requestBody} schemas={schemas} />
        </p>
      ) : null}
      <Table aria-label={`Responses of ${operation.method} ${operation.path}`} className="mt-3">
        <thead>
          <tr>
            <Th>Status</Th>
            <Th>Meaning</Th>
            <Th>Body</Th>
          </tr>
        </thead>
        <tbody>
          {operation.responses.map((response) => (
            <tr key={response.status}>
              <Td>{response.status}</Td>
              <Td>{response.description}</Td>
              <Td>
                {response.body ? <TypeText type={response.body} schemas={schemas} /> : "none"}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function Schema({ schema, schemas }: { schema: ReferenceSchema; schemas: ReadonlySet<string> }) {
  return (
    <section aria-labelledby={`schema-${schema.name}`} className="mb-6">
      <h3 id={`schema-${schema.name}`} className="text-base font-semibold">
        {schema.name}
      </h3>
      {schema.description ? <p className="text-sm text-slate-700">{schema.description}</p> : null}
      {schema.fields.length > 0 ? (
        <Table aria-label={`Fields of ${schema.name}`} className="mt-2">
          <thead>
            <tr>
              <Th>Field</Th>
              <Th>Type</Th>
              <Th>Description</Th>
            </tr>
          </thead>
          <tbody>
            {schema.fields.map((field) => (
              <tr key={field.name}>
                <Td>
                  <code className="text-xs">{field.name}</code>
                  {field.required ? null : (
                    <span className="text-xs text-slate-500"> optional</span>
                  )}
                </Td>
                <Td>
                  <TypeText type={field.type} schemas={schemas} />
                </Td>
                <Td>{field.description}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

export function ApiReference({ reference }: { reference: Reference }) {
  const schemas = new Set(reference.schemas.map((schema) => schema.name));
  return (
    <>
      <nav aria-label="Resources" className="mb-8 text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {reference.groups.map((group) => (
            <li key={group.tag}>
              <a className="text-brand-700 hover:underline" href={`#${tagId(group.tag)}`}>
                {group.tag}
              </a>
            </li>
          ))}
          <li>
            <a className="text-brand-700 hover:underline" href="#schemas">
              Schemas
            </a>
          </li>
        </ul>
      </nav>
      {reference.groups.map((group) => (
        <section key={group.tag} aria-labelledby={tagId(group.tag)}>
          <h2 id={tagId(group.tag)} className="mb-4 text-xl font-semibold">
            {group.tag}
          </h2>
          {group.operations.map((operation) => (
            <Operation key={operation.id} operation={operation} schemas={schemas} />
          ))}
        </section>
      ))}
      <section aria-labelledby="schemas">
        <h2 id="schemas" className="mb-4 text-xl font-semibold">
          Schemas
        </h2>
        {reference.schemas.map((schema) => (
          <Schema key={schema.name} schema={schema} schemas={schemas} />
        ))}
      </section>
    </>
  );
}
