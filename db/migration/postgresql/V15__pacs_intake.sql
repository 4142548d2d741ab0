-- DICOM from the PACS. A study that arrives through STOW-RS becomes an examination of the department (every
-- clinician's worklist) rather than of one clinician; it carries the DICOM study's identity and people.
alter table examination add column source varchar(8) default 'UPLOAD' not null;
alter table examination add column study_instance_uid varchar(64);
alter table examination add column series_instance_uid varchar(64);
alter table examination add column issuer_of_patient_id varchar(64);
alter table examination add column study_time timestamp(6);
alter table examination add column referring_physician varchar(128);
alter table examination add column performing_physician varchar(128);
alter table examination add column opened_by varchar(64);
alter table examination add column opened_at timestamp(6) with time zone;
alter table examination add column classified_at timestamp(6) with time zone;
create unique index examination_study_uid on examination (study_instance_uid);
create index examination_source on examination (source, created_at);

-- Each received DICOM instance, once (its SOP Instance UID is the key, so a resend stores nothing twice), kept until
-- its study is classified; then the bytes of the slices that were classified live on as stored images and the rest
-- are dropped (content set to null).
create table dicom_instance (
    sop_instance_uid    varchar(64)  primary key,
    examination_id      varchar(36)  not null references examination (id),
    series_instance_uid varchar(64)  not null,
    received_at         timestamp(6) with time zone not null,
    sender              varchar(64)  not null,
    instance_number     integer,
    position            double precision,
    slice_thickness     double precision,
    series_description  varchar(64),
    axial               boolean      not null,
    rows_count          integer      not null,
    columns_count       integer      not null,
    content             bytea
);
create index dicom_instance_examination on dicom_instance (examination_id);

-- A study's progress from first instance to verdict: it is due once no instance arrived for the quiet period.
create table incoming_study (
    examination_id      varchar(36)  primary key references examination (id),
    study_instance_uid  varchar(64)  not null unique,
    last_received_at    timestamp(6) with time zone not null,
    state               varchar(12)  not null,
    instances           integer      not null,
    note                varchar(500)
);
create index incoming_study_due on incoming_study (state, last_received_at);

-- Sending systems (a PACS, a modality) log in with the role INTEGRATION, which reaches the DICOMweb receiver only.
alter table account_role drop constraint account_role_known;
alter table account_role add constraint account_role_known check (role in ('CLINICIAN', 'AUDITOR', 'ADMIN', 'INTEGRATION'));
