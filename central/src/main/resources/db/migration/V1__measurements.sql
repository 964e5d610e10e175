-- The central store of a fleet (docs/fleet.md). Flyway runs this as the administrator that owns the schema; the
-- administrator needs CREATEROLE (the group roles below are cluster-wide, created once).

DO $$
BEGIN
  -- Every probe's login role is a member of censorprobe_probe: the privileges and policies below name the group.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'censorprobe_probe') THEN
    CREATE ROLE censorprobe_probe NOLOGIN;
  END IF;
  -- The reporter's roles: read everything, write nothing.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'censorprobe_reader') THEN
    CREATE ROLE censorprobe_reader NOLOGIN;
  END IF;
END
$$;

-- Which login role writes as which probe. A probe role sees only its own line (policy below), so the policies
-- on the data tables can look its probe id up without a SECURITY DEFINER function.
CREATE TABLE censorprobe.probe_roles (
  role_name  name        PRIMARY KEY,
  probe      text        NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE censorprobe.probe_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_line ON censorprobe.probe_roles FOR SELECT TO censorprobe_probe USING (role_name = current_user);

-- One row per measurement: the record whole, and the columns reports filter on. measured_at is the probe's
-- clock; received_at is the server's (the column's default: probes have no privilege on it), so a report can
-- tell late-arriving data from data that was never measured.
CREATE TABLE censorprobe.measurements (
  id          text        NOT NULL,
  measured_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- when a re-judged revision last replaced the record (null: never)
  revised_at  timestamptz,
  probe       text        NOT NULL,
  network     text,
  asn         integer,
  country     text,
  round_id    text        NOT NULL,
  role        text        NOT NULL,
  platform    text        NOT NULL,
  endpoint    text        NOT NULL,
  verdict     text        NOT NULL,
  method      text,
  revision    integer     NOT NULL DEFAULT 0,
  classifier  text,
  record      jsonb       NOT NULL,
  -- A unique key of a partitioned table must hold the partition key. A measurement's measured_at never
  -- changes, so (id, measured_at) is as unique as the id for every row a probe uploads twice.
  PRIMARY KEY (id, measured_at),
  CHECK (length(id) BETWEEN 1 AND 128)
) PARTITION BY RANGE (measured_at);

-- Rows outside every monthly partition (a probe whose clock says 1970, or maintenance that did not run) land
-- here instead of failing the upload; ensure_partitions moves them when their month's partition is made.
CREATE TABLE censorprobe.measurements_default PARTITION OF censorprobe.measurements DEFAULT;

CREATE INDEX measurements_measured_at ON censorprobe.measurements (measured_at);
CREATE INDEX measurements_probe_measured_at ON censorprobe.measurements (probe, measured_at);

-- Failed uploads, as each probe recorded them: facts about the path from the probe to this server (OONI sees
-- late uploads where networks interfere), never a verdict about censorship.
CREATE TABLE censorprobe.upload_failures (
  probe          text        NOT NULL,
  started_at     timestamptz NOT NULL,
  last_failed_at timestamptz NOT NULL,
  ended_at       timestamptz,
  attempts       integer     NOT NULL,
  reason         text        NOT NULL,
  detail         text,
  received_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (probe, started_at)
);

-- Row-level security: a probe inserts, reads and updates only rows carrying its own probe id. The owner (the
-- administrator) is not subject to it; partitions have no grants, so they cannot be written around it.
ALTER TABLE censorprobe.measurements ENABLE ROW LEVEL SECURITY;
CREATE POLICY probe_insert ON censorprobe.measurements FOR INSERT TO censorprobe_probe
  WITH CHECK (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY probe_select ON censorprobe.measurements FOR SELECT TO censorprobe_probe
  USING (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY probe_update ON censorprobe.measurements FOR UPDATE TO censorprobe_probe
  USING (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user))
  WITH CHECK (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY reader_select ON censorprobe.measurements FOR SELECT TO censorprobe_reader USING (true);

ALTER TABLE censorprobe.upload_failures ENABLE ROW LEVEL SECURITY;
CREATE POLICY probe_insert ON censorprobe.upload_failures FOR INSERT TO censorprobe_probe
  WITH CHECK (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY probe_select ON censorprobe.upload_failures FOR SELECT TO censorprobe_probe
  USING (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY probe_update ON censorprobe.upload_failures FOR UPDATE TO censorprobe_probe
  USING (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user))
  WITH CHECK (probe = (SELECT r.probe FROM censorprobe.probe_roles r WHERE r.role_name = current_user));
CREATE POLICY reader_select ON censorprobe.upload_failures FOR SELECT TO censorprobe_reader USING (true);

-- Column privileges: a probe names its rows and their contents, never the server's columns (received_at),
-- and on a re-judged row changes only the judgement. SELECT is what INSERT ... ON CONFLICT DO UPDATE reads
-- (the conflict key, the revision, and the EXCLUDED columns it copies), through the policy: own rows only.
GRANT USAGE ON SCHEMA censorprobe TO censorprobe_probe, censorprobe_reader;
GRANT SELECT ON censorprobe.probe_roles TO censorprobe_probe;
GRANT SELECT (id, measured_at, probe, revision, verdict, method, classifier, record) ON censorprobe.measurements
  TO censorprobe_probe;
GRANT INSERT (id, measured_at, probe, network, asn, country, round_id, role, platform, endpoint, verdict, method,
              revision, classifier, record) ON censorprobe.measurements TO censorprobe_probe;
GRANT UPDATE (verdict, method, revision, classifier, record, revised_at) ON censorprobe.measurements
  TO censorprobe_probe;
GRANT SELECT (probe, started_at, last_failed_at, ended_at, attempts, reason, detail) ON censorprobe.upload_failures
  TO censorprobe_probe;
GRANT INSERT (probe, started_at, last_failed_at, ended_at, attempts, reason, detail)
  ON censorprobe.upload_failures TO censorprobe_probe;
GRANT UPDATE (last_failed_at, ended_at, attempts, reason, detail) ON censorprobe.upload_failures
  TO censorprobe_probe;
GRANT SELECT ON censorprobe.measurements, censorprobe.upload_failures TO censorprobe_reader;

-- Monthly partitions (UTC), made ahead by `central maintain` (daily); the migration makes this month's and the
-- next three. Rows already in the default partition for a month being made move into it.
CREATE FUNCTION censorprobe.ensure_partitions(months_ahead integer, from_month date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  m    date;
  part text;
  lo   timestamptz;
  hi   timestamptz;
  made integer := 0;
BEGIN
  FOR i IN 0..months_ahead LOOP
    m := (date_trunc('month', from_month) + make_interval(months => i))::date;
    part := 'measurements_' || to_char(m, 'YYYY_MM');
    CONTINUE WHEN to_regclass('censorprobe.' || quote_ident(part)) IS NOT NULL;
    lo := m::timestamp AT TIME ZONE 'UTC';
    hi := (m + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    EXECUTE format('CREATE TABLE censorprobe.%I (LIKE censorprobe.measurements INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                   part);
    EXECUTE format('WITH moved AS (DELETE FROM censorprobe.measurements_default WHERE measured_at >= $1 AND '
                   'measured_at < $2 RETURNING *) INSERT INTO censorprobe.%I SELECT * FROM moved', part)
      USING lo, hi;
    EXECUTE format('ALTER TABLE censorprobe.measurements ATTACH PARTITION censorprobe.%I FOR VALUES FROM (%L) TO (%L)',
                   part, lo, hi);
    made := made + 1;
  END LOOP;
  RETURN made;
END
$$;

-- Retention by whole partitions: a month goes when all of it is older than the cutoff. Returns the names dropped.
CREATE FUNCTION censorprobe.drop_partitions_before(cutoff timestamptz)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  p record;
BEGIN
  FOR p IN
    SELECT c.relname,
           (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper_bound
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'censorprobe.measurements'::regclass AND c.relname <> 'measurements_default'
  LOOP
    IF p.upper_bound <= cutoff THEN
      EXECUTE format('DROP TABLE censorprobe.%I', p.relname);
      RETURN NEXT p.relname;
    END IF;
  END LOOP;
END
$$;

SELECT censorprobe.ensure_partitions(3, (now() AT TIME ZONE 'UTC')::date);
