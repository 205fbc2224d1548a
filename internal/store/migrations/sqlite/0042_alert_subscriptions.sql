-- Staff who want their deadline alerts (reminders, breaches) sent to them by SMS or e-mail (issue 12).
CREATE TABLE alert_subscriptions (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    by_sms     BOOLEAN NOT NULL DEFAULT FALSE,
    email      TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
