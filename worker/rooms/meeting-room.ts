import { Server } from "partyserver";

/**
 * The live room of one meeting occurrence (named by the occurrence id): roster, waiting room,
 * passcode checks, chat and moderation state. Rules live in plain modules beside this class.
 */
export class MeetingRoom extends Server<Env> {
  // Static, not an instance field: an instance field silently disables hibernation.
  static override options = { hibernate: true };

  /** Readiness probe: proves the namespace is bound and an object answers. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  /** Ends the meeting for everyone (host ended it, or the occurrence was ended/cancelled). */
  async end(_reason: "host" | "ended" | "cancelled"): Promise<void> {}

  /** Wipes the room's storage (chat, roster): called by the purge job once retention has passed. */
  async wipe(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
