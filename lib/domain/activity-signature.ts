import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import {
  canonicalCheckpoint,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointDocument,
  type CheckpointFields,
  type CheckpointPayload,
} from "./activity-checkpoint";

// Ed25519 keys, signing and checking checkpoints, with node:crypto's built-in Ed25519.

/** What the verifier needs of a key: the public half and its fingerprint. */
export type VerifyingKey = { publicKey: KeyObject; keyId: string; publicKeyPem: string };
export type SigningKey = VerifyingKey & { privateKey: KeyObject };

/** The key's short fingerprint: the first 16 hex digits of the SHA-256 of its DER public key (SPKI). */
function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

function verifyingKey(publicKey: KeyObject): VerifyingKey {
  if (publicKey.asymmetricKeyType !== "ed25519")
    throw new Error(`the key is ${publicKey.asymmetricKeyType ?? "not asymmetric"}, not Ed25519`);
  return {
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** An Ed25519 private key in PEM (PKCS #8, as `openssl genpkey -algorithm ed25519` writes it). */
export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey({ key: pem, format: "pem" });
  return { ...verifyingKey(createPublicKey(privateKey)), privateKey };
}

/** An Ed25519 public key in PEM; a private key is accepted too (its public half is used). */
export function verifyingKeyFromPem(pem: string): VerifyingKey {
  return verifyingKey(createPublicKey({ key: pem, format: "pem" }));
}

/** A checkpoint of `fields`, signed when `key` is given. */
export function makeCheckpoint(
  fields: CheckpointFields,
  key: SigningKey | null,
): CheckpointDocument {
  const payload: CheckpointPayload = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    ...fields,
  };
  if (!key) return { ...payload, signature: null, keyId: null };
  const signature = sign(
    null,
    Buffer.from(canonicalCheckpoint(payload), "utf8"),
    key.privateKey,
  ).toString("base64");
  return { ...payload, signature, keyId: key.keyId };
}

/**
 * - valid / invalid: signed with the verifying key, and the signature does / does not match;
 * - unsigned: no signature; other_key: signed with a key other than the verifying one;
 * - unchecked: there is no verifying key to check with.
 */
export type SignatureStatus = "valid" | "invalid" | "unsigned" | "other_key" | "unchecked";

export function signatureStatus(
  document: CheckpointDocument,
  key: VerifyingKey | null,
): SignatureStatus {
  if (!document.signature) return "unsigned";
  if (!key) return "unchecked";
  if (document.keyId !== key.keyId) return "other_key";
  const signature = Buffer.from(document.signature, "base64");
  // Ed25519 signatures are 64 bytes; anything else is not one (verify would throw on some inputs).
  if (signature.length !== 64) return "invalid";
  return verify(null, Buffer.from(canonicalCheckpoint(document), "utf8"), key.publicKey, signature)
    ? "valid"
    : "invalid";
}
