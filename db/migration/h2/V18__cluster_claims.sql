-- Work that must run once in a cluster. A study from the PACS being classified names the node that took it and when
-- that node last showed progress: a study whose node died goes back to waiting once its claim is old, and a node
-- that restarts takes back only its own. Each run of a scheduled job (the daily drift check, an audit checkpoint)
-- is one row, written by the node that does it: the others find the row there and skip that run.
alter table incoming_study add column claimed_by varchar(64);
alter table incoming_study add column claimed_at timestamp(6) with time zone;

create table scheduled_run (
    job        varchar(40)  not null,
    slot       varchar(40)  not null,
    node       varchar(64)  not null,
    started_at timestamp(6) with time zone not null,
    primary key (job, slot)
);
