-- Failed sign-ins no longer lock an account (anyone could lock its owner out): they are slowed down per source
-- address and per username and source, in memory. failed_logins stays, as a count for administrators.
alter table account drop column locked_until;
