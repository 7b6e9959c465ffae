import { issueResetLinkByOperator, setPasswordByOperator } from "../lib/db/passwords";
import { EmailField, PasswordField } from "../lib/schemas/auth";
import { keepCheckpointCopiesInBlobStore } from "../lib/storage/checkpoint-copies";

// npm run user:reset-password -- EMAIL                     prints a one-hour reset link
// npm run user:reset-password -- EMAIL --password-stdin    sets the password read from stdin
// For the server's operator, where no mail is set up. Either way every session of the account
// ends once the password changes, and the account's organisations log it.

const USAGE = "Usage: npm run user:reset-password -- EMAIL [--password-stdin]";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function main(args: string[]): Promise<string> {
  keepCheckpointCopiesInBlobStore();
  const fromStdin = args.includes("--password-stdin");
  const rest = args.filter((arg) => arg !== "--password-stdin");
  if (rest.length !== 1 || rest[0]?.startsWith("-")) throw new Error(USAGE);
  const email = EmailField.safeParse(rest[0]);
  if (!email.success)
    throw new Error(`${email.error.issues[0]?.message ?? "Not an email address."} ${USAGE}`);
  if (fromStdin) {
    const password = PasswordField.safeParse(await readStdin());
    if (!password.success)
      throw new Error(`The new password: ${password.error.issues[0]?.message ?? "not accepted."}`);
    await setPasswordByOperator(email.data, password.data, new Date());
    return `Password set for ${email.data}; every device signed in to the account was signed out.`;
  }
  const origin = process.env.APP_URL?.trim().replace(/\/+$/, "");
  if (!origin)
    throw new Error(
      "Set APP_URL (the address people open Assay at) to print a link, or use --password-stdin.",
    );
  const reset = await issueResetLinkByOperator(email.data, new Date());
  return `Reset link for ${email.data}, valid once until ${reset.expiresAt.toISOString()}:\n${origin}/reset-password/${reset.token}`;
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
