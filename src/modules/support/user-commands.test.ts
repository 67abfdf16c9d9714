import { describe, expect, it } from 'vitest';
import {
  chageArgv,
  expiryDate,
  looksUnhashed,
  useraddArgv,
  userdelArgv,
  usermodPlan,
  type AccountInfo,
  type GroupInfo,
  type UserParams,
} from './user-commands.js';

const GROUPS: Record<string, GroupInfo> = {
  wheel: { name: 'wheel', gid: 10 },
  staff: { name: 'staff', gid: 50 },
  alice: { name: 'alice', gid: 1000 },
  '50': { name: 'staff', gid: 50 },
};
const lookup = (g: string): GroupInfo | undefined => GROUPS[g];
const ALICE: AccountInfo = {
  uid: 1000,
  gid: 1000,
  comment: '',
  home: '/home/alice',
  shell: '/bin/sh',
  password: '!',
  expires: -1,
  min: 0,
  max: 99999,
};
const p = (more: Partial<UserParams>): UserParams => ({ name: 'alice', update_password: 'always', ...more });

// create_user_useradd's command lines, as user.py builds them on Linux
const CREATE: [string, Partial<UserParams>, string[] | string][] = [
  ['a group named as the user: -N', {}, ['useradd', '-N', '-m', 'alice']],
  [
    'every option in its place',
    {
      name: 'bob',
      uid: 7,
      non_unique: true,
      group: 'wheel',
      groups: 'staff',
      comment: 'B',
      home: '/b',
      shell: '/bin/zsh',
      expires: 1893456000.9,
      password: 'h',
      password_lock: true,
      skeleton: '/s',
      umask: '077',
      system: true,
    },
    [
      'useradd',
      '-u',
      '7',
      '-o',
      '-g',
      'wheel',
      '-G',
      'staff',
      '-c',
      'B',
      '-d',
      '/b',
      '-s',
      '/bin/zsh',
      '-e',
      '2030-01-01',
      '-p',
      '!h',
      '-m',
      '-k',
      '/s',
      '-K',
      'UMASK=077',
      '-r',
      'bob',
    ],
  ],
  [
    'no home: -M, never-expiring',
    { name: 'bob', create_home: false, expires: -0.5 },
    ['useradd', '-e', '', '-M', 'bob'],
  ],
  ['a missing group', { name: 'bob', group: 'nope' }, 'Group nope does not exist'],
  ['a missing supplementary group', { name: 'bob', groups: 'staff, nope' }, 'Group nope does not exist'],
];

describe('useradd as user.py builds it', () => {
  it.each(CREATE)('%s', (_t, params, want) => {
    const built = useraddArgv(p(params), lookup);
    expect('argv' in built ? built.argv : built.fail).toEqual(want);
  });
});

// modify_user_usermod: what differs, and nothing when nothing does
const MODIFY: [string, Partial<UserParams>, string[], string[] | undefined | string][] = [
  ['nothing differs', { shell: '/bin/sh', comment: '' }, [], undefined],
  ['the primary group by its gid', { group: 'staff' }, [], ['usermod', '-g', '50', 'alice']],
  ['groups replaced', { groups: 'wheel' }, ['staff'], ['usermod', '-G', 'wheel', 'alice']],
  ['groups appended', { groups: 'wheel', append: true }, ['staff'], ['usermod', '-a', '-G', 'wheel', 'alice']],
  ['appending what is there', { groups: 'staff', append: true }, ['staff', 'wheel'], undefined],
  ['groups emptied', { groups: '' }, ['staff'], ['usermod', '-G', '', 'alice']],
  ['a home moved', { home: '/h', move_home: true }, [], ['usermod', '-d', '/h', '-m', 'alice']],
  ['unlocking a locked password', { password_lock: false }, [], ['usermod', '-U', 'alice']],
  ['a password replaces the lock flags', { password: 'h', password_lock: false }, [], ['usermod', '-p', 'h', 'alice']],
  ['on_create keeps the password', { password: 'h', update_password: 'on_create' }, [], undefined],
  ['an expiry', { expires: 1893456000 }, [], ['usermod', '-e', '2030-01-01', 'alice']],
  ['a missing group', { group: 'nope' }, [], 'Group nope does not exist'],
];

describe('usermod as user.py builds it', () => {
  it.each(MODIFY)('%s', (_t, params, current, want) => {
    const plan = usermodPlan(p(params), ALICE, current, lookup);
    expect('fail' in plan ? plan.fail : plan.argv).toEqual(want);
  });

  it('keeps an expiry that falls on the same day', () => {
    const info = { ...ALICE, expires: 21915 };
    expect(usermodPlan(p({ expires: 1893456000 + 3600 }), info, [], lookup)).toEqual({ after: [] });
    expect(usermodPlan(p({ expires: -1 }), info, [], lookup)).toEqual({
      argv: ['usermod', '-e', '', 'alice'],
      after: [],
    });
  });

  it('changes local groups with lgroupmod', () => {
    expect(usermodPlan(p({ local: true, groups: 'wheel' }), ALICE, ['staff'], lookup)).toEqual({
      after: [
        ['lgroupmod', '-M', 'alice', 'wheel'],
        ['lgroupmod', '-m', 'alice', 'staff'],
      ],
    });
  });
});

describe('userdel, chage and the password check', () => {
  it('builds userdel', () => {
    expect(userdelArgv(p({ force: true, remove: true }))).toEqual(['userdel', '-f', '-r', 'alice']);
    expect(userdelArgv(p({ force: true, local: true }))).toEqual(['luserdel', 'alice']);
  });

  it('runs chage only for what differs, and not without a shadow entry', () => {
    expect(chageArgv(p({ password_expire_max: 99999, password_expire_min: 2 }), ALICE)).toEqual([
      'chage',
      '-m',
      '2',
      'alice',
    ]);
    expect(chageArgv(p({ password_expire_max: 99999 }), ALICE)).toBeUndefined();
    expect(chageArgv(p({ password_expire_max: 5 }), { ...ALICE, min: undefined, max: undefined })).toBeUndefined();
  });

  it.each([
    ['secret', true],
    ['!', false],
    ['$6$salt$short', true],
    ['$1$salt$' + 'a'.repeat(22), false],
    ['$y$j9T$salt$' + 'a'.repeat(43), false],
    ['$6$salt$' + 'a'.repeat(85) + '*', true],
  ])('check_password_encrypted(%s) warns: %s', (pw, warns) => {
    expect(looksUnhashed(pw)).toBe(warns);
  });

  it('formats the expiry as a UTC date', () => {
    expect(expiryDate(0)).toBe('1970-01-01');
    expect(expiryDate(1893455999.5)).toBe('2029-12-31');
  });
});
