import { seedDemo, signInHelp } from "../prisma/seed";

seedDemo()
  .then(({ created }) => {
    console.log(
      created ? "Seeded the demo organisation." : "The demo organisation already exists.",
    );
    console.log(signInHelp());
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
