-- PostgreSQL's V9 makes audit_head advance-only with a trigger; H2 has no SQL triggers (only Java classes), so here
-- the version only stays in step. The hash chain and the signed checkpoints still reveal a head that was wound back.
comment on table audit_head is 'the end of the audit chain; advanced by appends only';
