import { type FormEvent, useCallback, useEffect, useState } from "react";
import { type SlipCheck, slipNameMatches, verifySlip } from "#shared/slip-token";
import { useTitle } from "../attendee/use-load";
import { slips as strings } from "../i18n/slips";
import { type LoadedKeys, loadSlipKeys } from "./jwks-cache";
import { slipFromHash } from "./qr";
import { SlipFactsList } from "./SlipFactsList";
import "./slips.css";

type NameResult = "match" | "noMatch" | "none" | null;
type Outcome = { check: SlipCheck; name: NameResult; keys: LoadedKeys } | { check: null; name: null; keys: LoadedKeys };

/** Checks a slip in this browser against the published keys (cached for offline), then the typed name on its own. */
async function checkSlip(token: string, typedName: string): Promise<Outcome> {
  const keys = await loadSlipKeys(localStorage, fetch, Date.now());
  if (!keys.keys) return { check: null, name: null, keys };
  const check = await verifySlip(token, keys.keys.jwks);
  if (!check.ok || typedName.trim() === "") return { check, name: null, keys };
  const name: NameResult =
    check.claims.nameHash === null ? "none" : (await slipNameMatches(check.claims, typedName)) ? "match" : "noMatch";
  return { check, name, keys };
}

function KeysNote({ keys }: { keys: LoadedKeys }) {
  const t = strings.useT();
  if (!keys.keys) return <p className="hint">{t("verify.keysMissing")}</p>;
  const when = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" }).format(
    keys.keys.fetchedAt,
  );
  return <p className="hint">{keys.offline ? t("verify.keysOffline", { when }) : t("verify.keysFetched", { when })}</p>;
}

function Verdict({ outcome }: { outcome: Outcome }) {
  const t = strings.useT();
  const { check } = outcome;
  if (!check) return <p className="slip-verdict slip-invalid">{t("verify.keysMissing")}</p>;
  if (!check.ok) {
    return (
      <>
        <p className="slip-verdict slip-invalid">
          <strong>{t("verify.invalid")}</strong> {t(`verify.reason.${check.reason}`)}
        </p>
        <KeysNote keys={outcome.keys} />
      </>
    );
  }
  return (
    <>
      <p className="slip-verdict slip-valid">
        <strong>{t("verify.valid")}</strong>
      </p>
      {outcome.name ? (
        <p className={outcome.name === "match" ? "slip-verdict slip-valid" : "slip-verdict slip-invalid"}>
          <strong>
            {outcome.name === "match"
              ? t("verify.nameMatch")
              : outcome.name === "noMatch"
                ? t("verify.nameNoMatch")
                : t("verify.nameNone")}
          </strong>
        </p>
      ) : null}
      <SlipFactsList claims={check.claims} kid={check.kid} />
      <KeysNote keys={outcome.keys} />
    </>
  );
}

/**
 * `/verify` — anyone (a court clerk, a treatment programme) checks a slip: from a scanned QR code
 * (`#slip=<token>`, the fragment never reaches a server) or pasted, with an optional name. No account.
 */
export default function VerifyPage() {
  const t = strings.useT();
  useTitle(t("verify.title"));
  const [token, setToken] = useState(() => slipFromHash(location.hash) ?? "");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useCallback(async (slip: string, typedName: string) => {
    if (!slip.trim()) return;
    setBusy(true);
    try {
      setOutcome(await checkSlip(slip, typedName));
    } finally {
      setBusy(false);
    }
  }, []);
  // A scanned QR code opens this page with the slip in the fragment: check it at once (and on a new scan).
  useEffect(() => {
    const fromHash = () => {
      const slip = slipFromHash(location.hash);
      if (!slip) return;
      setToken(slip);
      void run(slip, "");
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, [run]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(token, name);
  };
  return (
    <section className="slip-verify" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <p className="lede">{t("verify.lede")}</p>
      <form onSubmit={submit} className="slip-verify-form">
        <label className="field">
          <span>{t("verify.token")}</span>
          <textarea
            value={token}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            required
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("verify.name")}</span>
          <input
            value={name}
            autoComplete="off"
            maxLength={200}
            aria-describedby="verify-name-hint"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <p id="verify-name-hint" className="hint">
          {t("verify.nameHint")}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("verify.checking") : t("verify.check")}
        </button>
      </form>
      <div role="status" aria-live="polite" className="slip-result">
        {outcome ? <Verdict outcome={outcome} /> : null}
      </div>
    </section>
  );
}
