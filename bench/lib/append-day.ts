// The "one more day" input of the incremental benchmark: every athlete repeats the
// activities (and splits) of its last activity day on the day after the simulated end.
// The new lines are appended to copies of the files, as a daily export appends them.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function appendOneDay(fromDir: string, toDir: string, newDay: string): Promise<{ activities: number; splits: number }> {
  mkdirSync(toDir, { recursive: true });
  copyFileSync(join(fromDir, 'athlete_settings.csv'), join(toDir, 'athlete_settings.csv'));
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const read = (name: string) => `read_csv(${q(join(fromDir, name))}, header = true, all_varchar = true, nullstr = '')`;
  await con.run(`create table acts as select * from ${read('strava_activities.csv')}`);
  await con.run(`create table splits as select * from ${read('strava_sub_activity.csv')}`);
  // New ids above every existing one; the clock time of day stays, the date moves.
  await con.run(`
    create table added as
    with last_day as (
        select athlete_id, max(cast(try_cast(start_date_local as timestamp) as date)) as day
        from acts
        group by athlete_id
    ),
    picked as (
        select a.*, date_diff('day', l.day, date ${q(newDay)}) as shift
        from acts as a
        join last_day as l on a.athlete_id = l.athlete_id
            and cast(try_cast(a.start_date_local as timestamp) as date) = l.day
    )
    select
        *,
        cast((select max(cast(id as bigint)) from acts) + row_number() over (order by athlete_id, id) as varchar) as new_id,
    from picked`);
  const columns = (await (await con.runAndReadAll('select * from acts limit 0')).columnNames());
  const shifted = (c: string) =>
    c === 'id' ? 'new_id as id'
    : c === 'start_date' || c === 'start_date_local' ? `strftime(try_cast(${c} as timestamp) + to_days(cast(shift as integer)), '%Y-%m-%d %H:%M:%S') as ${c}`
    : `"${c}"`;
  const appendRows = async (name: string, select: string) => {
    const part = join(toDir, `${name}.part`);
    await con.run(`copy (${select}) to ${q(part)} (header false, delimiter ',')`);
    copyFileSync(join(fromDir, name), join(toDir, name));
    appendFileSync(join(toDir, name), readFileSync(part));
    rmSync(part);
  };
  await appendRows('strava_activities.csv', `select ${columns.map(shifted).join(', ')} from added order by athlete_id, id`);
  const splitColumns = (await (await con.runAndReadAll('select * from splits limit 0')).columnNames());
  await appendRows(
    'strava_sub_activity.csv',
    `select ${splitColumns.map((c) => (c === 'activity_id' ? 'a.new_id as activity_id' : `s."${c}"`)).join(', ')}
      from splits as s join added as a on s.activity_id = a.id
      order by a.new_id, cast(s.split_id as integer)`,
  );
  const [[acts]] = (await con.runAndReadAll('select count(*) from added')).getRows();
  const [[spl]] = (await con.runAndReadAll('select count(*) from splits as s join added as a on s.activity_id = a.id')).getRows();
  con.closeSync();
  instance.closeSync();
  return { activities: Number(acts), splits: Number(spl) };
}
