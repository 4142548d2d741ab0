-- Model operations. Which model is active and which runs in the shadow, as a history: the newest row of a slot is
-- what every node holds (each node reads it every few seconds). A shadow row without a model clears the shadow.
create table model_activation (
    id          varchar(36)  primary key,
    slot        varchar(8)   not null,
    model_id    varchar(100),
    changed_at  timestamp(6) with time zone not null,
    changed_by  varchar(64)  not null,
    approved_by varchar(64),
    reason      varchar(500) not null,
    request_id  varchar(36)
);
create index model_activation_slot on model_activation (slot, changed_at);

-- A request to make another model active (promote the shadow, or roll back to an earlier model): it takes effect only
-- when a second administrator approves it.
create table model_change_request (
    id            varchar(36)  primary key,
    kind          varchar(16)  not null,
    model_id      varchar(100) not null,
    replaces      varchar(100) not null,
    reason        varchar(500) not null,
    requested_by  varchar(64)  not null,
    requested_at  timestamp(6) with time zone not null,
    state         varchar(16)  not null,
    decided_by    varchar(64),
    decided_at    timestamp(6) with time zone,
    decision_note varchar(500)
);
create index model_change_request_state on model_change_request (state, requested_at);

-- The shadow model's result for an image the active model classified, beside the active model's: for comparison
-- only, never shown to clinicians nor sent to the EHR.
create table shadow_prediction (
    id                 varchar(36)  primary key,
    prediction_id      varchar(36)  not null unique,
    examination_id     varchar(36),
    created_at         timestamp(6) with time zone not null,
    active_model       varchar(100) not null,
    active_probability double precision not null,
    active_positive    boolean      not null,
    shadow_model       varchar(100) not null,
    refusal            varchar(32),
    probability        double precision,
    positive           boolean,
    threshold          double precision,
    latency_micros     bigint       not null
);
create index shadow_prediction_created on shadow_prediction (created_at);
