-- An upload sent with an Idempotency-Key: the client's key, per caller, and the prediction it stored. A client that
-- got no answer (its node died, the network broke) sends the same request with the same key again and is answered
-- with what was stored the first time, never a second copy. Written in the transaction that stores the prediction.
create table upload_key (
    clinician       varchar(64)  not null,
    idempotency_key varchar(64)  not null,
    prediction_id   varchar(36)  not null references prediction (id),
    created_at      timestamp(6) with time zone not null,
    primary key (clinician, idempotency_key)
);
