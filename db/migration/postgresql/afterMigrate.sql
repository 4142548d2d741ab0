-- Flyway runs this after every migration, as the role that owns the schema. When the server runs as another role
-- (strokescan.db.user, with strokescan.db.migration-user migrating), that role gets the data but not the schema: it
-- owns nothing, so it cannot alter tables or switch triggers off; on the audit trail it may only read and append
-- (and advance the head), and Flyway's history it may only read. Repeated on every start, so new tables are covered.
do $grants$
declare
    runtime text := '${runtime_user}';
begin
    if runtime = '' or runtime = current_user then
        return;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), runtime);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), runtime);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), runtime);
    execute format('revoke all on audit_record, audit_head, %I from %I', '${flyway:table}', runtime);
    execute format('grant select, insert on audit_record to %I', runtime);
    execute format('grant select, update on audit_head to %I', runtime);
    execute format('grant select on %I to %I', '${flyway:table}', runtime);
end
$grants$;
