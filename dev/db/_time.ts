import { startThrowawayPostgres } from "./embedded-postgres";
import { deployMigrations, pendingSchemaChanges } from "./migrations";
import pg from "pg";
async function main() {
  let t = Date.now(); const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
  const s = await startThrowawayPostgres(); lap("start");
  const c = new pg.Client(s.url("postgres")); await c.connect(); await c.query('create database tpl'); lap("createdb");
  await deployMigrations(s.url("tpl")); lap("deploy");
  await c.query('create database t1 template tpl'); lap("clone wal_log");
  await c.query('create database t2 template tpl strategy file_copy'); lap("clone file_copy");
  await c.query('create database t3 template tpl'); lap("clone wal_log");
  await c.query('create database t4 template tpl strategy file_copy'); lap("clone file_copy");
  console.log(JSON.stringify(await pendingSchemaChanges({ shadowUrl: s.url("postgres") }))); lap("drift diff");
  await c.end(); await s.stop(); lap("stop");
}
main();
