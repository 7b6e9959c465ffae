type Value = string | number | null | undefined;

/**
 * A hidden field telling a server action what the form acts on: the organisation, a record's id,
 * the version it was loaded at, a link's token. A missing value renders nothing.
 */
export function IdField({ name, value }: { name: string; value: Value }) {
  if (value === null || value === undefined) return null;
  return <input type="hidden" name={name} value={value} />;
}

/** One IdField per entry: `<IdFields fields={{ orgSlug, controlId }} />`. */
export function IdFields({ fields }: { fields: Record<string, Value> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <IdField key={name} name={name} value={value} />
      ))}
    </>
  );
}
