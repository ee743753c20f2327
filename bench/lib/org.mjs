// The organisation the benchmarks run in: the four departments config/policy.yaml routes to, each with
// an appointed supervisor, a manager and an HR officer, created over HTTP like an admin would; then
// staff in bulk by SQL up to the requested head count (same password hash, same membership terms).
import { client } from './app.mjs';

const DEPARTMENTS = [
  { code: 'CS', name: '客服部', categories: ['服务态度'] },
  { code: 'ENG', name: '工程部', categories: ['报修'] },
  { code: 'SEC', name: '秩序部', categories: ['安全'] },
  { code: 'ENV', name: '环境部', categories: ['卫生'] },
];

export async function seedOrg(base, adminToken, password) {
  const admin = client(base, adminToken);
  const departments = [];
  for (const d of DEPARTMENTS) {
    const { body: department } = await admin('POST', '/departments', { code: d.code, name: d.name });
    const person = async (suffix, name, roles) =>
      (await admin('POST', '/staff', { name, username: `${d.code.toLowerCase()}.${suffix}`, password, departmentId: department.id, roles })).body;
    const supervisor = await person('supervisor', `${d.name}主管`, ['staff', 'supervisor']);
    await admin('PATCH', `/departments/${department.id}`, { supervisorId: supervisor.id });
    const staff = await person('staff1', `${d.name}员工`, ['staff']);
    departments.push({ ...d, id: department.id, supervisorId: supervisor.id, firstStaff: staff });
  }
  const manager = (await admin('POST', '/staff', { name: '总经理', username: 'manager', password, departmentId: null, roles: ['manager'] })).body;
  const hr = (await admin('POST', '/staff', { name: '人事专员', username: 'hr.officer', password, departmentId: null, roles: ['hr'] })).body;
  return { departments, manager, hr };
}

/** Adds staff (role staff, spread over the departments) until the company has `headCount` people. */
export async function growStaff(db, org, headCount, now) {
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM staff')).rows;
  const missing = Math.max(0, headCount - n);
  await db.query(
    `WITH hash AS (SELECT password_hash FROM staff WHERE username = $1),
          added AS (
            INSERT INTO staff (name, username, password_hash, department_id, roles, active)
            SELECT '员工' || i, 'bench.staff' || i, (SELECT password_hash FROM hash), ($2::uuid[])[1 + i % cardinality($2::uuid[])], '{staff}', true
              FROM generate_series(1, $3::int) AS i
            RETURNING id, department_id)
     INSERT INTO org_term (kind, subject_id, holder_id, started_at) SELECT 'membership', id, department_id, $4 FROM added`,
    [org.departments[0].firstStaff.username, org.departments.map((d) => d.id), missing, now],
  );
  const rows = (await db.query(`SELECT id, department_id FROM staff WHERE 'staff' = ANY(roles) AND NOT 'supervisor' = ANY(roles) ORDER BY username`)).rows;
  for (const d of org.departments) d.handlers = rows.filter((r) => r.department_id === d.id).map((r) => r.id);
  const [{ total }] = (await db.query('SELECT count(*)::int AS total FROM staff')).rows;
  return total;
}
