/** Receipt upload: hash → sign → PUT with progress (XMLHttpRequest) → confirm. */
import { dashApi, ensureOk } from "../client";
import { HttpError } from "../http";
import { receiptType, sha256Hex } from "./receipt-file";

function put(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new HttpError(xhr.status, `http_${xhr.status}`, xhr.statusText || "Upload refused"));
    xhr.onerror = () => reject(new HttpError(0, "network", "The upload was interrupted"));
    xhr.send(body);
  });
}

/**
 * Uploads one receipt for a group and returns its confirmed attachment id. The bytes go through
 * the Worker's upload route (same origin, so no bucket CORS setup is needed for the dashboard).
 */
export async function uploadReceipt(
  groupId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<string> {
  const bytes = await file.arrayBuffer();
  const json = {
    groupId,
    filename: file.name,
    contentType: receiptType(file) as "application/pdf",
    size: file.size,
    sha256: await sha256Hex(bytes),
    via: "worker" as const,
  };
  const signed = await (await ensureOk(await dashApi.attachments.sign.$post({ json }))).json();
  await put(signed.upload.url, signed.upload.headers, new Blob([bytes], { type: json.contentType }), onProgress);
  onProgress(1);
  await ensureOk(await dashApi.attachments.confirm.$post({ json: { id: signed.id } }));
  return signed.id;
}
