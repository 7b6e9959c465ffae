import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

type AuditKeyView =
  | { state: "none" }
  | { state: "configured"; keyId: string; publicKeyPem: string }
  | { state: "invalid"; message: string | null };

/** The public half of the key that signs activity checkpoints, for the auditor to keep. */
export function AuditKeyCard({ view }: { view: AuditKeyView }) {
  return (
    <Card className="mt-6" aria-labelledby="audit-key-title">
      <CardTitle id="audit-key-title">Activity log signing key</CardTitle>
      {view.state === "configured" ? (
        <>
          <CardDescription className="mb-4">
            Checkpoints of the activity log (one a day and one per export) are signed with this
            Ed25519 key. Give the public key to your auditor: with it,{" "}
            <code>npm run activity:verify</code> shows whether the log was rewritten since a pack or
            checkpoint they hold.
          </CardDescription>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-medium">Fingerprint (key id)</dt>
              <dd className="font-mono">{view.keyId}</dd>
            </div>
            <div>
              <dt className="font-medium">Public key (PEM)</dt>
              <dd>
                <pre
                  className="mt-1 overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs"
                  aria-label="Public key in PEM"
                >
                  {view.publicKeyPem}
                </pre>
              </dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-600">
            The fingerprint is the first 16 hex digits of{" "}
            <code>openssl pkey -pubin -in public.pem -outform DER | sha256sum</code>.
          </p>
        </>
      ) : view.state === "invalid" ? (
        <Alert tone="error" className="mt-4">
          The signing key is set but cannot be used
          {view.message ? `: ${view.message}` : "; ask the server's administrator."} Exports fail
          until it is fixed.
        </Alert>
      ) : (
        <CardDescription>
          No signing key is configured: checkpoints of the activity log are kept in the database and
          in file storage, unsigned. To sign them, set AUDIT_SIGNING_KEY_FILE to an Ed25519 private
          key made with <code>openssl genpkey -algorithm ed25519</code> (see the README).
        </CardDescription>
      )}
    </Card>
  );
}
