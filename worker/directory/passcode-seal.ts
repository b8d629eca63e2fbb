import { decryptText, encryptText } from "../auth/crypto";

/**
 * A meeting's passcode sealed for its secretaries (AES-GCM). A key of its own, derived from
 * EMAIL_ENC_KEY the way Stripe webhook secrets are (AES key = SHA-256 of this string). The hash
 * beside it still does every check; the sealed copy is only ever opened for the dashboard, the
 * `shown` meeting page and admitted participants of an `after_admit` room.
 */
const passcodeKey = (env: Env) => `meeting-passcode\u0000${env.EMAIL_ENC_KEY}`;

export type PasscodeSealer = (plain: string) => Promise<string>;

export const passcodeSealer =
  (env: Env): PasscodeSealer =>
  (plain) =>
    encryptText(passcodeKey(env), plain);

/** The plain passcode, or null when none was sealed (set before 0015) or the key changed. */
export async function openPasscode(env: Env, sealed: string | null): Promise<string | null> {
  if (!sealed) return null;
  try {
    return await decryptText(passcodeKey(env), sealed);
  } catch {
    return null;
  }
}
