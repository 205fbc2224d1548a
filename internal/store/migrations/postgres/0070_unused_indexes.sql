-- Indexes that do not earn their write cost (issue 13; docs/EXPLAIN.md, "Which indexes earn their cost").
-- Every statement the store ran in the store, service, report, api and web tests had its plan read on a
-- filled office: none of these is the only index that serves a statement. The three of matters were
-- written on every intake and every imported row.

-- (state, received_at): a prefix of matters_r_state (state, received_at, area_path, area_id, station_id),
-- which serves every statement it served.
DROP INDEX matters_state;
-- (area_path, state): no statement chose it; an area's range is matters_r_area's prefix, an area's open
-- matters are matters_open_area.
DROP INDEX matters_area_state;
-- (due_at) of matters with a deadline: no statement chose it; the queue orders by deadline from
-- matters_open_due.
DROP INDEX matters_due;
-- (created_at, id): nothing reads the outbox by its time; lists and the delivery read it by id.
DROP INDEX outbox_created;
