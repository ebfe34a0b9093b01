-- +goose Up
-- The W3C traceparent of the span that queued the e-mail, so the worker's
-- delivery span can link back to the request that asked for it. Null when
-- the e-mail was queued outside a traced request. Ids only, no personal data.
ALTER TABLE outbox ADD COLUMN trace_parent text;

-- +goose Down
ALTER TABLE outbox DROP COLUMN trace_parent;
