// 0001: the store of record. Frozen in time: a later change is a new numbered file.
export const sql = `
CREATE TABLE groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- The group's version counter. Bumped in the write transaction under this row's lock, so versions
  -- become visible in order and a pull with since=V can never skip a change committed later.
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id bigserial PRIMARY KEY,
  group_id uuid NOT NULL REFERENCES groups(id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX members_group ON members(group_id);

-- Bodies are stored once per group, addressed by the sha256 of their bytes.
CREATE TABLE bodies (
  group_id uuid NOT NULL REFERENCES groups(id),
  hash text NOT NULL,
  body bytea NOT NULL,
  uploaded_by bigint NOT NULL REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, hash)
);

-- Every shared thing is a versioned object. Deletion sets deleted (the row stays: nothing is removed
-- for good by sync) and the deletion log below says who and when, for an admin's restore.
CREATE TABLE objects (
  group_id uuid NOT NULL REFERENCES groups(id),
  kind text NOT NULL CHECK (kind IN ('article', 'field', 'tag', 'annotation', 'comment')),
  key text NOT NULL,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  author_id bigint NOT NULL REFERENCES members(id),
  deleted boolean NOT NULL DEFAULT false,
  hidden boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, kind, key)
);
CREATE INDEX objects_changes ON objects(group_id, version, kind, key);

CREATE TABLE deletions (
  id bigserial PRIMARY KEY,
  group_id uuid NOT NULL REFERENCES groups(id),
  kind text NOT NULL,
  key text NOT NULL,
  version bigint NOT NULL,
  deleted_by bigint NOT NULL REFERENCES members(id),
  deleted_at timestamptz NOT NULL DEFAULT now(),
  restored_at timestamptz,
  restored_by bigint REFERENCES members(id)
);
CREATE INDEX deletions_object ON deletions(group_id, kind, key);

-- Every applied operation, by its client-chosen id: a retry finds its id here and is answered from it,
-- and the rows are the history (a tag removal that lost to a later add is still here).
CREATE TABLE operations (
  group_id uuid NOT NULL REFERENCES groups(id),
  op_id text NOT NULL,
  member_id bigint NOT NULL REFERENCES members(id),
  op text NOT NULL,
  kind text NOT NULL,
  key text NOT NULL,
  version bigint NOT NULL,
  payload jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, op_id)
);
CREATE INDEX operations_activity ON operations(group_id, applied_at);
`
