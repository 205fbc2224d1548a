-- An individual business's objection to being marked (R-L37, Order 69 Art.19): the bureau
-- decides whether to accept it within 5 working days of receipt and verifies it within 20
-- working days of acceptance. Both deadlines are clocks of the procedure.
ALTER TABLE credit_objections ADD COLUMN accept_due TIMESTAMP;
ALTER TABLE credit_objections ADD COLUMN accepted_at TIMESTAMP;
ALTER TABLE credit_objections ADD COLUMN verify_due TIMESTAMP;
