-- An examination: one clinician's series of slices of one patient, its study verdict and its review state.
-- slice_count, rejected_count, max_probability and verdict summarise the slices so history filters in SQL;
-- they are updated under a row lock with each upload, and never after signing.
create table examination (
    id               varchar(36)  primary key,
    created_at       timestamp(6) with time zone not null,
    clinician        varchar(64)  not null,
    patient_id       varchar(64)  not null,
    accession_number varchar(64),
    clinical_note    varchar(2000),
    slice_count      integer      not null,
    rejected_count   integer      not null,
    max_probability  double precision,
    verdict          varchar(16)  not null,
    review_state     varchar(16)  not null
);
create index examination_clinician_created on examination (clinician, created_at);
create index examination_patient on examination (patient_id);

-- Slices classified within an examination; predictions made through the API without one keep it null.
alter table prediction add column examination_id varchar(36) references examination (id);
create index prediction_examination on prediction (examination_id);

-- A file refused at upload, kept with its reason so nothing a clinician uploaded disappears without a trace.
create table rejected_upload (
    id             varchar(36)  primary key,
    examination_id varchar(36)  not null references examination (id),
    created_at     timestamp(6) with time zone not null,
    file_name      varchar(256),
    stage          varchar(16)  not null,
    reason         varchar(32)  not null,
    message        varchar(512) not null
);
create index rejected_upload_examination on rejected_upload (examination_id);

-- The clinician's review: sequence 1 signs the examination, each later row amends it. Rows are never changed,
-- so the original signature stays next to every correction.
create table review (
    id              varchar(36)  primary key,
    examination_id  varchar(36)  not null references examination (id),
    sequence        integer      not null,
    signed_by       varchar(64)  not null,
    signed_at       timestamp(6) with time zone not null,
    agrees          boolean      not null,
    comment         varchar(2000),
    verdict         varchar(16)  not null,
    max_probability double precision not null,
    constraint review_once_per_sequence unique (examination_id, sequence)
);

-- Signed reviews are never changed: a correction is a new row. The database refuses changes too, for every user.
create function review_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'review is append-only: % refused', tg_op;
end
$$;
create trigger review_no_change before update or delete on review
    for each row execute function review_append_only();
