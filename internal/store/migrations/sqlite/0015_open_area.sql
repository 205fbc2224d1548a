-- A town's open queue: its count walked every open matter of the office in matters_open_due to find the
-- town's (≈ 54,000 entries for 7,700 at a million stored; 25 ms and more under load). The open matters
-- by area: the count of a town's open matters is the town's range here. Only open matters are in it;
-- state rides along so the count reads nothing but the index.
CREATE INDEX matters_open_area ON matters(area_path, state) WHERE state <> 'closed';
