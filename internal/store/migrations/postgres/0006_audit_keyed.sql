-- Audit entries sealed with a key kept outside the database (R-P8): an entry's
-- place in the log is part of its seal; entries written before keys keep seq 0.
ALTER TABLE audit ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN keyed BOOLEAN NOT NULL DEFAULT FALSE;
-- The admin audit page and GET /api/v1/audit filter by actor, action, case number and period, newest first.
CREATE INDEX audit_actor ON audit(actor_name, id);
CREATE INDEX audit_action ON audit(action, id);
CREATE INDEX audit_ref ON audit(ref, id);
CREATE INDEX audit_at ON audit(at);
