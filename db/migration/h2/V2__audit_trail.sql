-- The audit trail: append-only records, each hash-chained to the one before (see AuditChain).
create table audit_record (
    seq            bigint       primary key,
    occurred_at    timestamp(6) with time zone not null,
    actor          varchar(64)  not null,
    actor_roles    varchar(64)  not null,
    remote_address varchar(64)  not null,
    action         varchar(32)  not null,
    subject        varchar(256) not null,
    outcome        varchar(16)  not null,
    detail         varchar(256) not null,
    previous_hash  varchar(64)  not null,
    hash           varchar(64)  not null
);
create index audit_record_occurred_at on audit_record (occurred_at);
create index audit_record_actor on audit_record (actor);

-- The end of the chain, one row; locked while a record is appended so appends form one sequence.
create table audit_head (
    id        integer     primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null,
    constraint audit_head_single_row check (id = 1)
);
insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
