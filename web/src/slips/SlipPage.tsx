import { useState } from "react";
import { unverifiedSlipClaims } from "#shared/slip-token";
import { useTitle } from "../attendee/use-load";
import { slips as strings } from "../i18n/slips";
import { qrPath, verifyUrl } from "./qr";
import { SlipFactsList } from "./SlipFactsList";
import { loadIssuedSlip } from "./slip-store";
import "./slips.css";

/** The slip as a QR code of its verify link, drawn in the page (an SVG path: prints sharp). */
function SlipQr({ token }: { token: string }) {
  const t = strings.useT();
  const [qr] = useState(() => qrPath(verifyUrl(location.origin, token)));
  const quiet = 4;
  return (
    <svg
      className="slip-qr"
      viewBox={`${-quiet} ${-quiet} ${qr.size + 2 * quiet} ${qr.size + 2 * quiet}`}
      role="img"
      aria-label={t("sheet.qrLabel")}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={qr.size + 2 * quiet} height={qr.size + 2 * quiet} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}

/**
 * `/slip` — the attendee's printable slip (A4 or Letter, or a PDF through the browser's print
 * dialog): what the slip says, the name typed for it (from this browser only), and a QR code of
 * its verify link. The slip comes from this tab's storage, never from the URL or the server.
 */
export default function SlipPage() {
  const t = strings.useT();
  const [slip] = useState(loadIssuedSlip);
  const claims = slip ? unverifiedSlipClaims(slip.token) : null;
  useTitle(claims ? t("sheet.docTitle", { meeting: claims.meeting }) : t("sheet.title"));
  if (!slip || !claims) {
    return (
      <section className="slip-missing">
        <h1>{t("sheet.none")}</h1>
        <p>{t("sheet.noneHint")}</p>
      </section>
    );
  }
  return (
    <article className="slip-sheet" aria-labelledby="slip-sheet-title">
      <div className="slip-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("sheet.print")}
        </button>
        <p className="hint">{t("sheet.privacy")}</p>
      </div>
      <header>
        <h1 id="slip-sheet-title">{t("sheet.title")}</h1>
        <p>{t("sheet.lede")}</p>
      </header>
      <div className="slip-body">
        <SlipFactsList claims={claims} name={slip.name} />
        <figure className="slip-qr-figure">
          <SlipQr token={slip.token} />
          <figcaption>{t("sheet.qrHint", { origin: location.origin })}</figcaption>
        </figure>
      </div>
      <p className="slip-signature">{t("sheet.signature")}</p>
    </article>
  );
}
