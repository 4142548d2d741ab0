-- The language each user chose for the web pages (en, es, ta); null until they choose one.
alter table account add column preferred_language varchar(8);
