-- Ganymede's initial schema. Times are epoch milliseconds (UTC); JSON columns are TEXT.
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  admin         BIGINT NOT NULL DEFAULT 0,
  created       BIGINT NOT NULL,
  last_activity BIGINT,
  cookie_id     TEXT    NOT NULL UNIQUE
);
CREATE TABLE groups (
  id         BIGSERIAL PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  properties TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE user_group_map (
  user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, group_id)
);
CREATE TABLE roles (
  id          BIGSERIAL PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  scopes      TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE role_members (
  role_id     BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  member_kind TEXT    NOT NULL CHECK (member_kind IN ('user', 'group', 'service')),
  member_name TEXT    NOT NULL,
  PRIMARY KEY (role_id, member_kind, member_name)
);
CREATE TABLE services (
  id              BIGSERIAL PRIMARY KEY,
  name            TEXT    NOT NULL UNIQUE,
  admin           BIGINT NOT NULL DEFAULT 0,
  url             TEXT,
  oauth_client_id TEXT,
  from_config     BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE api_tokens (
  id            BIGSERIAL PRIMARY KEY,
  owner_kind    TEXT    NOT NULL CHECK (owner_kind IN ('user', 'service')),
  owner_name    TEXT    NOT NULL,
  prefix        TEXT    NOT NULL,
  hashed        TEXT    NOT NULL UNIQUE,
  scopes        TEXT    NOT NULL DEFAULT '[]',
  note          TEXT    NOT NULL DEFAULT '',
  created       BIGINT NOT NULL,
  expires_at    BIGINT,
  last_activity BIGINT,
  session_id    TEXT,
  client_id     TEXT    NOT NULL DEFAULT 'jupyterhub'
);
CREATE INDEX api_tokens_owner ON api_tokens(owner_kind, owner_name);
CREATE TABLE servers (
  id            BIGSERIAL PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          TEXT    NOT NULL DEFAULT '',
  state         TEXT    NOT NULL DEFAULT '{}',
  url           TEXT,
  started       BIGINT,
  last_activity BIGINT,
  user_options  TEXT    NOT NULL DEFAULT '{}',
  UNIQUE (user_id, name)
);
CREATE TABLE oauth_clients (
  id            BIGSERIAL PRIMARY KEY,
  identifier    TEXT NOT NULL UNIQUE,
  description   TEXT NOT NULL DEFAULT '',
  secret_hash   TEXT NOT NULL,
  redirect_uri  TEXT NOT NULL,
  allowed_scopes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE oauth_codes (
  id           BIGSERIAL PRIMARY KEY,
  client_id    TEXT    NOT NULL,
  code_hash    TEXT    NOT NULL UNIQUE,
  user_name    TEXT    NOT NULL,
  redirect_uri TEXT    NOT NULL,
  scopes       TEXT    NOT NULL DEFAULT '[]',
  session_id   TEXT,
  code_challenge TEXT,
  expires_at   BIGINT NOT NULL
);
