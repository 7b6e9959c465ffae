// Runs once when a Next.js server starts, before it handles a request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The activity checkpoints copy to this process's blob store (lib/db/checkpoint-copies.ts).
  const { keepCheckpointCopiesInBlobStore } = await import("./lib/storage/checkpoint-copies");
  keepCheckpointCopiesInBlobStore();
}
