-- A password an administrator issued (new account, reset) stops working if the user has not replaced it in time
-- (strokescan.security.issued-password-days); null for passwords users chose and the first admin's.
alter table account add column issued_password_expires_at timestamp(6) with time zone;
