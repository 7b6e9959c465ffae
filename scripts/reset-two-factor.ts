import { resetTwoFactorByOperator } from "../lib/db/two-factor";
import { EmailField } from "../lib/schemas/auth";
import { plural } from "../lib/domain/plural";
import { keepCheckpointCopiesInBlobStore } from "../lib/storage/checkpoint-copies";

// npm run user:reset-two-factor -- EMAIL
// For the server's operator, when someone lost both their authenticator and their recovery
// codes: turns two-factor off for the account and signs every device out.

const USAGE = "Usage: npm run user:reset-two-factor -- EMAIL";

async function main(args: string[]): Promise<string> {
  keepCheckpointCopiesInBlobStore();
  if (args.length !== 1 || args[0]?.startsWith("-")) throw new Error(USAGE);
  const email = EmailField.safeParse(args[0]);
  if (!email.success)
    throw new Error(`${email.error.issues[0]?.message ?? "Not an email address."} ${USAGE}`);
  const { sessionsEnded } = await resetTwoFactorByOperator(email.data, new Date());
  return `Two-factor turned off for ${email.data}; ${plural(sessionsEnded, "signed-in device")} signed out. They can set it up again under Account → Two-factor sign-in.`;
}

main(process.argv.slice(2))
  .then((message) => {
    console.log(message);
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
