-- The head of the audit chain only moves forward, and only onto a record that exists with that hash: whoever may
-- append (the runtime role needs UPDATE on audit_head for that) cannot wind the head back to hide newer records.
create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.last_seq <= old.last_seq
            or not exists (select 1 from audit_record r where r.seq = new.last_seq and r.hash = new.last_hash) then
        raise exception 'audit_head only advances to an appended record: % refused', tg_op;
    end if;
    return new;
end
$$;
create trigger audit_head_forward_only before update on audit_head
    for each row execute function audit_head_forward_only();
create function audit_head_kept() returns trigger language plpgsql as $$
begin
    raise exception 'audit_head is never removed: % refused', tg_op;
end
$$;
create trigger audit_head_no_delete before delete or truncate on audit_head
    for each statement execute function audit_head_kept();
