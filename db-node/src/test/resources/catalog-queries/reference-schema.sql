create table accounts(id serial primary key, owner varchar(40) not null, balance numeric(12,2) default 0, code char(3), created timestamptz default now(), tags text[], unique(owner, code));
create index accounts_balance_idx on accounts(balance desc) where balance > 0;
create index accounts_owner_created on accounts(owner, created);
create table items(k bigint, v text, f float8, b boolean, d date, ts timestamp, u uuid, j jsonb, i2 smallint, r real, by bytea, t time, iv interval, n numeric);
create schema s1;
create table s1.other(a int primary key);
