-- Drift watch. Every upload the intake or the input gate refused, by reason (the audit trail words them for people;
-- this counts them): single images and examination slices alike.
create table refused_image (
    id             varchar(36)  primary key,
    created_at     timestamp(6) with time zone not null,
    stage          varchar(16)  not null,
    reason         varchar(32)  not null,
    examination_id varchar(36)
);
create index refused_image_created on refused_image (created_at);

-- One drift check of the active model over a window against its card's validation reference: the report as JSON
-- (metrics with value, threshold and alarm), kept so the drift page shows history and the banner reads the latest.
create table drift_check (
    id           varchar(36)    primary key,
    checked_at   timestamp(6) with time zone not null,
    model_id     varchar(100)   not null,
    window_days  integer        not null,
    alarm        boolean        not null,
    cause        varchar(64)    not null,
    report       varchar(100000) not null
);
create index drift_check_checked on drift_check (checked_at);

-- Each classified image's mean grey level (0-255) as the intake decoded it: the drift watch compares it with the
-- validation images'. Null for predictions made before.
alter table prediction add column mean_grey double precision;
