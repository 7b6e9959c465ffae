import { z } from "zod";

// What a form or body must carry, read from the zod schema an endpoint parses its input with:
// field names, and per field whether it is a list, a checkbox, a closed set of values, a JSON
// text (a list of objects sent in one field) and its length limit, so the fuzzer can send
// values at and over the limits and values of the wrong shape.

export type FieldSpec = {
  kind: "text" | "list" | "boolean" | "number" | "json";
  /** The allowed values when the field is a closed set (an enum, literals). */
  options?: readonly string[];
  maxLength?: number;
  /** For lists and JSON texts: what one entry looks like. */
  item?: FieldSpec;
  /** For JSON texts: the fields of each object. */
  fields?: Fields;
  /** The form may leave it out (optional, or with a default). */
  optional?: boolean;
};

export type Fields = Record<string, FieldSpec>;

type Schema = z.core.$ZodType;

/** The schema that decides the shape: through defaults, optionals, catches, pipes and preprocessing. */
function unwrap(schema: Schema): Schema {
  if (
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodCatch
  ) {
    return unwrap(schema.unwrap());
  }
  if (schema instanceof z.ZodPipe) {
    // preprocess(fn, X) and X.pipe(Y): the output schema decides; X.transform(fn): the input does.
    return unwrap(schema.out instanceof z.ZodTransform ? schema.in : schema.out);
  }
  return schema;
}

/** The tightest maximum length anywhere along the wrappers (a pipe keeps it on its input). */
function maxLengthOf(schema: Schema): number | undefined {
  if (schema instanceof z.ZodString) return schema.maxLength ?? undefined;
  if (
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodCatch
  ) {
    return maxLengthOf(schema.unwrap());
  }
  if (schema instanceof z.ZodPipe) {
    const limits = [maxLengthOf(schema.in), maxLengthOf(schema.out)].filter(
      (limit) => limit !== undefined,
    );
    return limits.length ? Math.min(...limits) : undefined;
  }
  return undefined;
}

function optionsOf(schema: Schema): string[] | undefined {
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  if (schema instanceof z.ZodLiteral) return [...schema.values].map(String);
  if (schema instanceof z.ZodUnion) {
    const all = schema.options.map((option) => optionsOf(unwrap(option)));
    return all.every((options) => options !== undefined) ? all.flat() : undefined;
  }
  return undefined;
}

/** Whether a wrapper on the way to the field's own schema lets it be left out. */
function isOptional(schema: Schema): boolean {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return true;
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodCatch)
    return isOptional(schema.unwrap());
  if (schema instanceof z.ZodPipe)
    return isOptional(schema.out instanceof z.ZodTransform ? schema.in : schema.out);
  return false;
}

function fieldSpec(schema: Schema): FieldSpec {
  return { ...shapeOf(schema), ...(isOptional(schema) ? { optional: true } : {}) };
}

function shapeOf(schema: Schema): FieldSpec {
  const inner = unwrap(schema);
  const options = optionsOf(inner);
  if (options) return { kind: "text", options };
  if (inner instanceof z.ZodBoolean) return { kind: "boolean" };
  if (inner instanceof z.ZodNumber) return { kind: "number" };
  if (inner instanceof z.ZodArray) {
    const item = unwrap(inner.element);
    // A list of objects cannot travel as repeated form fields: the form sends it as JSON text.
    if (item instanceof z.ZodObject) return { kind: "json", fields: fieldsOf(item) ?? {} };
    return { kind: "list", item: fieldSpec(inner.element) };
  }
  return { kind: "text", maxLength: maxLengthOf(schema) };
}

/**
 * The fields of an object schema (through refinements, transforms, intersections and unions of
 * objects); null when the schema is not an object at all.
 */
export function fieldsOf(schema: Schema): Fields | null {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.fromEntries(
      Object.entries(inner.shape as Record<string, Schema>).map(([name, field]) => [
        name,
        fieldSpec(field),
      ]),
    );
  }
  if (inner instanceof z.ZodIntersection) {
    const left = fieldsOf(inner.def.left);
    const right = fieldsOf(inner.def.right);
    return left && right ? { ...left, ...right } : null;
  }
  if (inner instanceof z.ZodUnion) {
    const all = inner.options.map((option) => fieldsOf(option));
    return all.every((fields) => fields !== null) ? Object.assign({}, ...all) : null;
  }
  return null;
}
