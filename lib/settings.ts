// Reading numeric settings from the environment, with one clear message for a bad value.

export type Env = Record<string, string | undefined>;

/** A positive number from `name` (e.g. MAX_UPLOAD_MB=25), `fallback` when unset or blank. */
export function positiveNumberSetting(
  name: string,
  fallback: number,
  env: Env = process.env,
): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}
