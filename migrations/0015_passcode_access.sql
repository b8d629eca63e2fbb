-- Issue 15 (the newcomer's walk): how a newcomer gets a passcode meeting's passcode, the passcode
-- itself sealed (AES-GCM, a key derived from EMAIL_ENC_KEY) so secretaries can see it again (the
-- hash in passcode_hash still does every check), and whether latecomers see the chat from before
-- they arrived. Settings only; plain ADD COLUMNs (no table rebuild).
--   passcode_access: 'shown' (on the meeting page), 'after_admit' (in the room once a host admits
--   the person; needs the waiting room), 'ask' (a form that mails the group's secretaries).
--   Existing meetings: 'ask', the one that reveals nothing.
ALTER TABLE meetings ADD COLUMN passcode_access TEXT NOT NULL DEFAULT 'ask';
ALTER TABLE meetings ADD COLUMN passcode_enc TEXT;
ALTER TABLE meetings ADD COLUMN latecomer_chat INTEGER NOT NULL DEFAULT 0;
