-- Reports waiting for, or done with, delivery to the EHR: written in the same transaction as the change they
-- report, sent by the relay one message per transaction. The bundle is kept as sent, so a resend is identical.
create table report_outbox (
    id              varchar(36)  primary key,
    examination_id  varchar(36)  not null references examination (id),
    sequence        integer      not null,
    kind            varchar(16)  not null,
    patient_id      varchar(64)  not null,
    created_at      timestamp(6) with time zone not null,
    state           varchar(16)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp(6) with time zone not null,
    last_error      varchar(1000),
    sent_at         timestamp(6) with time zone,
    remote_ids      varchar(2000),
    bundle          text         not null
);
create index report_outbox_due on report_outbox (state, next_attempt_at);
create unique index report_outbox_examination on report_outbox (examination_id, sequence);
