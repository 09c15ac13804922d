-- JupyterHub's users.encrypted_auth_state: the Fernet token of the user's auth state (ASCII bytes), or NULL.
ALTER TABLE users ADD COLUMN encrypted_auth_state BYTEA;
