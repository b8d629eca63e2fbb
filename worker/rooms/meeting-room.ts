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
}
