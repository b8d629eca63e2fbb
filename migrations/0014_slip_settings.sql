-- Attendance slips (issue 18): per meeting, how many minutes of presence a slip needs (default 45)
-- and whether the room confirms requests itself instead of waiting for a host's click.
-- Settings only: no slip content is ever stored.
ALTER TABLE meetings ADD COLUMN slip_min_minutes INTEGER NOT NULL DEFAULT 45;
ALTER TABLE meetings ADD COLUMN slip_auto_confirm INTEGER NOT NULL DEFAULT 0;
