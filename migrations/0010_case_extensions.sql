-- Penalty cases, second slice: the extension of the decision deadline (asked for, then approved by
-- the leadership where the sector's rules allow it), a deferred or instalment payment of the fine
-- (APL 66) and where a transferred case went with which materials. The local settings of the case
-- rules (hearing thresholds, review grounds, extensions per field) are the `settings` row
-- 'case.rules' (domain/case_settings).
ALTER TABLE cases ADD COLUMN extension_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN extension_request TEXT;   -- JSON {days, reason, on} awaiting approval
ALTER TABLE cases ADD COLUMN payment_plan TEXT;        -- JSON domain::PaymentPlan, once approved
ALTER TABLE cases ADD COLUMN transfer TEXT;            -- JSON {receiver_kind, receiver, materials}
