-- Voice in the room (issue 16): the floor mode a meeting's room starts in, chosen by the secretary
-- ('open' mic, 'raise_hand', 'host_only'); hosts switch it live. A setting only: no audio is stored.
ALTER TABLE meetings ADD COLUMN floor_mode TEXT NOT NULL DEFAULT 'open';
