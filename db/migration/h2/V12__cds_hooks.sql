-- EHR hooks (CDS Hooks). A card StrokeScan put on an EHR screen: which examination it spoke of, to which EHR, and the
-- SHA-256 of its single-use launch token (the token itself is only in the card's link), with when it was used.
create table cds_card (
    uuid                varchar(36)  primary key,
    examination_id      varchar(36)  not null references examination (id),
    issuer              varchar(256) not null,
    indicator           varchar(16)  not null,
    issued_at           timestamp(6) with time zone not null,
    launch_token_sha256 varchar(64)  not null unique,
    launch_expires_at   timestamp(6) with time zone not null,
    launched_at         timestamp(6) with time zone,
    launched_by         varchar(64)
);
create index cds_card_examination on cds_card (examination_id);

-- What the EHR reported its user did with a card: accepted it, or overrode it with a reason. A resend of the same
-- outcome at the same moment is stored once.
create table cds_feedback (
    id               varchar(36)   primary key,
    card_uuid        varchar(36)   not null references cds_card (uuid),
    issuer           varchar(256)  not null,
    outcome          varchar(16)   not null,
    override_code    varchar(64),
    override_display varchar(256),
    user_comment     varchar(2000),
    outcome_at       timestamp(6) with time zone not null,
    received_at      timestamp(6) with time zone not null,
    unique (card_uuid, outcome, outcome_at)
);
create index cds_feedback_received on cds_feedback (received_at);

-- The JWTs already accepted (SHA-256 of issuer and jti) until they expire: a token is accepted once.
create table cds_seen_token (
    id         varchar(64) primary key,
    expires_at timestamp(6) with time zone not null
);
create index cds_seen_token_expiry on cds_seen_token (expires_at);
