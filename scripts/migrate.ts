import { databaseUrl, providerOf } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrator";
import { plural } from "../lib/domain/plural";

const url = databaseUrl();
migrate(url)
  .then(({ applied }) => {
    const where = providerOf(url);
    console.log(
      applied.length
        ? `Applied ${plural(applied.length, "migration")} on ${where}: ${applied.join(", ")}`
        : `Database (${where}) is up to date.`,
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
