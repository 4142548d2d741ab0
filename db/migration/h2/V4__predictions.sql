-- Uploaded images, content-addressed: one row per distinct file (sha256 of its bytes), kept in the database so an
-- image and the predictions about it are written, backed up and restored together.
create table stored_image (
    sha256     varchar(64)  primary key,
    content    varbinary        not null,
    format     varchar(8)   not null,
    width      integer      not null,
    height     integer      not null,
    stored_at  timestamp(6) with time zone not null
);

-- One classification of one image by one model, for one clinician; never changed once written.
create table prediction (
    id              varchar(36)  primary key,
    created_at      timestamp(6) with time zone not null,
    clinician       varchar(64)  not null,
    patient_id      varchar(64),
    image_sha256    varchar(64)  not null references stored_image (sha256),
    file_name       varchar(256),
    probability     double precision not null,
    positive        boolean      not null,
    threshold       double precision not null,
    model_name      varchar(64)  not null,
    model_version   varchar(32)  not null,
    model_checksum  varchar(64)  not null,
    gate_verdict    varchar(32)  not null,
    latency_micros  bigint       not null
);
create index prediction_clinician_created on prediction (clinician, created_at);
create index prediction_patient on prediction (patient_id);
