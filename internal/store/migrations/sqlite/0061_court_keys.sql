-- The court's own system signs in with an API key of scope "court" bound to its court (a
-- station): it delegates disputes and reads their results through the API as that court and
-- no other (issue 10 item 1, R-L33).
CREATE TABLE court_api_keys (
    api_key_id INTEGER PRIMARY KEY REFERENCES api_keys(id),
    station_id INTEGER NOT NULL REFERENCES stations(id)
);
