// 0002: each member's private state (reading state per article, their synced settings). Frozen in time:
// a later change is a new numbered file.
//
// A table of its own, not a column on objects: the shared pull never reads it, so no query of another
// member's can return these rows by a missing filter. Versions come from the group's counter like every
// other change (one order per group); other members see those versions as gaps and skip them.
export const sql = `
CREATE TABLE private_objects (
  group_id uuid NOT NULL REFERENCES groups(id),
  member_id bigint NOT NULL REFERENCES members(id),
  kind text NOT NULL CHECK (kind IN ('reading', 'setting')),
  key text NOT NULL,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, member_id, kind, key)
);
CREATE INDEX private_objects_changes ON private_objects(group_id, member_id, version, kind, key);
`
