-- A signed-in session remembers the account's session generation; disabling the account or changing or resetting its
-- password moves the generation on, which ends every session signed in before (checked on each request).
alter table account add column session_generation bigint not null default 0;
