import { databaseUrl, providerOf } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrator";
import { seedDemo, signInHelp } from "../prisma/seed";

// Runs before `npm run dev` and `npm start`: applies pending migrations, seeds the demo
// organisation on first start (unless SEED_DEMO=0), and says how to sign in.
async function main(): Promise<void> {
  const url = databaseUrl();
  const { applied } = await migrate(url);
  console.log(
    `Database: ${providerOf(url)}${applied.length ? `, applied ${applied.join(", ")}` : ", up to date"}.`,
  );
  if (process.env.SEED_DEMO === "0") return;
  const { created } = await seedDemo();
  if (created) console.log("Seeded the demo organisation.");
  console.log(`\n${signInHelp()}\n`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
