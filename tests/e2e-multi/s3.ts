import fs from "node:fs";
import path from "node:path";
import S3rver from "s3rver";

// The S3-compatible store both instances of the multi-instance end-to-end run share (s3rver, on
// loopback, files in a fresh directory under tmp/), with the bucket the instances are told of.
async function main(): Promise<void> {
  const port = Number(process.env.E2E_S3_PORT ?? "3302");
  const bucket = process.env.E2E_S3_BUCKET ?? "assay-e2e";
  const dir = path.resolve("tmp/e2e-multi/s3");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  await server.run();
  console.log(`s3rver is listening on http://127.0.0.1:${port} (bucket ${bucket})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
