import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { attemptLogin } from '../../src/workflow/login.js';
import { cli } from '../support/cli.js';

/**
 * `medcoder user add|list|disable|enable|role|password` against a real store: each change
 * lands and is audit-logged as done by `cli`; a refused one (the policy, the last admin, an
 * unknown name) is a one-line error, exit code 1, and changes nothing.
 */
const targets: Array<{ name: string; options: StoreOptions; env: NodeJS.ProcessEnv }> = [];
const dir = mkdtempSync(join(tmpdir(), 'medcoder-user-cli-'));
targets.push({ name: 'pglite', options: { dataDir: dir }, env: { MEDCODER_DATA: dir, DATABASE_URL: '' } });
if (process.env.DATABASE_URL) {
  const schema = `t_user_cli_${process.pid}`;
  targets.push({
    name: 'postgres',
    options: { url: process.env.DATABASE_URL, schema },
    env: { MEDCODER_PG_SCHEMA: schema },
  });
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const pg = targets.find((t) => t.name === 'postgres');
  if (pg) {
    const store = await openStore(pg.options);
    await store.db.schema.dropSchema(pg.options.schema!).ifExists().cascade().execute();
    await store.close();
  }
});

describe.each(targets)('medcoder user (CLI, $name)', ({ options, env }) => {
  it('adds, disables, enables, changes role and password; refusals change nothing', async () => {
    const admin = await cli(['user', 'add', 'ann', '--role', 'admin'], env);
    expect(admin.code, admin.stderr).toBe(0);
    const annPassword = /password: (\S+)/.exec(admin.stdout)?.[1];
    expect(annPassword).toBeDefined();

    const weak = await cli(['user', 'add', 'bob', '--role', 'coder', '--password', '1234567890123'], env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/user add: password is a sequence/);
    const bob = await cli(['user', 'add', 'bob', '--role', 'coder'], {
      ...env,
      MEDCODER_PASSWORD: 'harbor violet engine',
    });
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).not.toMatch(/password:/);

    for (const args of [
      ['user', 'disable', 'bob'],
      ['user', 'role', 'bob', 'biller'],
      ['user', 'enable', 'bob'],
      ['user', 'unlock', 'bob'],
    ]) {
      const r = await cli(args, env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const reset = await cli(['user', 'password', 'bob'], env);
    expect(reset.code, reset.stderr).toBe(0);
    const bobPassword = /set: (\S+)/.exec(reset.stdout)?.[1];
    expect(bobPassword).toBeDefined();

    const lastAdmin = await cli(['user', 'disable', 'ann'], env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toMatch(/last active admin/);
    const unknown = await cli(['user', 'role', 'nobody', 'coder'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/user "nobody" does not exist/);
    const badRole = await cli(['user', 'role', 'bob', 'wizard'], env);
    expect(badRole.code).toBe(2);

    const list = await cli(['user', 'list'], env);
    expect(list.stdout).toMatch(/ann\s+admin\s+active/);
    expect(list.stdout).toMatch(/bob\s+biller\s+active/);

    const store = await openStore(options);
    try {
      const rows = await store.db
        .selectFrom('audit_log')
        .select(['action', 'username', 'detail'])
        .where('entity_type', '=', 'user')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.action, r.username])).toEqual([
        ['create', 'cli'],
        ['create', 'cli'],
        ['disable', 'cli'],
        ['role-change', 'cli'],
        ['enable', 'cli'],
        ['unlock', 'cli'],
        ['password-reset', 'cli'],
      ]);
      expect((await attemptLogin(store.db, 'bob', 'harbor violet engine', null)).ok).toBe(false);
      expect(await attemptLogin(store.db, 'bob', bobPassword!, null)).toMatchObject({
        ok: true,
        user: { username: 'bob', role: 'biller' },
      });
      expect((await attemptLogin(store.db, 'ann', annPassword!, null)).ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 240_000);
});
